import ArgumentParser
import KerberosConfig

/// The shape checks of the krb5 and jaas commands' names and values, run in `validate()` so that a name the file
/// could not hold is bad usage (exit 2), named by its argument, before the home is opened.
enum Krb5Arguments {
    /// A realm, setting, host or domain name of krb5.conf (`what` as the file's checks name it).
    static func name(_ label: String, _ value: String, what: String) throws {
        try refusing(label) { () throws(KerberosConfigError) in try Krb5Document.checkName(value, what: what) }
    }

    /// A KDC or admin server: host or host:port.
    static func address(_ label: String, _ value: String) throws {
        try refusing(label) { () throws(KerberosConfigError) in try Krb5Document.checkAddress(value) }
    }

    /// A [libdefaults] value: one non-empty line.
    static func value(_ label: String, _ value: String, for name: String) throws {
        try refusing(label) { () throws(KerberosConfigError) in _ = try Krb5Document.checkValue(value, for: name) }
    }

    /// A jaas.conf entry or option name (a word Java reads unquoted).
    static func word(_ label: String, _ value: String, what: String) throws {
        try refusing(label) { () throws(KerberosConfigError) in try JAASDocument.checkWord(value, what: what) }
    }

    /// A jaas.conf option value: one line.
    static func jaasValue(_ label: String, _ value: String) throws {
        try refusing(label) { () throws(KerberosConfigError) in _ = try JAASDocument.render(value) }
    }

    private static func refusing(_ label: String, _ check: () throws(KerberosConfigError) -> Void) throws {
        do { try check() } catch { throw ValidationError("\(label): \(error.reason).") }
    }
}
