import CLDAP
import CShims
import Foundation
import KeyMaterial

/// One LDAP connection over a socket wssconsole connected itself: TLS, bind and search, each under a deadline.
///
/// Blocking; use it from one thread at a time (screens run it off the input loop).
final class LDAPConnection {
    /// How the server's certificate is checked.
    struct TLSOptions {
        /// PEM file of trusted CAs; nil uses libldap's defaults (the system's CAs on Debian).
        var caCertificateFile: String?
        /// false accepts any certificate: only to look at a certificate that failed the real check.
        var verify = true
    }

    let endpoint: LDAPEndpoint
    private let ld: OpaquePointer
    private let watchdog: Watchdog
    private let connectTimeout: Duration
    let readTimeout: Duration

    /// Resolves, connects, and protects the connection as `security` asks; throws the first step that failed.
    static func open(_ endpoint: LDAPEndpoint, security: LDAPProfile.Security, tls: TLSOptions,
                     connectTimeout: Duration, readTimeout: Duration) throws(UserStoresError) -> LDAPConnection {
        let addresses = try SocketConnector.resolve(host: endpoint.host, port: endpoint.port, timeout: connectTimeout)
        let (fd, _) = try SocketConnector.connect(to: addresses, port: endpoint.port, timeout: connectTimeout)
        let connection = try LDAPConnection(socket: fd, endpoint: endpoint, tls: security == .none ? nil : tls,
                                            connectTimeout: connectTimeout, readTimeout: readTimeout)
        switch security {
        case .none: break
        case .ldaps: try connection.installTLS()
        case .startTLS: try connection.startTLS()
        }
        return connection
    }

    /// libldap writes with plain send(): a server that hangs up, or the watchdog shutting a socket, would end the
    /// process with SIGPIPE. The console is the whole process, so ignoring the signal (and getting EPIPE) is safe.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Takes over the connected socket `fd` (closed with the connection, or now if this fails).
    init(socket fd: Int32, endpoint: LDAPEndpoint, tls: TLSOptions?, connectTimeout: Duration, readTimeout: Duration) throws(UserStoresError) {
        Self.ignoreBrokenPipes
        var handle: OpaquePointer?
        let rc = cs_ldap_init_tcp_fd(fd, endpoint.url, &handle)
        guard rc == LDAP_SUCCESS, let handle else {
            close(fd)
            throw .invalidURL("\(endpoint.url): libldap refused the connection (\(Self.message(rc)))")
        }
        self.ld = handle
        self.endpoint = endpoint
        self.watchdog = Watchdog(socket: fd)
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        var version = LDAP_VERSION3
        var limit = timeval(readTimeout)
        var network = timeval(connectTimeout)
        // Referrals would make libldap open connections of its own, outside these deadlines (LDAP_OPT_OFF is NULL).
        guard ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version) == LDAP_OPT_SUCCESS,
              ldap_set_option(ld, LDAP_OPT_REFERRALS, nil) == LDAP_OPT_SUCCESS,
              ldap_set_option(ld, LDAP_OPT_TIMEOUT, &limit) == LDAP_OPT_SUCCESS,
              ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &network) == LDAP_OPT_SUCCESS
        else { throw .invalidURL("\(endpoint.url): libldap refused the connection options") }
        if let tls { try configure(tls) }
    }

    deinit {
        ldap_unbind_ext_s(ld, nil, nil)
    }

    /// Per-connection TLS settings; NEWCTX makes them take effect without touching libldap's global context.
    private func configure(_ tls: TLSOptions) throws(UserStoresError) {
        var require = tls.verify ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_ALLOW
        guard ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &require) == LDAP_OPT_SUCCESS else {
            throw .tlsFailed("libldap refused the certificate check setting")
        }
        if let file = tls.caCertificateFile {
            guard ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, file) == LDAP_OPT_SUCCESS else {
                throw .tlsFailed("libldap refused the CA certificate file \(file)")
            }
        }
        var server = 0
        guard ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &server) == LDAP_OPT_SUCCESS else {
            throw .tlsFailed("cannot set up TLS" + (tls.caCertificateFile.map { " with the CA file \($0) (unreadable or not PEM?)" } ?? ""))
        }
    }

    /// ldaps://: the TLS handshake on the fresh connection.
    func installTLS() throws(UserStoresError) {
        let (rc, timedOut) = watchdog.guarding(connectTimeout) { blockingHandshake { ldap_install_tls(ld) } }
        if timedOut || rc == LDAP_TIMEOUT { throw .timeout("the TLS handshake got no answer within \(connectTimeout.shortText)") }
        guard rc == LDAP_SUCCESS else { throw .tlsFailed("TLS handshake failed: \(Self.message(rc))\(diagnostic())") }
    }

    /// ldap:// + StartTLS: the extended operation (within the read timeout), then the handshake.
    func startTLS() throws(UserStoresError) {
        let (rc, timedOut) = watchdog.guarding(connectTimeout + readTimeout) { blockingHandshake { ldap_start_tls_s(ld, nil, nil) } }
        if timedOut || rc == LDAP_TIMEOUT {
            throw .timeout("StartTLS got no answer within \((timedOut ? connectTimeout + readTimeout : readTimeout).shortText)")
        }
        switch rc {
        case LDAP_SUCCESS: return
        case LDAP_UNAVAILABLE, LDAP_PROTOCOL_ERROR, LDAP_OPERATIONS_ERROR:
            throw .tlsFailed("the server refused StartTLS (\(Self.message(rc))\(diagnostic())): is TLS configured on it?")
        default:
            throw .tlsFailed("StartTLS failed: \(Self.message(rc))\(diagnostic())")
        }
    }

    /// With a network timeout, libldap 2.5 makes the socket non-blocking for the handshake and retries it in a loop
    /// without waiting, a whole core busy until the server answers; without one it blocks, and the watchdog's
    /// shutdown ends the wait at the deadline. The timeout is put back for what follows.
    private func blockingHandshake(_ body: () -> Int32) -> Int32 {
        // A negative time is "none" (libldap refuses a NULL here).
        var network = timeval(connectTimeout), none = timeval(tv_sec: -1, tv_usec: 0)
        ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &none)
        defer { ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &network) }
        return body()
    }

    /// The TLS session: protocol, cipher and the server's certificate (DER); nil before TLS.
    var tlsSession: (version: String, cipher: String, certificate: Data?)? {
        // libldap 2.5 hands out copies of both names (valgrind showed them lost): option() frees them.
        guard let version = option(LDAP_OPT_X_TLS_VERSION) else { return nil }
        let cipher = option(LDAP_OPT_X_TLS_CIPHER) ?? "?"
        var der = berval(bv_len: 0, bv_val: nil)
        var certificate: Data?
        if ldap_get_option(ld, LDAP_OPT_X_TLS_PEERCERT, &der) == LDAP_OPT_SUCCESS, let bytes = der.bv_val {
            certificate = Data(bytes: bytes, count: Int(der.bv_len))
            ber_memfree(bytes)
        }
        return (version, cipher, certificate)
    }

    /// A simple bind; nil `dn` binds anonymously. An empty password with a DN is refused here: LDAP servers treat
    /// it as an unauthenticated bind and accept it without checking anything (RFC 4513 5.1.2).
    func bind(dn: String?, password: Secret?) throws(UserStoresError) {
        if let dn, !dn.isEmpty, password?.isEmpty ?? true {
            throw .bindFailed("no password for \(dn): an empty password would be an unauthenticated bind that proves nothing")
        }
        let (rc, timedOut) = watchdog.guarding(readTimeout) { () -> Int32 in
            let secret = password ?? Secret(bytes: [])
            return secret.withUnsafeBytes { bytes in
                var credential = berval(bv_len: ber_len_t(bytes.count),
                                        bv_val: UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: CChar.self)))
                // A nil mechanism is LDAP_SASL_SIMPLE, a macro Swift cannot import.
                return ldap_sasl_bind_s(ld, dn ?? "", nil, &credential, nil, nil, nil)
            }
        }
        if timedOut || rc == LDAP_TIMEOUT { throw .timeout("the bind got no answer within \(readTimeout.shortText)") }
        switch rc {
        case LDAP_SUCCESS: return
        case LDAP_INVALID_CREDENTIALS:
            throw .bindFailed("invalid credentials for \(dn ?? "an anonymous bind"): the DN does not exist or the password is wrong\(diagnostic())")
        case LDAP_SERVER_DOWN, LDAP_CONNECT_ERROR:
            throw .serverUnreachable("the server closed the connection during the bind: \(Self.message(rc))\(diagnostic())")
        default:
            throw .bindFailed("\(Self.message(rc)) (LDAP result \(rc))\(diagnostic())")
        }
    }

    /// A subtree search returning at most `sizeLimit` entries with the named attributes.
    func search(base: String, filter: String, attributes: [String], sizeLimit: Int) throws(UserStoresError) -> LDAPSearchResult {
        let page = try request(base: base, filter: filter, attributes: attributes, sizeLimit: sizeLimit, paging: nil)
        return LDAPSearchResult(entries: page.entries, truncated: page.code != LDAP_SUCCESS)
    }

    /// What one search request returned.
    struct Page {
        var entries: [LDAPEntry]
        /// LDAP_SUCCESS, or the size or administrative limit that ended the search.
        var code: Int32
        /// The server's words about a limit that ended the search ("" when none).
        var detail: String
        /// From the server's paged results response: what asks for the next page, empty after the last; nil when
        /// it sent no such response (it ignored the control, or was not asked).
        var cookie: [UInt8]?
    }

    /// One subtree search; with `paging`, the page of `size` entries after `cookie` (RFC 2696, sent non-critical so a
    /// server without the control answers the whole search). A size or administrative limit is returned, not thrown.
    /// `within`: what is left of a listing's read timeout (the whole timeout when nil).
    func request(base: String, filter: String, attributes: [String], sizeLimit: Int,
                 paging: (size: Int, cookie: [UInt8])?, within timeout: Duration? = nil) throws(UserStoresError) -> Page {
        let timeout = timeout ?? readTimeout
        // Under a millisecond is a zero timeval, which libldap refuses (LDAP_PARAM_ERROR) rather than times out.
        guard timeout >= .milliseconds(1) else { throw .timeout("the search of \(base) got no answer within \(readTimeout.shortText)") }
        var names: [UnsafeMutablePointer<CChar>?] = attributes.map { strdup($0) } + [nil]
        defer { names.forEach { free($0) } }
        var control: UnsafeMutablePointer<LDAPControl>?
        defer { if let control { ldap_control_free(control) } }
        if let paging {
            // libldap copies the cookie into the control's BER value.
            var cookie = paging.cookie
            let rc = cookie.withUnsafeMutableBytes { bytes in
                var value = berval(bv_len: ber_len_t(bytes.count), bv_val: bytes.baseAddress?.assumingMemoryBound(to: CChar.self))
                return ldap_create_page_control(ld, ber_int_t(paging.size), &value, 0, &control)
            }
            guard rc == LDAP_SUCCESS else { throw .searchFailed("libldap cannot ask for paged results: \(Self.message(rc))") }
        }
        var controls: [UnsafeMutablePointer<LDAPControl>?] = [control, nil]
        var limit = timeval(timeout)
        var message: OpaquePointer?
        let (rc, timedOut) = controls.withUnsafeMutableBufferPointer { list in
            watchdog.guarding(timeout + .seconds(1)) {
                ldap_search_ext_s(ld, base, LDAP_SCOPE_SUBTREE, filter, &names, 0, control == nil ? nil : list.baseAddress, nil,
                                  &limit, Int32(sizeLimit), &message)
            }
        }
        defer { if let message { ldap_msgfree(message) } }
        if timedOut || rc == LDAP_TIMEOUT || rc == LDAP_TIMELIMIT_EXCEEDED {
            throw .timeout("the search of \(base) got no answer within \(readTimeout.shortText)")
        }
        switch rc {
        case LDAP_SUCCESS, LDAP_SIZELIMIT_EXCEEDED, LDAP_ADMINLIMIT_EXCEEDED:
            return Page(entries: entries(of: message, attributes: attributes), code: rc,
                        detail: rc == LDAP_SUCCESS ? "" : diagnosticText() ?? "",
                        cookie: control == nil ? nil : pageCookie(of: message))
        case LDAP_NO_SUCH_OBJECT:
            let matched = option(LDAP_OPT_MATCHED_DN)
            throw .noSuchBase("\(base) does not exist on the server"
                + (matched.map { $0.isEmpty ? "" : "; the closest entry that exists is \($0)" } ?? "")
                + " (or the bind DN is not allowed to see it)")
        case LDAP_FILTER_ERROR:
            throw .invalidProfile("the filter \(filter) is not a valid LDAP filter")
        case LDAP_SERVER_DOWN:
            throw .serverUnreachable("the server closed the connection during the search\(diagnostic())")
        default:
            throw .searchFailed("searching \(base) failed: \(Self.message(rc)) (LDAP result \(rc))\(diagnostic())")
        }
    }

    /// The cookie of the paged results response on the search's result, or nil when the server sent none.
    private func pageCookie(of message: OpaquePointer?) -> [UInt8]? {
        var code: Int32 = 0
        var controls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        guard let message, ldap_parse_result(ld, message, &code, nil, nil, nil, &controls, 0) == LDAP_SUCCESS, let controls else { return nil }
        defer { ldap_controls_free(controls) }
        guard let response = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, controls, nil) else { return nil }
        var count: ber_int_t = 0
        var cookie = berval(bv_len: 0, bv_val: nil)
        guard ldap_parse_pageresponse_control(ld, response, &count, &cookie) == LDAP_SUCCESS else { return nil }
        defer { ber_memfree(cookie.bv_val) }
        return cookie.bv_val.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(cookie.bv_len))) } ?? []
    }

    private func entries(of message: OpaquePointer?, attributes: [String]) -> [LDAPEntry] {
        var found: [LDAPEntry] = []
        var entry = ldap_first_entry(ld, message)
        while let current = entry {
            defer { entry = ldap_next_entry(ld, current) }
            guard let dnPointer = ldap_get_dn(ld, current) else { continue }
            let dn = String(cString: dnPointer)
            ldap_memfree(dnPointer)
            var values: [String: [String]] = [:]
            for attribute in attributes {
                guard let list = ldap_get_values_len(ld, current, attribute) else { continue }
                defer { ldap_value_free_len(list) }
                var index = 0
                var strings: [String] = []
                while let value = list[index] {
                    let bytes = UnsafeRawBufferPointer(start: value.pointee.bv_val, count: Int(value.pointee.bv_len))
                    strings.append(String(decoding: bytes, as: UTF8.self))
                    index += 1
                }
                values[attribute.lowercased()] = strings
            }
            found.append(LDAPEntry(dn: dn, attributes: values))
        }
        return found
    }

    private func option(_ name: Int32) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        guard ldap_get_option(ld, name, &text) == LDAP_OPT_SUCCESS, let text else { return nil }
        defer { ldap_memfree(text) }
        return String(cString: text)
    }

    /// The server's or library's extra words about the last failure, as " (text)", or "".
    private func diagnostic() -> String {
        diagnosticText().map { " (\($0))" } ?? ""
    }

    private func diagnosticText() -> String? {
        guard let detail = option(LDAP_OPT_DIAGNOSTIC_MESSAGE), !detail.isEmpty, detail != "(unknown error code)" else { return nil }
        return detail
    }

    static func message(_ rc: Int32) -> String {
        ldap_err2string(rc).map { String(cString: $0) } ?? "LDAP error \(rc)"
    }
}
