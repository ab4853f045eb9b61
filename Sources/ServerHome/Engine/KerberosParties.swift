import Foundation
import KerberosConfig
import KeyMaterial
import WSSecurity

/// Scenario 16's parties, from the home's Kerberos files: the service opens tokens with the keytab of jaas.conf's
/// `Server` entry, or without one (WSO2's usual `useKeyTab=false`) with keys made from the policy's password; the
/// client gets a ticket for the policy's service principal from the KDC of the home's krb5.conf, as `[client]
/// kerberos_principal` (or the `Client` entry's principal) with its password (or the entry's keytab).
struct KerberosParties {
    let home: Home
    let settings: ConsoleSettings
    let policy: SecurityPolicy

    var servicePrincipal: String? { policy.kerberosServicePrincipal }

    /// A scenario 16 policy, or a custom one with a Kerberos token, that names no service principal.
    static let noPrincipal = FindingFailure(.error, "kerberos.principal", "The policy names no service principal (service.principal.name)",
                                            fix: "Set service.principal.name in the policy to HTTP/host@REALM (for scenario 16: wssconsole apply --service NAME --scenario 16 --principal HTTP/host@REALM --keytab FILE).")

    var krb5Path: String { FileSystem.join(home.root, settings.krb5Conf) }

    /// The service's password as the policy keeps it (`service.principal.password`).
    var servicePassword: Secret? {
        policy.kerberosServicePassword.map { Secret($0) }
    }

    /// The service's acceptor: the Server entry's keytab, else keys made from the policy's service password (one KDC
    /// login here, then none per token).
    func acceptor() -> Result<(any KerberosAcceptor, String), FindingFailure> {
        guard let principal = servicePrincipal else {
            return .failure(Self.noPrincipal)
        }
        // Java refuses the whole file at its first syntax error: say that, not that the entry names no keytab.
        if let problem = Self.jaas(home: home, settings: settings)?.problem {
            return .failure(FindingFailure(.error, "jaas.invalid", "\(settings.jaasConf) cannot be read: line \(problem.line): \(problem.message) (Java refuses the whole file)",
                                           fix: "Correct that line (wssconsole jaas check names it; wssconsole jaas edit opens the file)."))
        }
        if let module = jaasEntry("Server"), let keytab = module.keytab(relativeTo: home.root) {
            return .success((KeytabAcceptor(keytab: keytab, service: principal), "Kerberos: \(principal) with the keytab \(module["keyTab"] ?? keytab)"))
        }
        guard let password = servicePassword else {
            return .failure(FindingFailure(.error, "kerberos.keytab", "jaas.conf's Server entry names no keytab and the policy holds no service password: the service cannot open Kerberos tokens here",
                                           fix: "wssconsole jaas service --principal \(principal) --keytab FILE; or the password in the policy's service.principal.password (for scenario 16: wssconsole apply --service NAME --scenario 16 --principal \(principal) --password-env VAR)"))
        }
        do {
            let keys = try PasswordKeytab.make(configPath: krb5Path, service: principal, password: password)
            return .success((KeytabAcceptor(keys: keys, service: principal),
                             "Kerberos: \(principal) with the service password (keys from the KDC's salt, kvno \(keys.kvno))"))
        } catch {
            return .failure(FindingFailure(.error, "kerberos.password", error.message, fix: error.fix))
        }
    }

    /// The client's token for one request, from the KDC. `options` are the command line's (`wssconsole message`); nil for
    /// the self-test (validate, the console), which has the settings alone, so its fixes name only those.
    func ticket(options: ClientIdentityOptions?) -> Result<(KerberosTicket, String), FindingFailure> {
        guard let service = servicePrincipal else {
            return .failure(Self.noPrincipal)
        }
        let client: KerberosClient
        switch Self.client(home: home, settings: settings, options: options) {
        case .success(let found): client = found
        case .failure(let failure): return .failure(failure)
        }
        do {
            let made = try KerberosTokens.request(configPath: krb5Path, client: client.principal, credential: client.credential, service: service)
            return .success((KerberosTicket(token: made.token, sessionKey: made.sessionKey), "Kerberos: \(made.client) with a ticket for \(service)"))
        } catch {
            guard error.reason == .clientKeyRefused, case .password = client.credential else {
                return .failure(FindingFailure(.error, "client.kerberos", error.message, fix: error.fix))
            }
            return .failure(FindingFailure(.error, "client.kerberos", error.message,
                                           fix: "\(client.origin.prefix(1).uppercased() + client.origin.dropFirst()) is not \(client.principal)'s: set it to the principal's current password."))
        }
    }

    /// The Kerberos client the self-test (`options` nil) or `wssconsole message` acts as: `--user` or `[client]
    /// kerberos_principal` or the Client entry's principal, with the password given, `[client]`'s, or the Client
    /// entry's keytab.
    static func client(home: Home, settings: ConsoleSettings, options: ClientIdentityOptions?) -> Result<KerberosClient, FindingFailure> {
        let entry = jaasEntry("Client", home: home, settings: settings)
        let settingsPath = home.layout.settingsPath
        guard let client = options?.user ?? settings.client?.kerberosPrincipal ?? entry?["principal"] else {
            return .failure(FindingFailure(.error, "client.kerberos", "No Kerberos client principal is configured",
                                           fix: "Name it: wssconsole client set --kerberos-principal NAME@REALM --kerberos-password-env NAME (written to [client] of \(settingsPath))"
                                               + (options == nil ? "." : ", or give --user and --password-env.")))
        }
        if let password = options?.password {
            return .success(KerberosClient(principal: client, credential: .password(password),
                                           origin: "the password given with \(options?.passwordOrigin ?? "--password-env")"))
        }
        if let source = settings.client?.kerberosPassword, source != .none {
            switch source.resolve(homeRoot: home.root) {
            case .success(let secret):
                let origin = switch source {
                case .environment(let name): "the password in the environment variable \(name) ([client] kerberos_password_env of \(settingsPath))"
                case .file(let path): "the password in \(path) ([client] kerberos_password_file of \(settingsPath))"
                default: "the password of [client] in \(settingsPath)"
                }
                return .success(KerberosClient(principal: client, credential: .password(secret), origin: origin))
            case .failure(let error): return .failure(FindingFailure(.error, "client.kerberos", "The client's Kerberos password: \(error.message)", fix: error.fix))
            }
        }
        if let keytab = entry?.keytab(relativeTo: home.root) {
            return .success(KerberosClient(principal: client, credential: .keytab(path: keytab), origin: "the Client entry's keytab"))
        }
        return .failure(FindingFailure(.error, "client.kerberos", "No password or keytab for the Kerberos client \(client)",
                                       fix: "wssconsole client set --kerberos-password-env NAME (or --kerberos-password-file FILE)" + (options == nil ? "." : ", or give --password-env.")))
    }

    private func jaasEntry(_ name: String) -> JAASLoginModule? { Self.jaasEntry(name, home: home, settings: settings) }

    private static func jaasEntry(_ name: String, home: Home, settings: ConsoleSettings) -> JAASLoginModule? {
        jaas(home: home, settings: settings)?.entry(name)?.module()
    }

    /// The home's jaas.conf, as read now; nil when it cannot be read.
    private static func jaas(home: Home, settings: ConsoleSettings) -> JAASDocument? {
        FileSystem.read(FileSystem.join(home.root, settings.jaasConf)).map(JAASDocument.init(bytes:))
    }
}

/// A Kerberos client principal, its password or keytab, and where that came from (named when the KDC refuses it).
struct KerberosClient {
    let principal: String
    let credential: KerberosCredential
    let origin: String
}

/// The service's side of the Kerberos token: its keytab, or the keys made from its password, through GSS-API
/// (replays refused).
public struct KeytabAcceptor: KerberosAcceptor {
    public let keytab: String
    public let service: String
    /// Holds a password's memory keytab for as long as the acceptor lives.
    private let keys: PasswordKeytab?

    public init(keytab: String, service: String) {
        self.keytab = keytab
        self.service = service
        keys = nil
    }

    init(keys: PasswordKeytab, service: String) {
        keytab = keys.name
        self.service = service
        self.keys = keys
    }

    public func accept(_ token: [UInt8]) throws -> (client: String, sessionKey: Secret) {
        do {
            let accepted = try KerberosTokens.accept(token, keytab: keytab, service: service)
            return (accepted.client, accepted.sessionKey)
        } catch {
            throw KerberosRefusal(error.message, fix: error.fix)
        }
    }
}

extension SecurityPolicy {
    /// True when the policy has a Kerberos token (scenario 16, or a custom policy with one).
    var usesKerberos: Bool { PolicyRequirements.requirements(of: self).contains(.kerberos) }

    /// The service principal a Kerberos policy names (Rampart's `service.principal.name`); nil when empty.
    var kerberosServicePrincipal: String? {
        let name = rampart?.kerberos?.first { $0.name == "service.principal.name" }?.value ?? ""
        return name.isEmpty ? nil : name
    }

    /// Scenario 16's service password: Rampart reads it from `rampart:kerberosConfig` (Micro Integrator ignores
    /// `sec:Kerberos`), WSO2's own policies keep it in `sec:Kerberos`; the first one that is not empty.
    var kerberosServicePassword: String? {
        [rampart?.kerberos, carbon?.kerberos].lazy.compactMap { properties in
            properties?.first { $0.name == KerberosScenario.passwordProperty && !$0.value.isEmpty }?.value
        }.first
    }

    /// Writes the service password in both blocks (each where it already has Kerberos properties): where Rampart
    /// reads it, and where WSO2's policies and console keep it.
    mutating func setKerberosServicePassword(_ password: String) {
        func set(_ properties: inout [Property]?) {
            guard var list = properties else { return }
            if let index = list.firstIndex(where: { $0.name == KerberosScenario.passwordProperty }) {
                list[index].value = password
            } else {
                list.insert(Property(KerberosScenario.passwordProperty, password), at: 0)
            }
            properties = list
        }
        if rampart != nil { set(&rampart!.kerberos) }
        if carbon != nil { set(&carbon!.kerberos) }
    }
}
