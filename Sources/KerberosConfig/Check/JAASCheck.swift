import Foundation
import KeyMaterial

/// `wssconsole jaas check`: a jaas.conf read as Java reads it, the service entry's keytab opened, and (live) the
/// service principal and a client logging in to the KDC with the home's krb5.conf.
public struct JAASCheck: Sendable {
    /// A client that should be able to get a ticket for the service.
    public struct Client: Sendable {
        public var principal: String
        public var credential: KerberosCredential
        public init(principal: String, credential: KerberosCredential) {
            self.principal = principal
            self.credential = credential
        }
    }

    public var path: String
    public var displayName: String
    /// The krb5.conf the logins use.
    public var krb5Path: String
    /// Where relative keytab paths start (the runtime's working folder: the server home).
    public var baseDirectory: String
    /// The entry the service logs in with (WSO2: `Server`) and the client entry (`Client`).
    public var serviceEntry = "Server"
    public var clientEntry = "Client"
    /// The service principal the policy names, which the service entry must match.
    public var expectedServicePrincipal: String?
    /// The service's password when its entry logs in with a password rather than a keytab.
    public var servicePassword: KerberosCredential?
    /// A client to try (else the client entry's principal and keytab, when it has both).
    public var client: Client?
    public var live = true
    public var timeout: Double = 5

    public init(path: String, displayName: String? = nil, krb5Path: String, baseDirectory: String) {
        self.path = path
        self.displayName = displayName ?? path
        self.krb5Path = krb5Path
        self.baseDirectory = baseDirectory
    }

    /// Every finding: the file's, the keytab's, then the live ones.
    public func run() -> [KerberosFinding] {
        guard let data = FileBytes.read(path) else {
            return [KerberosFinding(.error, "jaas.missing", "\(displayName) does not exist or cannot be read", file: displayName,
                                    fix: "Create it: wssconsole jaas service --principal HTTP/host@REALM --keytab FILE.")]
        }
        let document = JAASDocument(bytes: [UInt8](data))
        var findings = JAASLint.findings(in: document, requiredEntries: [serviceEntry]).about(displayName)
        guard document.problem == nil, let service = document.entry(serviceEntry)?.module() else { return findings }

        let principal = service["principal"]
        if let expected = expectedServicePrincipal, let principal, principal != expected {
            findings.append(KerberosFinding(.error, "jaas.principal.mismatch",
                                            "\(serviceEntry) logs in as \(principal) but the policy names \(expected)", file: displayName,
                                            line: service.option("principal")?.line,
                                            fix: principal.lowercased() == expected.lowercased()
                                                ? "Principal and realm names are case-sensitive: write principal=\"\(expected)\" (or correct the policy)."
                                                : "Make both the same service principal."))
        }
        let keytab = service.keytab(relativeTo: baseDirectory)
        var keytabUnusable = false
        if let keytab, let written = service["keyTab"] {
            let line = service.option("keyTab")?.line
            let keytabFindings = KeytabCheck(path: keytab, shown: written, principal: principal, krb5Path: krb5Path).findings()
            keytabUnusable = keytabFindings.contains { ["keytab.missing", "keytab.invalid", "keytab.unresolved"].contains($0.code) }
            findings += keytabFindings.map { var f = $0; f.line = f.line ?? line; return f }.about(displayName)
        }

        guard live, let principal, (try? KerberosContext(configPath: krb5Path)) != nil else { return findings }
        let probe = LiveProbe(configPath: krb5Path, timeout: timeout)
        let serviceCredential: KerberosCredential? = keytab.map { .keytab(path: $0) } ?? servicePassword
        if keytabUnusable {
            // Already reported: a login with a keytab that cannot be read would only say it again.
        } else if let serviceCredential {
            findings.append(probe.login(principal, with: serviceCredential, role: .service))
        } else if !service.usesKeytab {
            findings.append(KerberosFinding(.warning, "service.login.skipped",
                                            "\(principal) logs in with a password, which was not given, so its login was not tried",
                                            fix: "Give it with --service-password-env NAME, --service-password-file FILE or --service-password-prompt."))
        }
        if let client = client ?? entryClient(document) {
            if findings.last?.code == "kdc.timeout", realm(of: client.principal) == realm(of: principal) {
                // The same KDC would keep the operator waiting a second time for the same silence.
                findings.append(KerberosFinding(.info, "client.ticket.skipped", "the ticket of \(client.principal) for \(principal) was not asked for: "
                                                + "the KDC did not answer the service's login"))
                return findings
            }
            // A keytab found unable to open the service's tickets at its login is not tried again on the client's.
            let tryKeytab = !keytabUnusable && findings.last?.code != "service.accept.failed"
            findings += probe.ticket(client: client.principal, with: client.credential, service: principal, serviceKeytab: tryKeytab ? keytab : nil)
        }
        return findings
    }

    /// The realm of a principal name, the krb5.conf's default realm when it names none.
    private func realm(of principal: String) -> String? {
        if let at = principal.lastIndex(of: "@") { return String(principal[principal.index(after: at)...]) }
        return (try? KerberosContext(configPath: krb5Path))?.defaultRealm
    }

    /// The client entry as a client to try, when it names both a principal and a keytab.
    private func entryClient(_ document: JAASDocument) -> Client? {
        guard let module = document.entry(clientEntry)?.module(), let principal = module["principal"],
              let keytab = module.keytab(relativeTo: baseDirectory) else { return nil }
        return Client(principal: principal, credential: .keytab(path: keytab))
    }
}
