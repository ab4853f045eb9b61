import Foundation
import KeyMaterial

/// Keystore management as home operations: list the home's keystores, open one, and plan every write as a
/// ``Change`` (binary, owner-only file edits) so it gets the change path's history, undo, lock and audit log.
///
/// For the console: `keystores()`, `keystore(named:)`, `configuredPassword(of:)`, `openKeystore(_:password:)`,
/// then `planKeystoreEdit(_:password:summary:edit:)` (edit a copy, get the change) or `planKeystoreWrite` to
/// write a value to a (new) file, and `commit` as for every other change.
extension Home {
    /// The home's keystores: every file the settings name (service keystore, truststore, the self-test client's,
    /// others; a missing one too, so it shows as missing), then the other keystore files of the folders of
    /// ``HomeKeystore/folders`` that no setting names, whatever path the setting gives it.
    public func keystores() throws(HomeError) -> [HomeKeystore] {
        let settings = try settings()
        var named = settings.keystores
        // On Micro Integrator the client's table is in wssconsole/console.toml, beside deployment.toml's keystores.
        if let client = settings.client?.keystore, !named.contains(where: { $0.name == client.name }) { named.append(client) }
        var result: [HomeKeystore] = []
        for keystore in named {
            let role: HomeKeystore.Role = keystore.name == settings.serviceKeystore ? .keystore
                : keystore.name == (settings.trustKeystore ?? settings.serviceKeystore) ? .truststore
                : keystore.name == settings.client?.keystore?.name ? .client : .configured
            result.append(describe(keystore.file, name: keystore.name, role: role, alias: keystore.alias.isEmpty ? nil : keystore.alias,
                                   password: keystore.password))
        }
        // A setting may name a folder's file another way ("./keystores/x.p12", an absolute path, a symbolic link).
        let namedFiles = Set(result.map { resolvedPath($0.path) })
        for folder in HomeKeystore.folders {
            // A write's temporary is not a keystore, even one a killed run left (the next write removes it).
            for file in FileSystem.list(FileSystem.join(root, folder)).sorted() where !FileSystem.isTemporaryName(file) {
                let path = "\(folder)/\(file)"
                guard !namedFiles.contains(resolvedPath(path)) else { continue }
                let found = describe(path, name: file, role: .found, alias: nil, password: nil)
                if found.format != .unknown { result.append(found) }
            }
        }
        return result
    }

    /// `path` (relative to the home or absolute) as one file has one name: absolute, without `.`, `..` or links.
    private func resolvedPath(_ path: String) -> String {
        URL(fileURLWithPath: fullPath(path)).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// A keystore by its settings name, its role ("keystore", "truststore"), or a path (relative to the home or
    /// absolute, inside the home or not: writes need it inside).
    public func keystore(named name: String) throws(HomeError) -> HomeKeystore {
        let all = try keystores()
        let settings = try settings()
        // The roles name the settings' keystores; the service keystore is also the truststore when none is set.
        let wanted = name == "keystore" ? settings.serviceKeystore : name == "truststore" ? settings.trustKeystore ?? settings.serviceKeystore : name
        if let match = all.first(where: { $0.name == wanted && $0.role != .found }) ?? all.first(where: { $0.name == name }) {
            return match
        }
        let absolute = try namedFile(name)
        let relative = relativePath(absolute) ?? absolute
        if let match = all.first(where: { resolvedPath($0.path) == resolvedPath(absolute) }) { return match }
        guard name.contains("/") || name.contains(".") || FileSystem.exists(absolute) else {
            throw HomeError(.keystoreNotFound, "No keystore named \(name)",
                            fix: "wssconsole keystore list shows them; or give the file: --keystore PATH.")
        }
        return describe(relative, name: (absolute as NSString).lastPathComponent, role: .found, alias: nil, password: nil)
    }

    /// A file named on the command line, absolute: the file here (`directory`) when there is one, else the home's.
    /// A name both have, as two different files, is refused: from a checkout of wssconsole, keystores/NAME is the
    /// repository's demo file and also the demo home's copy, and changing the wrong one is worse than asking.
    func namedFile(_ name: String, from directory: String = FileManager.default.currentDirectoryPath) throws(HomeError) -> String {
        let here = URL(fileURLWithPath: name.hasPrefix("/") ? name : FileSystem.join(directory, name)).standardizedFileURL.path
        if name.hasPrefix("/") { return here }
        let inHome = FileSystem.join(root, name)
        guard FileSystem.exists(here) else { return inHome }
        if FileSystem.exists(inHome), resolvedPath(here) != resolvedPath(inHome) {
            throw HomeError(.pathAmbiguous, "\(name) names two files: \(here) here and \(inHome) in the home",
                            fix: "Give the one you mean by its absolute path.")
        }
        return here
    }

    /// Where a new file named on the command line goes: an absolute path as given; a relative one from the current
    /// folder when that lands inside the home, else from the home (`--out keystores/new.p12` from anywhere).
    public func pathForNewFile(_ given: String) -> String {
        let fromHere = FileSystem.absolute(given)
        return given.hasPrefix("/") || relativePath(fromHere) != nil ? fromHere : FileSystem.join(root, given)
    }

    /// The store password the settings give for `keystore` (never printed).
    public func configuredPassword(of keystore: HomeKeystore) throws(HomeError) -> Secret {
        guard let result = settingsPassword(of: keystore) else {
            throw HomeError(.keystoreWrongPassword, "The settings give no password for \(keystore.path)", fix: "Give it: --storepass-env NAME or --storepass-file F.")
        }
        return try result.get()
    }

    /// The store password the settings give for `keystore`; nil when they name none; a failure says why the one
    /// they name cannot be had here (an unset variable, a secure-vault alias), for the operator to type it instead.
    public func settingsPassword(of keystore: HomeKeystore) -> Result<Secret, HomeError>? {
        guard let source = keystore.password, source != .none else { return nil }
        return source.resolve(homeRoot: root)
    }

    /// Reads and opens `keystore`; a wrong password and a damaged file are told apart.
    public func openKeystore(_ keystore: HomeKeystore, password: Secret, keyPasswords: [String: Secret] = [:]) throws(HomeError) -> Keystore {
        try openKeystore(at: keystore.path, password: password, keyPasswords: keyPasswords)
    }

    /// Reads and opens the keystore at `path` (relative to the home); the one place a home's keystore is opened.
    func openKeystore(at path: String, password: Secret, keyPasswords: [String: Secret] = [:]) throws(HomeError) -> Keystore {
        try openKeystore(bytes: try keystoreBytes(at: path), path: path, password: password, keyPasswords: keyPasswords)
    }

    /// Whether `keystore` needs a password to open: false for a PEM file without encrypted keys. Reads the file,
    /// so a missing or unreadable one fails here, before anyone is asked for a password it would not use.
    public func passwordNeeded(for keystore: HomeKeystore) throws(HomeError) -> Bool {
        Keystore.needsPassword(data: Data(try keystoreBytes(at: keystore.path)))
    }

    private func keystoreBytes(at path: String) throws(HomeError) -> [UInt8] {
        guard let bytes = FileSystem.read(fullPath(path)) else {
            throw HomeError(.keystoreNotFound, "Cannot read the keystore \(path)", fix: "Check the path and its permissions.")
        }
        return bytes
    }

    private func openKeystore(bytes: [UInt8], path: String, password: Secret, keyPasswords: [String: Secret]) throws(HomeError) -> Keystore {
        do {
            return try Keystore.open(data: Data(bytes), password: password, keyPasswords: keyPasswords)
        } catch let error as KeyMaterialError {
            throw HomeError(keystoreError: error, path: path, format: KeystoreFormat.detect(Data(bytes)))
        } catch {
            throw HomeError(.keystoreUnreadable, "\(path): \(error)")
        }
    }

    /// Opens `keystore`, lets `edit` change a copy, and plans writing it back in its format with `newPassword`
    /// (the same password when nil). Nothing is written until the change is committed; keystore errors
    /// of `edit` become `HomeError`s, its other errors pass through.
    public func planKeystoreEdit(_ keystore: HomeKeystore, password: Secret, keyPasswords: [String: Secret] = [:],
                                 newPassword: Secret? = nil, summary: String,
                                 edit: (inout Keystore) throws -> Void) throws -> Change {
        // The change replaces exactly the bytes the edit started from: the commit then refuses a file another
        // command rewrote meanwhile (a 4096-bit key takes seconds), instead of dropping that command's entry.
        let opened = try keystoreBytes(at: keystore.path)
        var store = try openKeystore(bytes: opened, path: keystore.path, password: password, keyPasswords: keyPasswords)
        let original = store
        // Errors of `edit` other than the keystore's own are the caller's and pass through as they are.
        do { try edit(&store) } catch let error as KeyMaterialError {
            throw HomeError(keystoreError: error, path: keystore.path, format: store.format)
        }
        return try planKeystoreWrite(store, to: keystore.path, format: nil, password: newPassword ?? password, summary: summary,
                                     replacing: opened, previous: original)
    }

    /// Plans writing `store` to `path` (relative to the home, or absolute inside it) in `format` (the store's
    /// own by default): a new file or a replacement, owner-only (0600) either way. With `previous` (the store it was
    /// made from), the change's notes say which entries it adds, renames, replaces or removes.
    public func planKeystoreWrite(_ store: Keystore, to path: String, format: KeystoreFormat? = nil, password: Secret,
                                  summary: String, previous: Keystore? = nil) throws(HomeError) -> Change {
        try planKeystoreWrite(store, to: path, format: format, password: password, summary: summary, replacing: nil, previous: previous)
    }

    /// As above; `opened` is the file as it was read to make `store` (nil: the file as it is now).
    private func planKeystoreWrite(_ store: Keystore, to path: String, format: KeystoreFormat?, password: Secret,
                                   summary: String, replacing opened: [UInt8]?, previous: Keystore?) throws(HomeError) -> Change {
        let absolute = path.hasPrefix("/") ? path : FileSystem.join(root, path)
        guard let relative = relativePath(FileSystem.absolute(absolute)) else {
            throw HomeError(.keystoreOperationFailed, "\(path) is outside the home \(root): changes are written inside a home only",
                            fix: "Copy the keystore into the home's keystores/ folder, or give --home the folder that holds it.")
        }
        let bytes: Data
        do { bytes = try store.serialized(format: format, password: password) } catch let error as KeyMaterialError {
            throw HomeError(keystoreError: error, path: relative, format: format ?? store.format)
        } catch {
            throw HomeError(.keystoreOperationFailed, "\(relative): \(error)")
        }
        let before = opened ?? FileSystem.read(fullPath(relative))
        // A foreign alias may hold an ESC (keytool allows it): history and the audit log show it escaped.
        return Change(summary: PrintableText.escaped(summary), edits: [FileEdit(path: relative, before: before, after: [UInt8](bytes), secret: true)],
                      notes: previous.map { KeystoreEntryChanges.lines(relative, before: $0, after: store) } ?? [])
    }

    private func describe(_ path: String, name: String, role: HomeKeystore.Role, alias: String?,
                          password: ConsoleSettings.PasswordSource?) -> HomeKeystore {
        let bytes = FileSystem.read(fullPath(path))
        return HomeKeystore(name: name, path: path, role: role, alias: alias,
                            format: bytes.map { KeystoreFormat.detect(Data($0)) } ?? .unknown, exists: bytes != nil, password: password)
    }

    func fullPath(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileSystem.join(root, path)
    }

    /// `absolute` relative to the root, or nil when it lies outside the home.
    func relativePath(_ absolute: String) -> String? {
        let base = root.hasSuffix("/") ? root : root + "/"
        guard absolute.hasPrefix(base) else { return nil }
        return String(absolute.dropFirst(base.count))
    }
}

extension Home {
    /// Private keys in a file the host's other users can read, as a warning with its fix; nil when the file is
    /// owner-only, holds no private key, or is demo material (its passwords are published anyway). An unencrypted
    /// PEM key is then anyone's; a store's password only slows them down.
    public func exposure(of target: HomeKeystore, holdsPrivateKeys: Bool) -> (message: String, fix: String)? {
        guard holdsPrivateKeys, (try? settings())?.keystores.contains(where: { $0.demo && $0.file == target.path }) != true else { return nil }
        return readableByOthers(target.path, holding: "private keys")
    }
}

extension HomeError {
    /// A keystore failure in the administration layer's terms, with what to do about it.
    init(keystoreError error: KeyMaterialError, path: String, format: KeystoreFormat? = nil, file: String = #fileID, line: Int = #line) {
        switch error.code {
        case .wrongPassword where format == .pem:
            self.init(.keystoreWrongPassword, "\(path): \(error.reason)",
                      fix: error.fix ?? "The PEM file's key is encrypted: give the password it was encrypted with (--storepass-env NAME or --storepass-file F).",
                      file: file, line: line)
        case .wrongPassword:
            // A key's own password that does not open it says so in its fix; otherwise it is the store password.
            self.init(.keystoreWrongPassword, "\(path): \(error.reason)", fix: error.fix ?? "Check the store password (--storepass-env NAME or --storepass-file F).",
                      file: file, line: line)
        case .corrupt:
            self.init(.keystoreUnreadable, "\(path) is damaged: \(error.reason)", fix: error.fix ?? "Restore it from a backup or the history (wssconsole undo).",
                      file: file, line: line)
        case .unsupported:
            self.init(.keystoreUnreadable, "\(path): \(error.reason)", fix: error.fix ?? "wssconsole reads JKS, PKCS #12 and PEM.", file: file, line: line)
        default:
            self.init(.keystoreOperationFailed, "\(path): \(error.reason)", file: file, line: line)
        }
    }
}
