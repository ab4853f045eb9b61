import Foundation

/// Plans a ``UserStoreProfileEdit`` as a ``Change``: each setting changes one line of `[user_store]` (a missing key
/// is added after the table's last entry), every other byte of the file stays as it was.
struct UserStoreProfileEditor {
    let home: Home

    func plan(_ edit: UserStoreProfileEdit) throws(HomeError) -> Change {
        if home.layout == .microIntegrator, let type = edit.type, !type.hasSuffix("_ldap") {
            throw HomeError(.writeFailed, "Micro Integrator has no \(type) user store type wssconsole can set",
                            fix: "Use read_only_ldap (or read_write_ldap); wssconsole's embedded store is for native homes.")
        }
        let mainPath = home.layout == .microIntegrator ? "conf/deployment.toml" : home.layout.settingsPath
        let ownPath = home.layout.settingsPath
        var main = try Self.read(home, mainPath)
        var own = mainPath == ownPath ? nil : try Self.read(home, ownPath)
        for (key, value) in edit.settings { main.text = try Self.set(main.text, key, value, file: mainPath) }
        main.text = try password(edit.password, in: main.text, file: mainPath)
        for (key, value) in edit.ownSettings {
            if own != nil {
                own!.text = try Self.set(own!.text, key, value, file: ownPath)
            } else {
                main.text = try Self.set(main.text, key, value, file: mainPath)
            }
        }
        var edits: [FileEdit] = []
        for file in [main, own].compactMap({ $0 }) where Array(file.text.utf8) != (file.before ?? []) {
            edits.append(FileEdit(path: file.path, before: file.before, after: Array(file.text.utf8)))
        }
        return Change(summary: summary(edit), edits: edits)
    }

    private func password(_ choice: UserStoreProfileEdit.Password?, in text: String, file: String) throws(HomeError) -> String {
        let k = LDAPSettings.keys
        guard let choice else { return text }
        var result = text
        switch choice {
        case .inline(let secret):
            guard let clear = secret.withUnsafeBytes({ String(validating: $0, as: UTF8.self) }) else {
                throw HomeError(.writeFailed, "The bind password is not UTF-8 text", fix: "Use an environment variable instead.")
            }
            result = try Self.set(result, k.password, .string(clear), file: file)
            result = try Self.set(result, k.passwordFile, nil, file: file)
        case .environment(let name):
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw HomeError(.writeFailed, "\(name) is not an environment variable name", fix: "Use letters, digits and _.")
            }
            result = try Self.set(result, k.password, .string("$env{\(name)}"), file: file)
            result = try Self.set(result, k.passwordFile, nil, file: file)
        case .file(let path):
            guard home.layout == .native else {
                throw HomeError(.writeFailed, "Micro Integrator reads the bind password from deployment.toml, not from a file",
                                fix: "Use --bind-password-env NAME (written as $env{NAME}, which MI resolves) or the password itself.")
            }
            result = try Self.set(result, k.passwordFile, .string(path), file: file)
            result = try Self.set(result, k.password, nil, file: file)
        case .none:
            result = try Self.set(result, k.password, nil, file: file)
            result = try Self.set(result, k.passwordFile, nil, file: file)
        }
        return result
    }

    /// One key set (or removed when `value` is nil). The line-keeping reader does not undo escapes, so a value
    /// with a backslash or a quote would not read back as written: such values are refused.
    private static func set(_ text: String, _ key: String, _ value: TOMLValue?, file: String) throws(HomeError) -> String {
        let document = try TOMLDocument(text: text)
        guard let value else { return document.removing("user_store", key) }
        if case .string(let string) = value, string.contains("\\") || string.contains("\"") || string.contains("\n") {
            throw HomeError(.writeFailed, "\(key) contains a backslash, a quote or a line break, which wssconsole cannot write into \(file) yet",
                            fix: "Edit \(file) by hand for this value (as a TOML literal string in single quotes).")
        }
        return document.setting("user_store", key, to: value)
    }

    private static func read(_ home: Home, _ path: String) throws(HomeError) -> (path: String, before: [UInt8]?, text: String) {
        let bytes = FileSystem.read(FileSystem.join(home.root, path))
        let text = bytes.map { String(decoding: $0, as: UTF8.self) } ?? "# wssconsole's own settings for this Micro Integrator home: what conf/deployment.toml has no key for.\n"
        _ = try TOMLDocument(text: text)
        return (path, bytes, text)
    }

    private func summary(_ edit: UserStoreProfileEdit) -> String {
        if edit.type == "embedded" { return "User store: use the embedded store" }
        let parts = [edit.url.map { "URL \($0)" }, edit.bindDN.map { $0.isEmpty ? "anonymous bind" : "bind DN \($0)" },
                     edit.password.map { _ in "bind password" }].compactMap { $0 }
        return "User store: LDAP settings" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }
}
