import KerberosConfig

/// Micro Integrator logs every Kerberos service in with jaas.conf's one `Server` entry. Scenario 16 for one service
/// rewrites that entry: the other services whose policies name the principal it logs in as now would then name
/// another, and their callers' tokens be refused.
public struct ServerEntryTakeover: Sendable {
    /// The principal the entry logs in as now, and the one the change makes it log in as.
    public let current: String
    public let principal: String
    /// The other Kerberos services whose policies name `current`.
    public let services: [String]
    /// How the service being changed logs in (`--keytab FILE` or `--password-env NAME`), for the commands that
    /// move the others to `principal`.
    let credential: String

    /// What goes wrong, naming the services.
    public var message: String {
        let one = services.count == 1, names = services.joined(separator: ", ")
        return "\(names) log\(one ? "s" : "") in with jaas.conf's Server entry as \(current), the principal \(one ? "its policy names" : "their policies name"); "
            + "Micro Integrator has one Server entry for all its Kerberos services, so logging it in as \(principal) would leave "
            + "\(one ? names : "them") refusing \(one ? "its" : "their") callers' tokens"
    }

    /// The commands that put the others in line after the change: the same principal for each.
    public var followUp: String {
        services.map { "wssconsole apply --service \($0) --scenario 16 --principal \(principal) \(credential)" }.joined(separator: "; ")
    }

    /// The CLI's refusal: keep the entry's principal, or force the change and move the others to the new one.
    var refusal: HomeError {
        HomeError(.kerberosEntryShared, message,
                  fix: "Use the same principal (--principal \(current)); or give --force, then apply it to the others too: \(followUp)")
    }
}

extension Home {
    /// The other Kerberos services that applying scenario 16 to `serviceName` with `options` would leave behind a
    /// Server entry logging in as another principal than their policies name; nil when there are none (no principal
    /// in `options`, the entry's principal unchanged, or no other service on it).
    public func serverEntryTakeover(applying options: ScenarioOptions, to serviceName: String) -> ServerEntryTakeover? {
        guard let principal = options.servicePrincipal, !principal.isEmpty,
              let current = jaasModule("Server")?["principal"], current != principal else { return nil }
        let services = kerberosServices().filter { $0.service != serviceName && $0.principal == current }.map(\.service)
        guard !services.isEmpty else { return nil }
        return ServerEntryTakeover(current: current, principal: principal, services: services,
                                   credential: options.serviceKeytab.map { "--keytab \($0)" } ?? "--password-env NAME")
    }

    /// Refuses (unless `force`) a scenario 16 change that would leave other services on a Server entry naming
    /// another principal; see `serverEntryTakeover`.
    public func refuseServerEntryTakeover(applying options: ScenarioOptions, to serviceName: String, force: Bool) throws(HomeError) {
        if !force, let takeover = serverEntryTakeover(applying: options, to: serviceName) { throw takeover.refusal }
    }
}
