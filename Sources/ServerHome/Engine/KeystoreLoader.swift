import Foundation
import KeyMaterial
import WSSecurity

/// Opens a keystore the settings name, for the checks and for the engine's contexts alike; what goes wrong is a
/// finding that says how to fix it. One loader serves one validation pass: each keystore is opened (its key
/// derivations run) once, however many checks and contexts need it, and forgotten with the pass.
final class KeystoreLoader {
    let home: Home
    /// By the settings' name and file (one pass reads one version of the settings).
    private var opened: [String: Result<PKCS12Keystore, FindingFailure>] = [:]

    init(home: Home) {
        self.home = home
    }

    func open(_ keystore: ConsoleSettings.Keystore) -> Result<PKCS12Keystore, FindingFailure> {
        let key = keystore.name + "\u{0}" + keystore.file
        if let known = opened[key] { return known }
        let result = load(keystore)
        opened[key] = result
        return result
    }

    private func load(_ keystore: ConsoleSettings.Keystore) -> Result<PKCS12Keystore, FindingFailure> {
        let settingsPath = home.layout.settingsPath
        guard let bytes = FileSystem.read(FileSystem.join(home.root, keystore.file)) else {
            return .failure(FindingFailure(.error, "keystore.missing", "The keystore \(keystore.file) cannot be read",
                                    fix: "Check the path in \(settingsPath), or create the keystore."))
        }
        if KeystoreFormat.detect(Data(bytes)) == .jks {
            return .failure(FindingFailure(.warning, "keystore.jks", "\(keystore.file) is a JKS keystore, which wssconsole cannot open yet",
                                    fix: "Its entries are not checked; convert it to PKCS#12 to have them checked."))
        }
        let password: Secret
        switch keystore.password.resolve(homeRoot: home.root) {
        case .success(let secret): password = secret
        case .failure(let error): return .failure(FindingFailure(.error, "keystore.password", error.message, fix: error.fix))
        }
        do {
            return .success(try PKCS12Keystore(data: Data(bytes), password: password))
        } catch let error as KeyMaterialError where error.code == .wrongPassword {
            return .failure(FindingFailure(.error, "keystore.wrongPassword", "The password for \(keystore.file) is wrong",
                                    fix: "Correct it in \(settingsPath)."))
        } catch {
            return .failure(FindingFailure(.error, "keystore.unreadable", "\(keystore.file) is not a keystore wssconsole can read: \(error)",
                                    fix: "PKCS#12 is read today; JKS support is coming."))
        }
    }

    /// A key entry's password must be the store's in PKCS#12 (one password protects both, as keytool writes them);
    /// a different `key_password` is what Rampart would use, and would fail there.
    func keyPasswordFinding(_ keystore: ConsoleSettings.Keystore) -> Finding? {
        guard keystore.keyPassword != .none else { return nil }
        let key: Secret, store: Secret
        switch (keystore.keyPassword.resolve(homeRoot: home.root), keystore.password.resolve(homeRoot: home.root)) {
        case (.success(let k), .success(let s)): (key, store) = (k, s)
        case (.failure(let error), _), (_, .failure(let error)):
            return Finding(.error, "keystore.keyPassword", "The key password of \(keystore.file): \(error.message)", fix: error.fix)
        }
        guard !key.isEqual(to: store) else { return nil }
        return Finding(.error, "keystore.keyPassword", "The key password for \(keystore.alias) in \(keystore.file) is wrong (this PKCS#12 keystore protects its key with the store password)",
                       fix: "Set key_password to the store password in \(home.layout.settingsPath), or remove it.")
    }
}

/// A check that failed, as an error: the finding says what and how to fix it.
struct FindingFailure: Error {
    let finding: Finding
    init(_ severity: Finding.Severity, _ code: String, _ message: String, fix: String = "") {
        finding = Finding(severity, code, message, fix: fix)
    }
}

extension SecurityPolicy {
    /// The service key's alias as the policy's Rampart block names it (crypto `alias` property, else `user`).
    var serviceKeyAlias: String? {
        let crypto = rampart?.signatureCrypto ?? rampart?.encryptionCrypto
        return crypto?.properties.first { $0.name.hasSuffix(".alias") }?.value ?? rampart?.user
    }
}
