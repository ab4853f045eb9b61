import Foundation
import UserStores

/// Plans a ``UserStoreProfileEdit`` as a ``Change``: each setting changes one line of `[user_store]` (a missing key
/// is added after the table's last entry), every other byte of the file stays as it was.
struct UserStoreProfileEditor {
    let home: Home

    func plan(_ edit: UserStoreProfileEdit) throws(HomeError) -> Change {
        if home.layout == .microIntegrator, let type = edit.type, !type.hasSuffix("_ldap") {
            throw HomeError(.writeFailed, "Micro Integrator has no \(type) user store type wssconsole can set",
                            fix: "Use read_only_ldap (or read_write_ldap); wssconsole's embedded store is for native homes.")
        }
        let mainPath = home.userStoreSettingsFile
        let ownPath = home.layout.settingsPath
        var main = try SettingsText(home, mainPath)
        var own = mainPath == ownPath ? nil : try SettingsText(home, ownPath)
        for (key, value) in edit.settings { try main.set("user_store", key, value) }
        try password(edit.password, in: &main)
        // The password set replaces the one wssconsole's own file gave, which would still be the one wssconsole uses.
        if edit.password != nil, own != nil {
            for key in [LDAPSettings.keys.passwordEnv, LDAPSettings.keys.passwordFile] { try own!.set("user_store", key, nil) }
            try own!.removeIfEmpty("user_store")
        }
        for (key, value) in edit.ownSettings {
            if own != nil {
                try own!.set("user_store", key, value)
            } else {
                try main.set("user_store", key, value)
            }
        }
        // A file that holds the bind password in clear is written owner-only, and tightened when it was not.
        let edits = [main, own].compactMap { file in file.flatMap { $0.edit(secret: Self.holdsClearPassword($0.text)) } }
        let current = try? home.settings().userStoreType
        return Change(summary: summary(edit, switchingFrom: edit.type == current ? nil : current), edits: edits)
    }

    /// True when the text's `[user_store]` names the bind password itself (not behind a placeholder such as `$env{NAME}` or a vault alias, nor in a file).
    static func holdsClearPassword(_ text: String) -> Bool {
        guard case .string(let value)? = (try? TOMLDocument(text: text))?.value("user_store", LDAPSettings.keys.password) else { return false }
        return WSO2Placeholders.isClear(value)
    }

    /// What the confirmation says besides the summary: the store the home switches to, where a clear password goes,
    /// and a connection that sends the passwords unencrypted.
    static func notes(for change: Change, home: Home) -> [String] {
        var notes: [String] = []
        let mainPath = home.userStoreSettingsFile
        let defaultType = home.layout == .microIntegrator ? "read_only_ldap" : "embedded"
        if let main = change.edits.first(where: { $0.path == mainPath }) {
            let before = type(main.before) ?? defaultType, after = type(main.after) ?? before
            if before != after {
                notes.append(after.hasSuffix("_ldap")
                    ? "The home's user store becomes the LDAP directory (type \(before) -> \(after)): users and roles then come from it, not from the embedded store."
                    : "The home's user store becomes the embedded store (type \(before) -> \(after)): users and roles then come from its file, not from LDAP.")
            }
        }
        for edit in change.edits where edit.secret {
            notes.append("The bind password is stored in clear in \(edit.path) (connection_password, as WSO2 does); "
                         + "wssconsole writes that file owner-only (0600). An environment variable keeps it out of the file.")
        }
        // What validation's userstore.ldap.cleartext will say of the settings written.
        let ownPath = home.layout.settingsPath
        let main = bytes(mainPath, after: change, home: home)
        let own = mainPath == ownPath ? nil : document(bytes(ownPath, after: change, home: home)) ?? .empty
        let storeType = type(main) ?? defaultType
        if storeType.hasSuffix("_ldap") || storeType == "ldap", let toml = document(main),
           LDAPSettings.read(toml, own: own, file: mainPath, ownFile: ownPath)?.profile.security == LDAPProfile.Security.none {
            notes.append("\(LDAPChecks.cleartext.message). \(LDAPChecks.cleartext.fix)")
        }
        return notes
    }

    /// A settings file as the change leaves it.
    private static func bytes(_ path: String, after change: Change, home: Home) -> [UInt8]? {
        if let edit = change.edits.first(where: { $0.path == path }) { return edit.after }
        return FileSystem.read(FileSystem.join(home.root, path))
    }

    private static func document(_ bytes: [UInt8]?) -> TOMLDocument? {
        bytes.flatMap { try? TOMLDocument(text: String(decoding: $0, as: UTF8.self)) }
    }

    /// `[user_store] type`, when the file sets it.
    private static func type(_ bytes: [UInt8]?) -> String? {
        guard case .string(let value)? = document(bytes)?.value("user_store", "type") else { return nil }
        return value
    }

    private func password(_ choice: UserStoreProfileEdit.Password?, in file: inout SettingsText) throws(HomeError) {
        let k = LDAPSettings.keys
        guard let choice else { return }
        switch choice {
        case .inline(let secret):
            guard let clear = secret.withUnsafeBytes({ String(validating: $0, as: UTF8.self) }) else {
                throw HomeError(.writeFailed, "The bind password is not UTF-8 text", fix: "Use an environment variable instead.")
            }
            try file.set("user_store", k.password, .string(clear))
            try file.set("user_store", k.passwordFile, nil)
            try file.set("user_store", k.passwordEnv, nil)
        case .environment(let name):
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw HomeError(.writeFailed, "\(name) is not an environment variable name", fix: "Use letters, digits and _.")
            }
            try file.set("user_store", k.password, .string("$env{\(name)}"))
            try file.set("user_store", k.passwordFile, nil)
            try file.set("user_store", k.passwordEnv, nil)
        case .file(let path):
            guard home.layout == .native else {
                throw HomeError(.writeFailed, "Micro Integrator reads the bind password from deployment.toml, not from a file",
                                fix: "Use --bind-password-env NAME (written as $env{NAME}, which MI resolves) or the password itself.")
            }
            try file.set("user_store", k.passwordFile, .string(path))
            try file.set("user_store", k.password, nil)
            try file.set("user_store", k.passwordEnv, nil)
        case .none:
            try file.set("user_store", k.password, nil)
            try file.set("user_store", k.passwordFile, nil)
            try file.set("user_store", k.passwordEnv, nil)
        }
    }

    /// `switchingFrom` is the store type the edit replaces, when it sets another one. Lower case, as every change's
    /// summary: an undo quotes it mid-sentence.
    private func summary(_ edit: UserStoreProfileEdit, switchingFrom current: String?) -> String {
        if edit.type == "embedded" { return "user store: use the embedded store" + (current.map { " instead of \($0)" } ?? "") }
        let parts = [edit.url.map { "URL \($0)" }, edit.bindDN.map { $0.isEmpty ? "anonymous bind" : "bind DN \($0)" },
                     edit.password.map { _ in "bind password" }].compactMap { $0 }
        let head = edit.type.flatMap { type in current.map { "user store: use LDAP (\(type) instead of \($0))" } } ?? "user store: LDAP settings"
        return head + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }
}
