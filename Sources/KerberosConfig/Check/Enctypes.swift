/// Kerberos encryption type names as krb5.conf and kdc.conf write them (MIT 1.20 and Java 17 spellings),
/// and which of them are weak.
public enum Enctypes {
    /// Enctypes that are sound today.
    public static let strong: Set<String> = [
        "aes256-cts-hmac-sha1-96", "aes256-cts", "aes256-sha1", "aes128-cts-hmac-sha1-96", "aes128-cts", "aes128-sha1",
        "aes256-cts-hmac-sha384-192", "aes256-sha2", "aes128-cts-hmac-sha256-128", "aes128-sha2",
        "camellia256-cts-cmac", "camellia256-cts", "camellia128-cts-cmac", "camellia128-cts",
        "aes", "camellia", "default", "17", "18", "19", "20", "25", "26",
    ]

    /// Single DES: broken, removed from MIT krb5 1.18 and disabled in Java.
    public static let broken: Set<String> = [
        "des-cbc-crc", "des-cbc-md4", "des-cbc-md5", "des-cbc-raw", "des-hmac-sha1", "des", "1", "2", "3",
    ]

    /// RC4 and triple DES: deprecated (RFC 8429, RFC 6649) and off by default in Java 17.
    public static let weak: Set<String> = [
        "arcfour-hmac", "rc4-hmac", "arcfour-hmac-md5", "arcfour-hmac-exp", "rc4-hmac-exp", "arcfour-hmac-md5-exp", "rc4",
        "des3-cbc-sha1", "des3-hmac-sha1", "des3-cbc-sha1-kd", "des3-cbc-raw", "des3", "16", "23", "24",
    ]

    /// Every name MIT or Java accepts.
    public static var known: Set<String> { strong.union(broken).union(weak) }

    /// The names of an enctype list (`aes256-cts aes128-cts`, commas allowed, MIT's `+`/`-` prefixes and kdc.conf's
    /// `:salt` suffixes dropped), lower-cased; names after `-` (removed from the list) are skipped.
    public static func names(in value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).compactMap { part -> String? in
            var name = Substring(part)
            if name.first == "-" { return nil }
            if name.first == "+" { name = name.dropFirst() }
            if let colon = name.firstIndex(of: ":") { name = name[..<colon] }
            return name.isEmpty ? nil : name.lowercased()
        }
    }
}
