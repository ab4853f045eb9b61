import KerberosConfig
import KeyMaterial
import WSSecurity

/// What a Kerberos check may use beyond the home's files: whether to talk to the KDC, how long to wait, and the
/// secrets the operator gave for this run (never stored).
public struct KerberosCheckOptions: Sendable {
    public var live = true
    /// Seconds one KDC exchange may take.
    public var timeout: Double = 5
    /// The service principal's password, when jaas.conf's service entry logs in with one (else the policy's
    /// `service.principal.password` is used, where WSO2 keeps it).
    public var servicePassword: Secret?
    /// A client to try a ticket for the service with.
    public var client: JAASCheck.Client?
    /// Without `client`: try the self-test's client when `[client] kerberos_principal` names one (with its
    /// password, or the Client entry's keytab), as `validate` does; else the Client entry's principal and keytab.
    public var selfTestClient = false
    public var serviceEntry = "Server"
    public var clientEntry = "Client"

    public init(live: Bool = true, timeout: Double = 5) {
        self.live = live
        self.timeout = timeout
    }
}

/// The findings of checking one Kerberos file.
public struct KerberosReport: Sendable {
    /// The file's path relative to the home.
    public let file: String
    public let findings: [KerberosFinding]
    /// True when a finding is an error (the CLI then exits 1).
    public var hasErrors: Bool { findings.hasErrors }
}

/// A Kerberos service (scenario 16 or a custom policy) and what its policy says about the service principal.
struct KerberosServiceSettings {
    let service: String
    let principal: String
    let password: String?
}

extension Home {
    /// Checks krb5.conf: its lines, libkrb5 loading it, and (live) each realm's KDC answering.
    public func checkKrb5(_ options: KerberosCheckOptions = KerberosCheckOptions()) throws(HomeError) -> KerberosReport {
        let path = try settings().krb5Conf
        let check = Krb5Check(path: FileSystem.join(root, path), displayName: path, live: options.live, timeout: options.timeout)
        return KerberosReport(file: path, findings: check.run())
    }

    /// Checks jaas.conf: its syntax and options as Java reads them, the service keytab, the principal the Kerberos
    /// policies name, and (live) the service and a client logging in with the home's krb5.conf.
    public func checkJaas(_ options: KerberosCheckOptions = KerberosCheckOptions()) throws(HomeError) -> KerberosReport {
        let settings = try settings()
        var check = JAASCheck(path: FileSystem.join(root, settings.jaasConf), displayName: settings.jaasConf,
                              krb5Path: FileSystem.join(root, settings.krb5Conf), baseDirectory: root)
        check.live = options.live
        check.timeout = options.timeout
        check.serviceEntry = options.serviceEntry
        check.clientEntry = options.clientEntry
        check.client = options.client
        let services = kerberosServices()
        let principals = Set(services.map(\.principal).filter { !$0.isEmpty })
        var extra: [KerberosFinding] = []
        if principals.count == 1 { check.expectedServicePrincipal = principals.first }
        if principals.count > 1 {
            extra.append(KerberosFinding(.warning, "kerberos.principals", "the Kerberos services name different principals (\(principals.sorted().joined(separator: ", "))) but jaas.conf has one \(options.serviceEntry) entry",
                                         file: settings.jaasConf, fix: "Use one service principal for the host."))
        }
        if options.client == nil, options.selfTestClient, settings.client?.kerberosPrincipal != nil {
            switch KerberosParties.client(home: self, settings: settings, options: nil) {
            case .success(let client): check.client = JAASCheck.Client(principal: client.principal, credential: client.credential)
            case .failure(let failure):
                // wssconsole's own client, not the service: a warning, as validate calls it untested rather than failing.
                extra.append(KerberosFinding(.warning, failure.finding.code, "the self-test client ([client] of \(layout.settingsPath)): "
                                             + failure.finding.message, fix: failure.finding.fix))
            }
        }
        if let password = options.servicePassword {
            check.servicePassword = .password(password)
        } else if let stored = services.compactMap(\.password).first(where: { !$0.isEmpty }) {
            check.servicePassword = .password(Secret(stored))
        }
        let findings = check.run().map { found in
            guard found.code == "jaas.principal.mismatch", found.fix.hasPrefix("Make both"), let expected = check.expectedServicePrincipal else { return found }
            var found = found
            // Every Kerberos service names `expected`: the entry is the one to put back.
            found.fix = "Micro Integrator has one Server entry for all of \(services.map(\.service).joined(separator: ", ")): "
                + "wssconsole jaas service --principal \(expected) --keytab FILE (or --password)."
            return found
        }
        return KerberosReport(file: settings.jaasConf, findings: findings + extra)
    }

    /// The home's Kerberos services (scenario 16, or a custom policy with a Kerberos token), with the principal and
    /// password their policies hold.
    func kerberosServices() -> [KerberosServiceSettings] {
        services().compactMap { service in
            guard service.security.policyKey != nil, let text = try? policyText(of: service),
                  let policy = try? PolicyReader.read(Array(text.utf8)),
                  policy.usesKerberos else { return nil }
            let principal = policy.kerberosServicePrincipal ?? ""
            let password = policy.kerberosServicePassword
            return KerberosServiceSettings(service: service.name, principal: principal, password: password)
        }
    }
}
