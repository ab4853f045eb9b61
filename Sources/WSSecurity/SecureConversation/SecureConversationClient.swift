import Foundation
import KeyMaterial
import SecureXML

/// The client of a service that is its own STS (scenarios 9-15): asks for a SecurityContextToken under the
/// bootstrap policy, computes the same key as the service, and cancels the token when done. Application messages
/// then go through ``SecurityEngine`` with the token in ``SecurityContext/conversation``.
public struct SecureConversationClient: Sendable {
    /// An RST on its way: the secured request and what reading the RSTR needs.
    public struct PendingIssue: Sendable {
        public let secured: SecuredMessage
        /// The client entropy the key is computed from (kept by a client that reads the RSTR in a later run).
        public let entropy: Secret

        public init(secured: SecuredMessage, entropy: Secret) {
            self.secured = secured
            self.entropy = entropy
        }
    }

    /// The service's policy (a SecureConversationToken protects its symmetric binding).
    public let policy: SecurityPolicy
    /// The service's address: the RST's AppliesTo and wsa:To.
    public let serviceAddress: String
    /// Send SOAP 1.2 envelopes.
    public var soap12: Bool
    /// The token lifetime asked for.
    public var lifetime: TimeInterval

    public init(policy: SecurityPolicy, serviceAddress: String, soap12: Bool = false, lifetime: TimeInterval = 300) {
        self.policy = policy
        self.serviceAddress = serviceAddress
        self.soap12 = soap12
        self.lifetime = lifetime
    }

    private var keyLength: Int { SuiteAlgorithms(policy.alternative.binding.common.algorithmSuite).keyBits / 8 }

    /// True when `response` is the STS's answer to an RST (an RSTR to an Issue or a Cancel), by its wsa:Action.
    public static func isAnswer(_ response: Data) -> Bool {
        [Trust.issueResponseAction, Trust.cancelResponseAction].contains(TrustMessages.action(of: response))
    }

    /// The RST (fresh client entropy of the key's size), secured under the bootstrap policy.
    public func issueRequest(context: SecurityContext) throws(SecurityFault) -> PendingIssue {
        guard let bootstrap = policy.bootstrapPolicy else { throw SecurityFault(.misconfigured, "The policy has no SecureConversationToken") }
        let entropy: Data
        do { entropy = try SecureRandom.bytes(keyLength) } catch { throw SecurityFault(.misconfigured, "No random bytes for the entropy") }
        let now = context.now()
        let body = TrustMessages.issueRequest(appliesTo: serviceAddress, entropy: entropy, created: now, expires: now.addingTimeInterval(lifetime))
        var context = context
        context.direction = .request
        let secured = try SecurityEngine(policy: bootstrap).secured(
            TrustMessages.envelope(action: Trust.issueAction, to: serviceAddress, body: body, soap12: soap12), context: context)
        return PendingIssue(secured: secured, entropy: Secret(bytes: entropy))
    }

    /// Verifies the RSTR under the bootstrap policy and returns the token with its key: P_SHA1(our entropy, the
    /// service's) for a ComputedKey, the BinarySecret the service sent, or (no proof token) our own entropy.
    public func accept(_ response: Data, for pending: PendingIssue, context: SecurityContext) throws(SecurityFault) -> (SecurityContextToken, VerifiedMessage) {
        guard let bootstrap = policy.bootstrapPolicy else { throw SecurityFault(.misconfigured, "The policy has no SecureConversationToken") }
        var context = context
        context.direction = .response
        context.requestContext = pending.secured.requestContext
        let verified = try SecurityEngine(policy: bootstrap).verify(response, context: context)
        let rstr = try TrustMessages.bodyElement(verified.envelope, "RequestSecurityTokenResponse")
        let tokens = rstr.child("RequestedSecurityToken", Trust.wst)?.children("SecurityContextToken", Trust.wsc) ?? []
        guard tokens.count == 1 else { throw SecurityFault(.invalidSecurity, "The RSTR must hold one wsc:SecurityContextToken") }
        let identifier = try SecurityContextToken.identifier(of: tokens[0])
        let now = context.now()
        let (created, expires) = try TrustMessages.lifetime(rstr) ?? (now, now.addingTimeInterval(lifetime))
        let secret: Secret
        if let proof = rstr.child("RequestedProofToken", Trust.wst) {
            if let computed = try TrustMessages.text(proof, "ComputedKey") {
                guard computed == Trust.psha1, let serverEntropy = try TrustMessages.entropy(rstr) else {
                    throw SecurityFault(.invalidSecurity, "A ComputedKey proof needs \(Trust.psha1) and the service's wst:Entropy")
                }
                do { secret = try PSHA1.derive(secret: pending.entropy, seed: serverEntropy, length: keyLength) } catch {
                    throw SecurityFault(.misconfigured, "P_SHA1 failed: \(error)")
                }
            } else if let binary = proof.child("BinarySecret", Trust.wst) {
                secret = Secret(bytes: try TrustMessages.binarySecret(binary))
            } else {
                throw SecurityFault(.unsupportedSecurityToken, "The RSTR's proof token is neither a ComputedKey nor a BinarySecret")
            }
        } else {
            secret = pending.entropy
        }
        guard expires > now else { throw SecurityFault(.messageExpired, "The issued SecurityContextToken has already expired") }
        return (SecurityContextToken(identifier: identifier, secret: secret, created: created, expires: expires), verified)
    }

    /// A Cancel RST for `token`, secured under the token itself.
    public func cancelRequest(_ token: SecurityContextToken, context: SecurityContext) throws(SecurityFault) -> SecuredMessage {
        var context = context
        context.direction = .request
        context.conversation = token
        return try SecurityEngine(policy: policy).secured(
            TrustMessages.envelope(action: Trust.cancelAction, to: serviceAddress, body: TrustMessages.cancelRequest(identifier: token.identifier),
                                   soap12: soap12), context: context)
    }

    /// Verifies the answer to a Cancel under the token: it must say RequestedTokenCancelled.
    public func acceptCancel(_ response: Data, for request: SecuredMessage, token: SecurityContextToken,
                             context: SecurityContext) throws(SecurityFault) -> VerifiedMessage {
        var context = context
        context.direction = .response
        context.conversation = token
        context.requestContext = request.requestContext
        let verified = try SecurityEngine(policy: policy).verify(response, context: context)
        let rstr = try TrustMessages.bodyElement(verified.envelope, "RequestSecurityTokenResponse")
        guard rstr.child("RequestedTokenCancelled", Trust.wst) != nil else {
            throw SecurityFault(.invalidSecurity, "The answer to the Cancel does not say RequestedTokenCancelled")
        }
        return verified
    }
}
