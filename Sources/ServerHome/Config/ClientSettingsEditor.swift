import Foundation
import KeyMaterial

/// A change to the client the self-test and `wssconsole message` act as (`[client]` and its keystore's table in the
/// home's settings file): what `wssconsole client set` gives. Passwords are named, never written: an environment
/// variable or a file.
public struct ClientSettingsEdit: Sendable {
    public enum Password: Sendable, Equatable {
        case environment(String)
        case file(String)
    }

    /// The keystore with the client's key pair and the service's certificate, as the operator gave its path; ""
    /// removes it (the self-test then signs as the service), as "" removes the user or principal.
    public var keystore: String?
    public var alias: String?
    public var storePassword: Password?
    public var serviceAlias: String?
    public var user: String?
    public var password: Password?
    public var kerberosPrincipal: String?
    public var kerberosPassword: Password?

    public init() {}

    public var isEmpty: Bool {
        [keystore, alias, serviceAlias, user, kerberosPrincipal].allSatisfy { $0 == nil }
            && [storePassword, password, kerberosPassword].allSatisfy { $0 == nil }
    }
}

extension Home {
    /// The settings change for `edit`, checked first: the keystore opens with its password, the alias is a key pair
    /// in it and the service alias a trusted certificate. Nothing is planned when any of that fails.
    public func planClientSettings(_ edit: ClientSettingsEdit, currentDirectory: String = FileManager.default.currentDirectoryPath) throws(HomeError) -> Change {
        guard !edit.isEmpty else { throw HomeError(.writeFailed, "Nothing to set", fix: "Give --keystore, --user or another setting (--help lists them).") }
        let settings = try settings()
        var edit = edit
        var file = try SettingsText(self, layout.settingsPath)
        // "" removes the keystore, as it removes the user or principal below.
        let removesKeystore = edit.keystore == "" && settings.client?.keystore != nil
        if edit.keystore == "" {
            try Self.removeKeystore(edit, settings, in: &file)
            edit.keystore = nil
        }
        // A path as keystore commands take it; settings name files relative to the home when inside it.
        func placed(_ path: String) throws(HomeError) -> String {
            let absolute = URL(fileURLWithPath: try namedFile(path, from: currentDirectory)).standardizedFileURL.path
            return relativePath(absolute) ?? absolute
        }
        if let keystore = edit.keystore { edit.keystore = try placed(keystore) }
        for keyPath in [\ClientSettingsEdit.storePassword, \.password, \.kerberosPassword] {
            if case .file(let path)? = edit[keyPath: keyPath] { edit[keyPath: keyPath] = .file(try placed(path)) }
        }
        var table = "keystore." + (settings.client?.keystore?.name ?? "client")
        var keystore = settings.client?.keystore ?? ConsoleSettings.Keystore(name: "client", file: "", alias: "", password: .none, demo: false)
        if settings.servesFrom(keystore.name), edit.keystore != nil || edit.alias != nil || edit.storePassword != nil {
            // A client that signs with the service's own table: the edit goes to a copy, so the service keeps its keystore.
            table = try Self.copy(table: table, for: settings, in: &file)
            keystore.name = String(table.dropFirst("keystore.".count))
        }
        if let path = edit.keystore {
            keystore.file = path
            // Another keystore: its key pair is the one given, or its only one.
            keystore.alias = ""
            keystore.demo = false
            keystore.keyPassword = .none
            try file.set(table, "file", .string(keystore.file))
            for key in ["demo", "key_password", "key_password_env", "key_password_file"] { try file.set(table, key, nil) }
        }
        if let password = edit.storePassword {
            keystore.password = password.source
            try Self.setPassword(password, "password", of: table, in: &file)
        }
        if edit.keystore != nil || edit.alias != nil || edit.storePassword != nil || edit.serviceAlias != nil {
            guard !keystore.file.isEmpty else {
                throw HomeError(.writeFailed, "No client keystore is set", fix: "Give --keystore FILE with --storepass-env NAME or --storepass-file FILE.")
            }
            let loader = KeystoreLoader(home: self)
            let store = try Self.open(keystore, loader: loader)
            if let alias = edit.alias { keystore.alias = alias } else { keystore.alias = try Self.onlyKeyPair(in: store, keystore, otherwise: keystore.alias) }
            if case .failure(let failure) = loader.keyPair(keystore.alias, in: store, of: keystore, namedIn: "--alias") {
                let pairs = store.entries.filter { $0.kind == .privateKey }.map(\.alias)
                throw HomeError(.writeFailed, failure.finding.message,
                                fix: failure.finding.code == "keystore.keyPassword" ? failure.finding.fix
                                    : "Key pairs in \(keystore.file): \(pairs.isEmpty ? "none" : pairs.joined(separator: ", ")).")
            }
            try file.set(table, "alias", .string(keystore.alias))
            try file.set("client", "keystore", .string(String(table.dropFirst("keystore.".count))))
            // Another keystore: the service's certificate is the one given, or its only trusted one.
            let serviceAlias = edit.serviceAlias ?? (edit.keystore == nil ? settings.client?.serviceAlias : nil)
            try Self.checkServiceCertificate(serviceAlias, in: store, keystore)
            try file.set("client", "service_alias", serviceAlias.map(TOMLValue.string))
        }
        // "" removes the user or principal, and with it the password that went with it; another name drops the
        // previous one's password too, which would only fail the new one's authentication.
        var droppedPasswords: [String] = []
        let client = settings.client ?? ClientSettings()
        for (key, name, password, previous, previousPassword) in [
            ("user", edit.user, edit.password, client.user, client.password),
            ("kerberos_principal", edit.kerberosPrincipal, edit.kerberosPassword, client.kerberosPrincipal, client.kerberosPassword),
        ] {
            let passwordKey = key == "user" ? "password" : "kerberos_password"
            if let name { try file.set("client", key, name.isEmpty ? nil : .string(name)) }
            let renamed = name.map { !$0.isEmpty && previous != nil && $0 != previous } ?? false
            if let password {
                try Self.setPassword(password, passwordKey, of: "client", in: &file)
            } else if name == "" || renamed {
                if renamed, let previous, previousPassword != .none { droppedPasswords.append("\(previous)'s password setting") }
                try Self.setPassword(nil, passwordKey, of: "client", in: &file)
            }
        }
        guard let fileEdit = file.edit(secret: Self.holdsPassword(file.text)) else {
            throw HomeError(.writeFailed, "\(layout.settingsPath) already says that", fix: "wssconsole client show prints the client settings.")
        }
        let dropped = droppedPasswords.isEmpty ? "" : "; removes " + droppedPasswords.joined(separator: " and ") + " (give the new one's)"
        // Lower case, as every change's summary: an undo and the history quote it mid-sentence.
        return Change(summary: "client: " + Self.summary(edit, removesKeystore: removesKeystore) + dropped, edits: [fileEdit])
    }

    /// No client keystore: `[client]`'s keystore and service certificate go, and the keystore's table (its header, file,
    /// key pair and passwords) unless the service's settings use that table too. The self-test then signs as the service.
    private static func removeKeystore(_ edit: ClientSettingsEdit, _ settings: ConsoleSettings, in file: inout SettingsText) throws(HomeError) {
        guard edit.alias == nil, edit.storePassword == nil, edit.serviceAlias == nil else {
            throw HomeError(.writeFailed, "Without a client keystore there is no key pair, keystore password or service certificate to set",
                            fix: "Remove the keystore alone (--keystore \"\"), or name one with --keystore FILE.")
        }
        guard let keystore = settings.client?.keystore else { return }
        try file.set("client", "keystore", nil)
        try file.set("client", "service_alias", nil)
        guard !settings.servesFrom(keystore.name) else { return }
        let table = "keystore." + keystore.name
        try file.removeKeys(of: table)
        // [client] named it and the service's settings do not: nothing else reads the table, so its header goes too.
        try file.removeIfEmpty(table)
    }

    /// A copy of the keystore table `table` (its file and passwords) under the first name the service's settings do
    /// not read ("client", "client2" ...), left empty of anything else it held.
    private static func copy(table: String, for settings: ConsoleSettings, in file: inout SettingsText) throws(HomeError) -> String {
        var name = "client", number = 1
        while settings.servesFrom(name) { number += 1; name = "client\(number)" }
        let copy = "keystore." + name
        let copied = try TOMLDocument(text: file.text).entries.filter { $0.table == table && $0.key != "alias" }
        try file.removeKeys(of: copy)
        for entry in copied { try file.set(copy, entry.key, entry.value) }
        return copy
    }

    private static func open(_ keystore: ConsoleSettings.Keystore, loader: KeystoreLoader) throws(HomeError) -> Keystore {
        switch loader.open(keystore) {
        case .success(let store): return store
        case .failure(let failure):
            throw HomeError(.writeFailed, failure.finding.message,
                            fix: failure.finding.code == "keystore.missing" ? "Check the path given to --keystore." : failure.finding.fix)
        }
    }

    /// The alias of the store's only key pair when none is given or configured.
    private static func onlyKeyPair(in store: Keystore, _ keystore: ConsoleSettings.Keystore, otherwise configured: String) throws(HomeError) -> String {
        if !configured.isEmpty { return configured }
        let pairs = store.entries.filter { $0.kind == .privateKey }
        guard pairs.count == 1 else {
            throw HomeError(.writeFailed, "\(keystore.file) holds \(pairs.isEmpty ? "no key pair" : "\(pairs.count) key pairs"): say which is the client's",
                            fix: pairs.isEmpty ? "Give a keystore with the client's key pair." : "--alias one of: \(pairs.map(\.alias).joined(separator: ", ")).")
        }
        return pairs[0].alias
    }

    /// The client encrypts to and trusts the service certificate: `alias` (or the only trusted entry) must be one.
    private static func checkServiceCertificate(_ alias: String?, in store: Keystore, _ keystore: ConsoleSettings.Keystore) throws(HomeError) {
        let trusted = store.entries.filter { $0.kind == .trustedCertificate }
        if let alias {
            guard trusted.contains(where: { $0.alias.lowercased() == alias.lowercased() }) else {
                throw HomeError(.writeFailed, "\(keystore.file) has no trusted certificate under the alias \(alias)",
                                fix: trusted.isEmpty ? Self.importServiceCertificate(into: keystore.file, alias: alias)
                                    : "Trusted entries: \(trusted.map(\.alias).joined(separator: ", ")).")
            }
        } else if trusted.count != 1 {
            throw HomeError(.writeFailed, "\(keystore.file) holds \(trusted.isEmpty ? "no trusted certificate" : "\(trusted.count) trusted certificates"): the client needs the service's",
                            fix: trusted.isEmpty ? Self.importServiceCertificate(into: keystore.file, alias: "service")
                                : "--service-alias one of: \(trusted.map(\.alias).joined(separator: ", ")).")
        }
    }

    private static func importServiceCertificate(into file: String, alias: String) -> String {
        "Export the service's certificate (wssconsole keystore export --entry keystore --alias KEY_ALIAS --out service.pem) and import it: "
            + "wssconsole keystore import --keystore \(file) --alias \(alias) --file service.pem --storepass-env NAME."
    }

    /// Names where `key`'s password is read from (`KEY_env` or `KEY_file`), the other forms removed; nil removes all.
    private static func setPassword(_ password: ClientSettingsEdit.Password?, _ key: String, of table: String, in file: inout SettingsText) throws(HomeError) {
        if let name = password?.environmentName, ClientSettingsEdit.Password.problem(environmentName: name) != nil {
            throw HomeError(.writeFailed, "\(name) is not an environment variable name", fix: "Use letters, digits and _.")
        }
        try file.set(table, key, nil)
        try file.set(table, key + "_env", password?.environmentName.map(TOMLValue.string))
        try file.set(table, key + "_file", password?.filePath.map(TOMLValue.string))
    }

    /// Whether the settings text holds a password itself (the demo's do): it is then written owner-only.
    private static func holdsPassword(_ text: String) -> Bool {
        guard let document = try? TOMLDocument(text: text) else { return true }
        return document.tables.contains { table in ["password", "key_password", "kerberos_password"].contains { document.value(table, $0) != nil } }
    }

    private static func summary(_ edit: ClientSettingsEdit, removesKeystore: Bool) -> String {
        [removesKeystore ? "no keystore (the self-test signs as the service)" : nil, edit.keystore.map { "keystore \($0)" },
         edit.alias.map { "key pair \($0)" }, edit.storePassword.map { _ in "keystore password" },
         edit.serviceAlias.map { "service certificate \($0)" }, edit.user.map { $0.isEmpty ? "no user" : "user \($0)" },
         edit.password.map { _ in "user password" }, edit.kerberosPrincipal.map { $0.isEmpty ? "no Kerberos principal" : "Kerberos principal \($0)" },
         edit.kerberosPassword.map { _ in "Kerberos password" }].compactMap { $0 }.joined(separator: ", ")
    }
}

extension ClientSettingsEdit.Password {
    /// Why `name` cannot name an environment variable in the settings, or nil (the console's prompt checks it too).
    public static func problem(environmentName name: String) -> String? {
        !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? nil : "letters, digits and _ only"
    }

    var source: ConsoleSettings.PasswordSource {
        switch self {
        case .environment(let name): .environment(name)
        case .file(let path): .file(path)
        }
    }
    var environmentName: String? { if case .environment(let name) = self { name } else { nil } }
    var filePath: String? { if case .file(let path) = self { path } else { nil } }
}
