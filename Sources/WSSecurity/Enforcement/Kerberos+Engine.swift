import Foundation
import KeyMaterial
import SecureXML

/// The Kerberos token as the symmetric binding's protection token (scenario 16, as Rampart and WSS4J 1.6 do it): the
/// request carries the GSS-API AP-REQ and is signed (and encrypted) with its session key, named by a direct
/// reference; the response is keyed by the same session key, named by the token's SHA-1 (`#Kerberosv5APREQSHA1`).
extension Outbound {
    func kerberosSession(_ message: inout OutboundMessage) throws(SecurityFault) -> (SessionKey, KeyReference) {
        guard context.direction == .request else {
            guard let key = context.requestContext?.sessionKey, case .kerberos(let sha1) = key.source else {
                throw SecurityFault(.misconfigured, "The response under a Kerberos token needs the request's session key")
            }
            return (key, .kerberosSHA1(sha1))
        }
        guard let ticket = context.kerberosTicket else {
            throw SecurityFault(.misconfigured, "The policy's protection token is a Kerberos token: the client needs a ticket for the service principal")
        }
        let id = KerberosTokenElement.write(ticket.token, into: message.security)
        message.actions.append("Kerberos token (GSS AP-REQ, \(ticket.sessionKey.count * 8)-bit session key)")
        return (SessionKey(secret: ticket.sessionKey, source: .kerberos(sha1: KerberosTokenElement.sha1(ticket.token))), .kerberosToken(id: id))
    }
}

extension Inbound {
    /// A Kerberos BinarySecurityToken: only under a policy whose protection token it is, only in a request, opened by
    /// the service's acceptor (its keytab; replays refused). Its session key and client are recorded.
    func readKerberosToken(_ element: XMLElement, id: String, into state: inout InboundState) throws(SecurityFault) {
        guard policy.protection == .kerberos else {
            throw SecurityFault(.unsupportedSecurityToken, "The message carries a Kerberos token; the policy's protection token is not one")
        }
        guard context.direction == .request else {
            throw SecurityFault(.invalidSecurity, "A response names the request's Kerberos token by its SHA-1; it does not carry one")
        }
        guard let acceptor = context.kerberosAcceptor else {
            throw SecurityFault(.misconfigured, "The service has no keytab to open Kerberos tokens with")
        }
        let token = try KerberosTokenElement.read(element)
        let accepted: (client: String, sessionKey: Secret)
        do { accepted = try acceptor.accept(token) } catch let refusal as KerberosRefusal {
            throw SecurityFault(.failedAuthentication, "The Kerberos token was refused: \(refusal.message)", fix: refusal.fix)
        } catch {
            throw SecurityFault(.failedAuthentication, "The Kerberos token was refused: \(error)")
        }
        state.kerberosClient = accepted.client
        state.sessionKeys[id] = SessionKey(secret: accepted.sessionKey, source: .kerberos(sha1: KerberosTokenElement.sha1(token)))
    }
}
