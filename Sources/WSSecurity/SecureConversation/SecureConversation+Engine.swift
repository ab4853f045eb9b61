import Foundation
import KeyMaterial
import SecureXML

/// The SecurityContextToken as the symmetric binding's protection token (scenarios 9-15): the same signing and
/// encryption as an EncryptedKey's session key, keyed by the token's secret, the token carried in each message.
extension Outbound {
    /// The token's secret as the session key; the token goes into the header (AlwaysToRecipient, and the responder
    /// includes it too, as Rampart does) and the signature and EncryptedData name it by a direct reference.
    func contextTokenSession(_ message: inout OutboundMessage) throws(SecurityFault) -> (SessionKey, KeyReference) {
        let session: SessionKey
        if context.direction == .request {
            guard let token = context.conversation else {
                throw SecurityFault(.misconfigured, "The policy's protection token is a SecurityContextToken: get one from the service's STS first (a WS-Trust RST)")
            }
            guard context.now() < token.expires else {
                throw SecurityFault(.misconfigured, "The SecurityContextToken \(token.identifier) expired at \(Timestamp.format(token.expires, milliseconds: false)); get a new one")
            }
            session = SessionKey(secret: token.secret, source: .securityContextToken(identifier: token.identifier))
        } else {
            guard let key = context.requestContext?.sessionKey, case .securityContextToken = key.source else {
                throw SecurityFault(.misconfigured, "The response under a SecurityContextToken needs the request's token")
            }
            session = key
        }
        guard case .securityContextToken(let identifier) = session.source else { throw SecurityFault(.misconfigured, "No SecurityContextToken") }
        let id = SecurityContextToken.writeElement(identifier: identifier, into: message.security)
        message.actions.append("SecurityContextToken \(identifier)")
        return (session, .securityContextToken(id: id))
    }
}

extension Inbound {
    /// A wsc:SecurityContextToken in the header: its secret from the service's store (unknown, cancelled or expired
    /// tokens refused), or on the client the token it holds. Ignored under policies that do not use one.
    func readContextToken(_ element: XMLElement, into state: inout InboundState) throws(SecurityFault) {
        guard policy.protectsWithContextToken else { return }
        guard let id = element.id else { throw SecurityFault(.invalidSecurityToken, "A SecurityContextToken has no wsu:Id") }
        let identifier = try SecurityContextToken.identifier(of: element)
        let secret: Secret
        if let store = context.contextStore {
            secret = try store.token(identifier, now: context.now()).secret
        } else if let token = context.conversation, token.identifier == identifier {
            secret = token.secret
        } else if let key = context.requestContext?.sessionKey, key.source == .securityContextToken(identifier: identifier) {
            secret = key.secret
        } else {
            throw SecurityFault(.invalidSecurityToken, "The SecurityContextToken \(identifier) is unknown here")
        }
        state.sessionKeys[id] = SessionKey(secret: secret, source: .securityContextToken(identifier: identifier))
    }
}

extension SecurityPolicy {
    /// True when the symmetric binding's protection token is a SecureConversationToken.
    var protectsWithContextToken: Bool { protection == .securityContextToken }

    /// The SecureConversationToken assertion of the symmetric binding, if that is its protection token.
    var contextToken: SecureConversationToken? {
        if case .symmetric(let binding) = alternative.binding, case .secureConversation(let token) = binding.protectionToken { return token }
        return nil
    }

    /// The policy the STS exchange (issue) is secured with: the token's bootstrap policy, with this policy's host
    /// configuration (Rampart's keys, timestamps; WSO2's allowed roles).
    public var bootstrapPolicy: SecurityPolicy? {
        contextToken.map { SecurityPolicy(id: id + "-bootstrap", alternative: $0.bootstrap, rampart: rampart, carbon: carbon) }
    }
}
