import Foundation
import KeyMaterial

/// The words of the connection test: what to do about each failure, and how to show a certificate.
enum ConnectionAdvice {
    /// What the operator can do when step `kind` failed with `error`.
    static func fix(_ kind: ConnectionTestStage.Kind, _ error: UserStoresError, _ profile: LDAPProfile) -> String {
        switch (kind, error.code) {
        case (.profile, _):
            return "Fix the [user_store] settings (wssconsole userstore set ...), then test again."
        case (.dns, .timeout):
            return "The DNS server did not answer: check /etc/resolv.conf on this host, or use the server's IP address."
        case (.dns, _):
            return "Check the host name in connection_url (getent hosts NAME shows what this host resolves)."
        case (.tcp, .timeout):
            return "Nothing answered: a firewall drops the packets or the host is down. Check the port is open from this host."
        case (.tcp, _):
            return "Is the LDAP server running and listening on that port? (ldaps:// is usually 636, ldap:// 389.)"
        case (.tls, .timeout):
            return "The server accepted the connection but never answered the TLS handshake: is this port really "
                + (profile.security == .ldaps ? "ldaps:// (TLS from the first byte)?" : "an LDAP server?")
        case (.tls, _) where error.reason.contains(ConnectionTest.noTLSHint):
            return profile.security == .ldaps
                ? "Use the server's ldaps:// port (usually 636), or ldap:// with StartTLS for this port."
                : "Configure TLS on the server (olcTLSCertificateFile...), or use its ldaps:// port."
        case (.tls, _) where error.reason.contains(ConnectionTest.localhostHint):
            return "Use 127.0.0.1 (if the certificate names it) or the server's real host name in connection_url."
        case (.tls, _):
            return "Put the CA that signed the server's certificate in a PEM file and set ca_certificate to it; "
                + "the URL's host must be one of the certificate's names."
        case (.bind, .timeout):
            return "The server accepted the connection but did not answer the bind: overloaded, or not an LDAP server on this port."
        case (.bind, .serverUnreachable):
            return "Something accepted the connection and closed it: a proxy or firewall in the way, or a server that wants TLS first (try ldaps:// or --start-tls)."
        case (.bind, .bindFailed):
            return "Check connection_name (the full DN, e.g. cn=admin,dc=example,dc=com) and connection_password."
        case (.bind, _):
            return "Check the server's logs for the refused bind."
        case (.userSearch, .noSuchBase):
            return "Check user_search_base: it must be an existing DN (ldapsearch -b BASE -s base shows whether it is)."
                + defaultBase(profile.userSearchBase, key: "user_search_base")
        case (.groupSearch, .noSuchBase):
            return "Check group_search_base: it must be an existing DN (ldapsearch -b BASE -s base shows whether it is)."
                + defaultBase(profile.groupSearchBase, key: "group_search_base")
        case (_, .invalidProfile):
            return "Fix the filter in the [user_store] settings; filters are wrapped in parentheses, e.g. (objectClass=person)."
        case (_, .timeout):
            return "The server did not answer in read_timeout; raise it or check the server's load."
        default:
            return "Check that the bind DN may search this base."
        }
    }

    /// Says where a base the operator may never have written comes from.
    private static func defaultBase(_ base: String, key: String) -> String {
        base == LDAPProfile.wso2DefaultSearchBase
            ? " \(base) is what Micro Integrator searches when \(key) is not set: set it (wssconsole userstore set)." : ""
    }

    /// How the connection is protected, in words.
    static func describe(_ security: LDAPProfile.Security) -> String {
        switch security {
        case .none: "no TLS (passwords travel readable)"
        case .ldaps: "TLS from the first byte (ldaps://)"
        case .startTLS: "StartTLS before the bind"
        }
    }

    /// The certificate as a few lines.
    static func describe(_ certificate: CertificateSummary) -> [String] {
        var lines = ["subject \(certificate.subject)", "issuer \(certificate.issuer)",
                     "valid \(DisplayDate.day(certificate.notBefore)) to \(DisplayDate.day(certificate.notAfter))"]
        if !certificate.subjectAltNames.isEmpty { lines.append("names \(certificate.subjectAltNames.joined(separator: ", "))") }
        lines.append("SHA-256 \(certificate.sha256Fingerprint)")
        return lines
    }
}
