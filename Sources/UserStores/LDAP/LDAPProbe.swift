import CLDAP
import Foundation

/// A connection test for an LDAP server: parse the URL, connect, and bind anonymously.
///
/// Blocking for at most about `timeout` per step; screens run it off the input loop.
public enum LDAPProbe {
    /// What a successful probe learned.
    public struct Report: Sendable, Hashable {
        /// The URL that answered.
        public let url: String
        /// The LDAP protocol version used (always 3).
        public let protocolVersion: Int
    }

    /// Connects to `url` (ldap://, ldaps:// or ldapi://) and performs an anonymous simple bind.
    public static func connect(url: String, timeout: Duration) -> Result<Report, UserStoresError> {
        // ldap_initialize only parses the URL and never connects, so errors appear at the bind.
        if let problem = urlProblem(url) { return .failure(.invalidURL(problem)) }
        var handle: OpaquePointer?
        let initialised = ldap_initialize(&handle, url)
        guard initialised == LDAP_SUCCESS, let ld = handle else {
            return .failure(.invalidURL("\(url): \(message(initialised))"))
        }
        defer { ldap_unbind_ext_s(ld, nil, nil) }

        var version = LDAP_VERSION3
        var limit = timeval(timeout)
        guard ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version) == LDAP_OPT_SUCCESS,
              // Without a network timeout a silent host blocks the connect for minutes.
              ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &limit) == LDAP_OPT_SUCCESS,
              ldap_set_option(ld, LDAP_OPT_TIMEOUT, &limit) == LDAP_OPT_SUCCESS
        else { return .failure(.invalidURL("\(url): the LDAP library refused the connection options")) }

        var anonymous = berval(bv_len: 0, bv_val: nil)
        // A nil mechanism is LDAP_SASL_SIMPLE, a macro Swift cannot import.
        let rc = ldap_sasl_bind_s(ld, nil, nil, &anonymous, nil, nil, nil)
        switch rc {
        case LDAP_SUCCESS:
            return .success(Report(url: url, protocolVersion: Int(LDAP_VERSION3)))
        case LDAP_SERVER_DOWN, LDAP_CONNECT_ERROR:
            return .failure(.serverUnreachable("\(url): \(message(rc))\(diagnostic(ld))"))
        case LDAP_TIMEOUT:
            return .failure(.timeout("\(url): no answer within \(timeout)"))
        default:
            return .failure(.bindFailed("\(url): \(message(rc))\(diagnostic(ld))"))
        }
    }

    private static func urlProblem(_ url: String) -> String? {
        let lowered = url.lowercased()
        guard ["ldap://", "ldaps://", "ldapi://"].contains(where: { lowered.hasPrefix($0) }) else {
            return "\"\(url)\" is not an ldap://, ldaps:// or ldapi:// URL"
        }
        var description: UnsafeMutablePointer<LDAPURLDesc>?
        let rc = ldap_url_parse(url, &description)
        defer { if let description { ldap_free_urldesc(description) } }
        guard rc == LDAP_URL_SUCCESS else { return "\"\(url)\" is not a valid LDAP URL (parse error \(rc))" }
        return nil
    }

    private static func message(_ rc: Int32) -> String {
        ldap_err2string(rc).map { String(cString: $0) } ?? "LDAP error \(rc)"
    }

    private static func diagnostic(_ ld: OpaquePointer) -> String {
        var text: UnsafeMutablePointer<CChar>?
        guard ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &text) == LDAP_OPT_SUCCESS, let text else { return "" }
        defer { ldap_memfree(text) }
        let detail = String(cString: text)
        return detail.isEmpty ? "" : " (\(detail))"
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: time_t(max(seconds, 0)), tv_usec: suseconds_t(max(attoseconds, 0) / 1_000_000_000_000))
    }
}
