import CLDAP

/// The parts of an ldap:// or ldaps:// URL that a connection needs.
public struct LDAPEndpoint: Sendable, Hashable {
    /// `ldap` or `ldaps`.
    public let scheme: String
    /// Host name or address, without IPv6 brackets.
    public let host: String
    /// The port, with the scheme's default (389, 636) filled in.
    public let port: Int

    /// True for ldaps://.
    public var isLDAPS: Bool { scheme == "ldaps" }

    /// The URL libldap is given: scheme, host and port only (a base DN or filter in the URL means nothing here).
    public var url: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shown):\(port)/"
    }

    /// Parses `url`, or says why it cannot be used.
    public init(parsing url: String) throws(UserStoresError) {
        if let problem = Self.problem(parsing: url) { throw .invalidURL(problem) }
        var description: UnsafeMutablePointer<LDAPURLDesc>?
        _ = ldap_url_parse(url, &description)
        defer { if let description { ldap_free_urldesc(description) } }
        let desc = description!.pointee
        scheme = String(cString: desc.lud_scheme).lowercased()
        host = desc.lud_host.map { String(cString: $0) } ?? ""
        port = desc.lud_port > 0 ? Int(desc.lud_port) : (scheme == "ldaps" ? 636 : 389)
    }

    /// Why `url` is not a usable single ldap:// or ldaps:// URL with a host, or nil.
    public static func problem(parsing url: String) -> String? {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("ldap://") || lowered.hasPrefix("ldaps://") else {
            if lowered.hasPrefix("ldapi://") { return "ldapi:// (a local socket) is not supported: WSO2 connects over ldap:// or ldaps://" }
            return "\"\(url)\" is not an ldap:// or ldaps:// URL"
        }
        guard !url.contains(" ") else { return "\"\(url)\" holds several URLs or a space; give one URL" }
        var description: UnsafeMutablePointer<LDAPURLDesc>?
        let rc = ldap_url_parse(url, &description)
        defer { if let description { ldap_free_urldesc(description) } }
        guard rc == LDAP_URL_SUCCESS, let description else { return "\"\(url)\" is not a valid LDAP URL (parse error \(rc))" }
        guard let host = description.pointee.lud_host, host.pointee != 0 else {
            return "\"\(url)\" names no host (ldap://host:port/)"
        }
        return nil
    }
}
