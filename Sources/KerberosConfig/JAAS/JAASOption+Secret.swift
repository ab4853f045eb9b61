/// Which jaas.conf values are secrets: the one decision behind `jaas show`, the console's Kerberos screen and the
/// notes of jaas edits, none of which ever shows one.
extension JAASOption {
    /// What is shown in place of a secret value.
    public static let hiddenValue = "(hidden)"

    /// True when the value may be a password (``isSecret(name:value:)``).
    public var isSecret: Bool { Self.isSecret(name: name, value: value) }

    /// The value as it may be shown: ``hiddenValue`` for a secret.
    public var shownValue: String { isSecret ? Self.hiddenValue : value }

    /// True when an option's name speaks of a password or secret (password, keyStorePassword, storepass, pwd,
    /// secret, credential). The JAAS shared-state flags (storePass, tryFirstPass, useFirstPass, clearPass) are
    /// booleans and shown as such; any other value there (storePass=hunter2) is a password where a boolean belongs.
    public static func isSecret(name: String, value: String) -> Bool {
        let lower = name.lowercased()
        guard ["pass", "pwd", "secret", "credential"].contains(where: lower.contains) else { return false }
        let boolean = JAASLint.krb5Options[name] == true && ["true", "false"].contains(value.lowercased())
        return !boolean
    }
}
