import Foundation
import KeyMaterial
import WSSecurity

/// Opens a keystore the settings name (JKS, PKCS#12 or PEM), for the checks and for the engine's contexts alike;
/// what goes wrong is a finding that says how to fix it. One loader serves one validation pass: each keystore is
/// opened (its key derivations run) once, however many checks and contexts need it, and forgotten with the pass.
final class KeystoreLoader {
    let home: Home
    /// By the settings' name and file (one pass reads one version of the settings).
    private var opened: [String: Result<Keystore, FindingFailure>] = [:]

    init(home: Home) {
        self.home = home
    }

    func open(_ keystore: ConsoleSettings.Keystore) -> Result<Keystore, FindingFailure> {
        let key = keystore.name + "\u{0}" + keystore.file
        if let known = opened[key] { return known }
        let result = load(keystore)
        opened[key] = result
        return result
    }

    /// The key pair under `alias`, opened with the configured key password (the store password when none is set):
    /// a missing alias, a trusted certificate in its place and a wrong key password are each their own finding.
    func keyPair(_ alias: String, in store: Keystore, of keystore: ConsoleSettings.Keystore,
                 namedIn source: String) -> Result<(key: PrivateKey, chain: [Certificate]), FindingFailure> {
        guard let entry = store.entry(alias: alias) else {
            return .failure(FindingFailure(.error, "keystore.alias", "\(keystore.file) has no key pair under the alias \(alias) (named in \(source))",
                                           fix: "Entries: \(store.entries.map(\.alias).joined(separator: ", ")). Correct the alias and re-apply the scenario."))
        }
        guard entry.kind == .privateKey, !entry.chain.isEmpty else {
            return .failure(FindingFailure(.error, "keystore.aliasNotKey", "\(alias) (named in \(source)) is a trusted certificate in \(keystore.file), not a key pair",
                                           fix: "Name the alias of the service's key pair, or import the key."))
        }
        let source = keystore.keyPassword == .none ? keystore.password : keystore.keyPassword
        let password: Secret
        switch source.resolve(homeRoot: home.root) {
        case .success(let secret): password = secret
        case .failure(let error):
            return .failure(FindingFailure(.error, "keystore.keyPassword", "The key password of \(alias) in \(keystore.file): \(error.message)", fix: error.fix))
        }
        do {
            return .success((try store.privateKey(alias: alias, password: password), entry.chain))
        } catch {
            let own = keystore.keyPassword == .none ? "the store password does not open it" : "key_password does not open it"
            return .failure(FindingFailure(.error, "keystore.keyPassword", "The key password for \(alias) in \(keystore.file) is wrong: \(own)",
                                           fix: "Set key_password to the key's own password in \(home.layout.settingsPath)."))
        }
    }

    private func load(_ keystore: ConsoleSettings.Keystore) -> Result<Keystore, FindingFailure> {
        let settingsPath = home.layout.settingsPath
        let password: Secret
        switch keystore.password.resolve(homeRoot: home.root) {
        case .success(let secret): password = secret
        case .failure(let error): return .failure(FindingFailure(.error, "keystore.password", error.message, fix: error.fix))
        }
        var keyPasswords: [String: Secret] = [:]
        if case .success(let secret) = keystore.keyPassword.resolve(homeRoot: home.root) { keyPasswords[keystore.alias] = secret }
        do {
            return .success(try home.openKeystore(at: keystore.file, password: password, keyPasswords: keyPasswords))
        } catch {
            switch error.code {
            case .keystoreNotFound:
                return .failure(FindingFailure(.error, "keystore.missing", "The keystore \(keystore.file) cannot be read",
                                               fix: "Check the path in \(settingsPath), or create the keystore."))
            case .keystoreWrongPassword:
                return .failure(FindingFailure(.error, "keystore.wrongPassword", "The password for \(keystore.file) is wrong",
                                               fix: Self.wrongPasswordFix(keystore.password, settingsPath: settingsPath)))
            default:
                return .failure(FindingFailure(.error, "keystore.unreadable", error.message, fix: error.fix))
            }
        }
    }
}

extension KeystoreLoader {
    /// Where the wrong password came from, and so where to correct it: the variable or file named, or the settings.
    static func wrongPasswordFix(_ source: ConsoleSettings.PasswordSource, settingsPath: String) -> String {
        switch source {
        case .environment(let name): "It comes from the environment variable \(name): give it the keystore's password (or name another in \(settingsPath))."
        case .file(let path): "It comes from the file \(path): put the keystore's password in it (or name another in \(settingsPath))."
        default: "Correct it in \(settingsPath)."
        }
    }
}

/// A check that failed, as an error: the finding says what and how to fix it.
struct FindingFailure: Error {
    let finding: Finding
    init(_ severity: Finding.Severity, _ code: String, _ message: String, fix: String = "") {
        finding = Finding(severity, code, message, fix: fix)
    }
}

extension Keystore {
    /// The certificates of the trusted entries.
    var trustedCertificates: [Certificate] {
        entries.filter { $0.kind == .trustedCertificate }.compactMap(\.certificate)
    }

    /// The certificates a service trusts its clients by, as Micro Integrator's ServerCrypto does: every certificate
    /// the store holds, a key pair's own included (WSO2's samples sign their clients with the server's key pair).
    var certificatesTrustedByService: [Certificate] {
        entries.compactMap(\.certificate)
    }
}

extension SecurityPolicy {
    /// The service key's alias. Where the service signs with its key pair (an asymmetric binding, or the bootstrap of
    /// a SecureConversation token), the one Rampart signs with: `userCertAlias`, else `user`, else the crypto's
    /// `alias`. Elsewhere Rampart finds the key that decrypts by the certificate the client names, so the crypto's
    /// alias (the key wssconsole's client encrypts to) comes first.
    var serviceKeyAlias: String? { serviceSignsWithKeyPair ? rampartSigningAlias ?? cryptoAlias : cryptoAlias ?? rampartSigningAlias }

    /// Whether Rampart signs with the service's key pair, and so with `rampart:user`.
    var serviceSignsWithKeyPair: Bool {
        switch alternative.binding {
        case .asymmetric: true
        case .symmetric(let binding):
            if case .secureConversation(let token) = binding.protectionToken, case .asymmetric = token.bootstrap.binding { true } else { false }
        case .transport: false
        }
    }

    /// `rampart:userCertAlias`, else `rampart:user`.
    var rampartSigningAlias: String? { rampart?.userCertAlias ?? rampart?.user }

    /// The crypto's alias, where Rampart signs with another key (`rampart:user`): one of the two is wrong.
    var disagreeingCryptoAlias: String? {
        serviceSignsWithKeyPair && rampartSigningAlias != nil && cryptoAlias != rampartSigningAlias ? cryptoAlias : nil
    }

    /// The crypto's `...crypto.alias` property (WSO2's ServerCrypto), signature crypto first.
    var cryptoAlias: String? {
        (rampart?.signatureCrypto ?? rampart?.encryptionCrypto)?.properties.first { $0.name.hasSuffix(".alias") }?.value
    }
}
