import Foundation
import KeyMaterial

/// The staged LDAP connection test: profile, name resolution, TCP connect, TLS or StartTLS (showing the
/// server's certificate), bind, user search and group search. It stops at the first step that fails and says
/// why, so "the security token could not be authenticated" can be traced to the step that is wrong.
///
/// Each network step has a deadline (the profile's timeouts), so a host that does not answer costs seconds.
/// Blocking: run it off any interactive loop; `onStage` reports each step as it ends.
public struct ConnectionTest: Sendable {
    /// How many names the searches fetch to show.
    public static let sampleSize = 5
    /// Words of the explanations that choose the advice.
    static let noTLSHint = "the handshake fails even without checking the certificate"
    static let localhostHint = "libldap checks the name localhost"

    let profile: LDAPProfile
    let bindPassword: Secret?

    /// A test of `profile`, binding with `bindPassword` when the profile names a bind DN.
    public init(profile: LDAPProfile, bindPassword: Secret?) {
        self.profile = profile
        self.bindPassword = bindPassword
    }

    /// Runs every step in order.
    public func run(onStage: (@Sendable (ConnectionTestStage) -> Void)? = nil) -> ConnectionTestReport {
        var stages: [ConnectionTestStage] = []
        var state = State()
        for kind in ConnectionTestStage.Kind.allCases {
            let stage: ConnectionTestStage
            if let failed = stages.last(where: { $0.outcome == .failed }) {
                stage = ConnectionTestStage(kind, .skipped, "not run: the \(failed.kind.title) step failed")
            } else {
                let start = ContinuousClock.now
                let result = step(kind, &state)
                stage = result.timed(ContinuousClock.now - start)
            }
            stages.append(stage)
            onStage?(stage)
        }
        return ConnectionTestReport(url: profile.url, stages: stages)
    }

    /// What the steps hand on to each other.
    struct State {
        var endpoint: LDAPEndpoint?
        var addresses: [ResolvedAddress] = []
        var socket: Int32?
        var connection: LDAPConnection?
    }

    private func step(_ kind: ConnectionTestStage.Kind, _ state: inout State) -> ConnectionTestStage {
        do {
            switch kind {
            case .profile: return try checkProfile(&state)
            case .dns: return try resolve(&state)
            case .tcp: return try connect(&state)
            case .tls: return try protect(&state)
            case .bind: return try bind(state)
            case .userSearch:
                return try sample(state, kind, base: profile.userSearchBase, filter: profile.userListFilter,
                                  attribute: profile.userNameAttribute, setting: "user_name_list_filter", noun: "user")
            case .groupSearch:
                guard profile.readGroups else { return ConnectionTestStage(kind, .skipped, "read_groups is false: roles are not read from the directory") }
                return try sample(state, kind, base: profile.groupSearchBase, filter: profile.groupListFilter,
                                  attribute: profile.groupNameAttribute, setting: "group_name_list_filter", noun: "group")
            }
        } catch {
            return ConnectionTestStage(kind, .failed, error.reason, error: error.code, fix: ConnectionAdvice.fix(kind, error, profile))
        }
    }

    private func checkProfile(_ state: inout State) throws(UserStoresError) -> ConnectionTestStage {
        if let problem = profile.problems.first { throw .invalidProfile(problem) }
        let endpoint = try LDAPEndpoint(parsing: profile.url)
        state.endpoint = endpoint
        var details = ["server \(endpoint.host) port \(endpoint.port), " + ConnectionAdvice.describe(profile.security)]
        details.append(profile.bindDN.map { "bind as \($0)" } ?? "bind anonymously (no connection_name)")
        if profile.security != .none, let file = profile.caCertificateFile {
            guard let data = FileBytes.read(file) else { throw .invalidProfile("cannot read the CA file \(file)") }
            guard let certificates = try? Certificate.all(fromPEM: String(decoding: data, as: UTF8.self)) else {
                throw .invalidProfile("the CA file \(file) holds no PEM certificate")
            }
            details.append("trusting \(certificates.count) CA certificate(s) from \(file): " + certificates.map(\.subject).joined(separator: "; "))
        }
        return ConnectionTestStage(.profile, .passed, "the settings are complete", details: details)
    }

    private func resolve(_ state: inout State) throws(UserStoresError) -> ConnectionTestStage {
        let endpoint = state.endpoint!
        state.addresses = try SocketConnector.resolve(host: endpoint.host, port: endpoint.port, timeout: profile.connectTimeout)
        return ConnectionTestStage(.dns, .passed, "\(endpoint.host) is \(state.addresses.map(\.text).joined(separator: ", "))")
    }

    private func connect(_ state: inout State) throws(UserStoresError) -> ConnectionTestStage {
        let endpoint = state.endpoint!
        let (fd, address) = try SocketConnector.connect(to: state.addresses, port: endpoint.port, timeout: profile.connectTimeout)
        state.socket = fd
        return ConnectionTestStage(.tcp, .passed, "connected to \(address.text) port \(endpoint.port)")
    }

    private func protect(_ state: inout State) throws(UserStoresError) -> ConnectionTestStage {
        let endpoint = state.endpoint!
        let fd = state.socket!
        state.socket = nil
        guard profile.security != .none else {
            state.connection = try LDAPConnection(socket: fd, endpoint: endpoint, tls: nil,
                                                  connectTimeout: profile.connectTimeout, readTimeout: profile.readTimeout)
            return ConnectionTestStage(.tls, .skipped, "not used: ldap:// without StartTLS",
                                       warning: "the connection is \(LDAPProfile.cleartextRisk); use ldaps:// or StartTLS")
        }
        let options = LDAPConnection.TLSOptions(caCertificateFile: profile.caCertificateFile)
        let connection = try LDAPConnection(socket: fd, endpoint: endpoint, tls: options,
                                            connectTimeout: profile.connectTimeout, readTimeout: profile.readTimeout)
        do {
            if profile.security == .ldaps { try connection.installTLS() } else { try connection.startTLS() }
        } catch where error.code == .tlsFailed {
            // A failed stage of its own, so the certificate travels as details and as data, not inside the reason.
            let (explained, certificate) = explainedTLSFailure(error, state)
            return ConnectionTestStage(.tls, .failed, explained.reason, details: certificate.map(ConnectionAdvice.describe) ?? [],
                                       error: explained.code, fix: ConnectionAdvice.fix(.tls, explained, profile), certificate: certificate)
        }
        state.connection = connection
        let session = connection.tlsSession
        let summary = session?.certificate.flatMap { CertificateInspector.inspect(der: $0, caFile: profile.caCertificateFile, host: endpoint.host) }
        let kind = profile.security == .ldaps ? "ldaps" : "StartTLS"
        return ConnectionTestStage(.tls, .passed, "\(kind): \(session?.version ?? "?") with \(session?.cipher ?? "?"), certificate trusted",
                                   details: summary.map(ConnectionAdvice.describe) ?? [], certificate: summary)
    }

    /// libldap says only "Connect error"; look at the certificate over a second, unverified handshake and
    /// tell which check it fails.
    private func explainedTLSFailure(_ error: UserStoresError, _ state: State) -> (UserStoresError, CertificateSummary?) {
        let endpoint = state.endpoint!
        guard let (fd, _) = try? SocketConnector.connect(to: state.addresses, port: endpoint.port, timeout: profile.connectTimeout),
              let look = try? LDAPConnection(socket: fd, endpoint: endpoint, tls: .init(caCertificateFile: profile.caCertificateFile, verify: false),
                                             connectTimeout: profile.connectTimeout, readTimeout: profile.readTimeout)
        else { return (error, nil) }
        do {
            if profile.security == .ldaps { try look.installTLS() } else { try look.startTLS() }
        } catch {
            return (.tlsFailed("\(error.reason); \(Self.noTLSHint): does this port speak "
                + (profile.security == .ldaps ? "TLS (ldaps:// to a plain LDAP port?)" : "StartTLS?")), nil)
        }
        guard let der = look.tlsSession?.certificate,
              let summary = CertificateInspector.inspect(der: der, caFile: profile.caCertificateFile, host: endpoint.host)
        else { return (error, nil) }
        if let problem = summary.problem {
            return (.tlsFailed("the server's certificate is not trusted: \(problem)"), summary)
        }
        if endpoint.host.lowercased() == "localhost" {
            return (.tlsFailed("\(Self.localhostHint) against this machine's own host name (\(ProcessInfo.processInfo.hostName)), "
                + "which the certificate does not name; use 127.0.0.1 or the server's name in connection_url"), summary)
        }
        return (error, summary)
    }

    private func bind(_ state: State) throws(UserStoresError) -> ConnectionTestStage {
        try state.connection!.bind(dn: profile.bindDN, password: bindPassword)
        guard let dn = profile.bindDN else {
            return ConnectionTestStage(.bind, .passed, "bound anonymously",
                                       warning: "anonymous binds often may not read users or groups; set connection_name and connection_password")
        }
        return ConnectionTestStage(.bind, .passed, "bound as \(dn)")
    }

    private func sample(_ state: State, _ kind: ConnectionTestStage.Kind, base: String, filter: String, attribute: String,
                        setting: String, noun: String) throws(UserStoresError) -> ConnectionTestStage {
        let result = try state.connection!.search(base: base, filter: filter, attributes: [attribute], sizeLimit: Self.sampleSize)
        let names = result.entries.map { $0.first(attribute) ?? $0.dn }.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        guard !names.isEmpty else {
            return ConnectionTestStage(kind, .passed, "no \(noun) under \(base) matches \(filter)",
                                       warning: "check \(setting) and that the bind DN may read these entries")
        }
        let more = result.truncated ? " and more" : ""
        return ConnectionTestStage(kind, .passed, "\(names.count)\(result.truncated ? "+" : "") \(noun)s under \(base): \(names.joined(separator: ", "))\(more)")
    }
}

extension ConnectionTestStage {
    /// The same stage with its duration.
    func timed(_ elapsed: Duration) -> ConnectionTestStage {
        ConnectionTestStage(kind, outcome, summary, details: details, warning: warning, error: error, fix: fix,
                            elapsed: elapsed, certificate: certificate)
    }
}
