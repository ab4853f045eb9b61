import CKerberos
import Foundation

/// One key of a keytab: whose, which version, which encryption type (the key itself is never read out).
public struct KeytabEntry: Sendable, Equatable, Codable {
    public let principal: String
    public let kvno: Int
    public let enctype: String
}

/// Reads keytab files with libkrb5, without any krb5.conf.
public enum Keytab {
    /// How to write `principal`'s current keys into `file` without changing them, for every fix that says to
    /// export a keytab: plain `ktadd` makes new random keys (a higher kvno), so every other keytab of the principal,
    /// and its password, would stop working.
    public static func export(_ file: String, _ principal: String) -> String {
        "on the KDC, kadmin.local -q \"ktadd -norandkey -k \(file) \(principal)\" (-norandkey keeps the current keys; kadmin over the "
            + "network allows it only with the extract-keys privilege; plain ktadd makes new keys and breaks every other keytab and the "
            + "password of \(principal))"
    }

    /// The entries of the keytab at `path`, in file order.
    public static func entries(path: String) -> Result<[KeytabEntry], KerberosConfigError> {
        guard FileManager.default.isReadableFile(atPath: path) else {
            return .failure(.fileNotFound("\(path) does not exist or cannot be read"))
        }
        let context: KerberosContext
        do { context = try KerberosContext(configPath: nil) } catch { return .failure(error) }
        var keytab: krb5_keytab?
        var code = ("FILE:" + path).withCString { krb5_kt_resolve(context.context, $0, &keytab) }
        guard code == 0, let keytab else { return .failure(.libraryFailure("\(path): \(context.message(code))")) }
        defer { krb5_kt_close(context.context, keytab) }
        var cursor: krb5_kt_cursor?
        code = krb5_kt_start_seq_get(context.context, keytab, &cursor)
        guard code == 0 else { return .failure(.syntaxError("\(path) is not a keytab: \(context.message(code))")) }
        defer { krb5_kt_end_seq_get(context.context, keytab, &cursor) }
        var entries: [KeytabEntry] = []
        var entry = krb5_keytab_entry()
        while krb5_kt_next_entry(context.context, keytab, &entry, &cursor) == 0 {
            let principal = Principal(context: context, borrowing: entry.principal).name
            entries.append(KeytabEntry(principal: principal, kvno: Int(entry.vno), enctype: enctypeName(entry.key.enctype)))
            krb5_free_keytab_entry_contents(context.context, &entry)
        }
        return .success(entries)
    }

    /// MIT's name for an enctype number (`aes256-cts-hmac-sha1-96`), or the number.
    static func enctypeName(_ enctype: krb5_enctype) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        guard krb5_enctype_to_name(enctype, 0, &buffer, buffer.count) == 0 else { return String(enctype) }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
