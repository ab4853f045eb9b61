import CKerberos
import Foundation
import KeyMaterial

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

    /// Can `principal` get a ticket-granting ticket with `credential`? A service that logs in with a keytab then
    /// also asks for a ticket to itself and opens it with the keytab: a keytab can log in with one key (aes128, say)
    /// and still lack the one the KDC encrypts the service's tickets with.
    public func login(_ principal: String, with credential: KerberosCredential, role: Role) -> KerberosFinding {
        let config = configPath
        let keytab: String? = if role == .service, case .keytab(let path) = credential { path } else { nil }
        let outcome = Deadline.run(secondsEach: timeout) { progress -> (login: Outcome, accept: Outcome?) in
            var accept: Outcome?
            let login = Self.withContext(config) { context throws(KerberosLiveError) in
                let parsed = try context.principal(principal)
                let exchange = KDCExchange(context: context)
                let tgt = try exchange.initialCredentials(parsed, with: credential)
                progress.step()
                if let keytab { accept = Self.acceptance(of: tgt, by: parsed, keytab: keytab, exchange: exchange) }
                return parsed.name
            }
            return (login, accept)
        }
        switch outcome?.login {
        case nil:
            return timedOut("the login of \(principal)", realm: Self.realm(of: principal))
        case .ok(let name)?:
            if case .failed(let code, let message)? = outcome?.accept, let keytab {
                return KerberosFinding(.error, "service.accept.failed",
                                       "\(name) logs in with its keytab, but the keytab cannot open a ticket the KDC issues for it: \(message) (libkrb5 \(code))",
                                       fix: code == Krb5Code.enctypeNotPermitted ? Self.notPermittedFix(name, keytab: keytab)
                                       : "The keytab lacks the key (version and encryption type) the KDC encrypts \(name)'s tickets with: export all "
                                       + "its current keys, \(Keytab.export(keytab, name)), and allow that type in krb5.conf's permitted_enctypes.")
            }
            let opens = outcome?.accept == nil ? "" : ", and the keytab opens a ticket for it"
            return KerberosFinding(.info, "\(role.rawValue).login", "\(name) obtained a ticket-granting ticket with its \(credential.noun)\(opens)")
        case .failed(let code, let message)?:
            return failure(code, message, step: "\(role.rawValue).login", principal: principal, realm: Self.realm(of: principal), credential: credential)
        }
    }

    /// The keytab has the key, but krb5.conf's permitted_enctypes leaves out its type: exporting keys again changes nothing.
    private static func notPermittedFix(_ name: String, keytab: String) -> String {
        let types = (try? Keytab.entries(path: keytab).get()).map { entries in
            entries.filter { $0.principal == name }.map(\.enctype).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        } ?? []
        let held = types.isEmpty ? "" : " (the keytab holds \(types.joined(separator: ", ")))"
        return "The KDC encrypts \(name)'s tickets in a type krb5.conf's permitted_enctypes leaves out; Micro Integrator reads the same "
            + "file and refuses them too. Add the type of its keys\(held) to permitted_enctypes, or have the KDC issue its tickets in a permitted type."
    }

    /// Whether `service`'s keytab opens a ticket the KDC issues for it (with `tgt`).
    private static func acceptance(of tgt: Credentials, by service: Principal, keytab: String, exchange: KDCExchange) -> Outcome {
        do throws(KerberosLiveError) {
            try exchange.verify(tgt, service: service, keytab: keytab)
            return .ok("accepted")
        } catch {
            return .failed(code: error.code, message: error.message)
        }
    }

    /// Can `client` get a ticket for `service`, and (given the service's keytab) does the service's key open it?
    public func ticket(client: String, with credential: KerberosCredential, service: String, serviceKeytab: String?) -> [KerberosFinding] {
        let config = configPath
        let outcome = Deadline.run(secondsEach: timeout) { progress -> (ticket: Outcome, accept: Outcome?) in
            var accept: Outcome?
            let ticket = Self.withContext(config) { context throws(KerberosLiveError) in
                let exchange = KDCExchange(context: context)
                let tgt = try exchange.initialCredentials(try context.principal(client), with: credential)
                progress.step()
                let servicePrincipal = try context.principal(service)
                _ = try exchange.serviceTicket(with: tgt, for: servicePrincipal)
                progress.step()
                if let serviceKeytab { accept = Self.acceptance(of: tgt, by: servicePrincipal, keytab: serviceKeytab, exchange: exchange) }
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
                                            fix: "Export the service's current key again, \(Keytab.export(serviceKeytab ?? "FILE", service))."))
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
            return .failed(code: Krb5Code.badFormat, message: (error as? KerberosConfigError)?.reason ?? "\(error)")
        }
    }

    private static func realm(of principal: String) -> String? {
        principal.split(separator: "@", maxSplits: 1).dropFirst().first.map(String.init)
    }

    private func timedOut(_ what: String, realm: String?) -> KerberosFinding {
        KerberosFinding(.error, "kdc.timeout", "\(what): no answer within \(Int(timeout.rounded(.up))) s",
                        fix: "Check that the KDC\(realm.map { " of \($0)" } ?? "") is running and reachable (\(kdcAddresses(realm)), TCP and UDP), and the kdc lines of krb5.conf.")
    }

    /// Where krb5.conf's kdc lines put the realm's KDCs ("kdc.example.org:8899, kdc2 port 88"), for fixes; the
    /// default realm's when `realm` is nil, and "port 88" when the file does not say.
    func kdcAddresses(_ realm: String?) -> String {
        guard let data = FileBytes.read(configPath) else { return "port 88" }
        let document = Krb5Document(bytes: [UInt8](data))
        let kdcs = (realm ?? document.defaultRealm).flatMap(document.realm)?.kdcs ?? []
        return kdcs.isEmpty ? "port 88" : kdcs.map { $0.contains(":") ? $0 : $0 + " port 88" }.joined(separator: ", ")
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
