import CKerberos
import Foundation

/// The live checks: real exchanges with the KDCs a krb5.conf names, each under a time limit, each reported as a
/// finding (an `info` when it worked, an `error` saying what failed and what to do otherwise).
public struct LiveProbe: Sendable {
    /// The krb5.conf the exchanges use (the home's; the machine's own configuration is never read).
    public let configPath: String
    /// How long one exchange may take, in seconds, before it counts as no answer.
    public let timeout: Double

    public init(configPath: String, timeout: Double = 5) {
        self.configPath = configPath
        self.timeout = timeout
    }

    /// Who is logging in, for the codes and messages of the findings.
    public enum Role: String, Sendable { case service, client }

    private enum Outcome: Sendable {
        case ok(String)
        case failed(code: krb5_error_code, message: String)
    }

    /// Does a KDC of `realm` answer, and does it serve that realm? Asks for a ticket as `krbtgt/REALM@REALM`, which
    /// every KDC of the realm has: any answer but "no such client" proves it (no password needed), while "no such
    /// client" means the KDC named for the realm serves another one (a single-realm MIT KDC answers any realm).
    public func reachKDC(realm: String) -> KerberosFinding {
        let config = configPath
        let outcome = Deadline.run(seconds: timeout) { () -> Outcome in
            Self.withContext(config) { context throws(KerberosLiveError) in
                let probe = try context.principal("krbtgt/\(realm)@\(realm)")
                _ = try KDCExchange(context: context).initialCredentials(probe, with: .password(.init("wssconsole-reachability-probe")))
                return "answered"
            }
        }
        switch outcome {
        case nil:
            return timedOut("a KDC of \(realm)", realm: realm)
        case .ok:
            return KerberosFinding(.info, "kdc.reachable", "a KDC of \(realm) answered")
        case .failed(Krb5Code.clientUnknown, let message):
            return failure(Krb5Code.wrongRealm, message, step: "kdc", principal: nil, realm: realm, credential: nil)
        case .failed(let code, let message):
            if KerberosLiveError(code, message).cameFromKDC && code != Krb5Code.wrongRealm {
                return KerberosFinding(.info, "kdc.reachable", "a KDC of \(realm) answered")
            }
            return failure(code, message, step: "kdc", principal: nil, realm: realm, credential: nil)
        }
    }

    /// Can `principal` get a ticket-granting ticket with `credential`?
    public func login(_ principal: String, with credential: KerberosCredential, role: Role) -> KerberosFinding {
        let config = configPath
        let outcome = Deadline.run(seconds: timeout) { () -> Outcome in
            Self.withContext(config) { context throws(KerberosLiveError) in
                let parsed = try context.principal(principal)
                _ = try KDCExchange(context: context).initialCredentials(parsed, with: credential)
                return parsed.name
            }
        }
        switch outcome {
        case nil:
            return timedOut("the login of \(principal)", realm: Self.realm(of: principal))
        case .ok(let name):
            return KerberosFinding(.info, "\(role.rawValue).login", "\(name) obtained a ticket-granting ticket with its \(credential.noun)")
        case .failed(let code, let message):
            return failure(code, message, step: "\(role.rawValue).login", principal: principal, realm: Self.realm(of: principal), credential: credential)
        }
    }

    /// Can `client` get a ticket for `service`, and (given the service's keytab) does the service's key open it?
    public func ticket(client: String, with credential: KerberosCredential, service: String, serviceKeytab: String?) -> [KerberosFinding] {
        let config = configPath
        let outcome = Deadline.run(seconds: timeout * 2) { () -> (ticket: Outcome, accept: Outcome?) in
            var accept: Outcome?
            let ticket = Self.withContext(config) { context throws(KerberosLiveError) in
                let exchange = KDCExchange(context: context)
                let tgt = try exchange.initialCredentials(try context.principal(client), with: credential)
                let servicePrincipal = try context.principal(service)
                _ = try exchange.serviceTicket(with: tgt, for: servicePrincipal)
                if let serviceKeytab {
                    do throws(KerberosLiveError) {
                        try exchange.verify(tgt, service: servicePrincipal, keytab: serviceKeytab)
                        accept = .ok("accepted")
                    } catch {
                        accept = .failed(code: error.code, message: error.message)
                    }
                }
                return servicePrincipal.name
            }
            return (ticket, accept)
        }
        guard let outcome else { return [timedOut("the ticket for \(service)", realm: Self.realm(of: service))] }
        var findings: [KerberosFinding] = []
        switch outcome.ticket {
        case .ok(let name):
            findings.append(KerberosFinding(.info, "client.ticket", "\(client) obtained a service ticket for \(name)"))
        case .failed(let code, let message):
            let step = code == Krb5Code.serverUnknown ? "client.ticket" : "client.login"
            findings.append(failure(code, message, step: step, principal: step == "client.ticket" ? service : client,
                                    realm: Self.realm(of: client), credential: credential))
        }
        switch outcome.accept {
        case .ok?:
            findings.append(KerberosFinding(.info, "service.accept", "the service keytab opens the ticket for \(service)"))
        case .failed(let code, let message)?:
            findings.append(KerberosFinding(.error, "service.accept.failed", "the service keytab cannot open a ticket for \(service): \(message) (libkrb5 \(code))",
                                            fix: "Export the service's current key again (kadmin: ktadd -k FILE \(service))."))
        case nil:
            break
        }
        return findings
    }

    // MARK: - Helpers

    private static func withContext(_ config: String, _ body: (KerberosContext) throws(KerberosLiveError) -> String) -> Outcome {
        do {
            let context = try KerberosContext(configPath: config)
            return .ok(try body(context))
        } catch let error as KerberosLiveError {
            return .failed(code: error.code, message: error.message)
        } catch {
            return .failed(code: Krb5Code.badFormat, message: "\(error)")
        }
    }

    private static func realm(of principal: String) -> String? {
        principal.split(separator: "@", maxSplits: 1).dropFirst().first.map(String.init)
    }

    private func timedOut(_ what: String, realm: String?) -> KerberosFinding {
        KerberosFinding(.error, "kdc.timeout", "\(what): no answer within \(Int(timeout.rounded(.up))) s",
                        fix: "Check that the KDC\(realm.map { " of \($0)" } ?? "") is running and reachable (port 88, TCP and UDP), and the kdc lines of krb5.conf.")
    }
}

extension KerberosCredential {
    /// "keytab" or "password", for messages.
    var noun: String {
        switch self {
        case .keytab: "keytab"
        case .password: "password"
        }
    }
}
