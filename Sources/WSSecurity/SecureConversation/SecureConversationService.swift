import Foundation
import KeyMaterial
import SecureXML

/// The service as its own WS-Trust STS (scenarios 9-15, as WSO2 runs them): it issues SecurityContextTokens to
/// clients that pass its bootstrap policy, accepts application messages keyed by them, and cancels them.
/// Which of the three a request is comes from its wsa:Action, as Rampart dispatches.
public struct SecureConversationService: Sendable {
    /// What an inbound request asks for.
    public enum RequestKind: Sendable, Equatable {
        case issue, cancel, application
    }

    /// The answer to an issue or cancel request: the secured response and what was checked and done.
    public struct Answer: Sendable {
        public var response: Data
        /// The request as verified (under the bootstrap policy for issue, the token for cancel).
        public var verified: VerifiedMessage
        /// The token's identifier.
        public var identifier: String
        /// What the STS did and what securing the response did, one line each.
        public var actions: [String]
    }

    /// The service's policy (a SecureConversationToken protects its symmetric binding).
    public let policy: SecurityPolicy
    /// The tokens issued; share one store across all of a service's messages.
    public let store: SecurityContextStore
    /// How long an issued token lives (Rahas' default: 300 s); a client may ask for less.
    public var tokenLifetime: TimeInterval
    /// The service this STS answers for, when known: an RST whose wsp:AppliesTo names another service is refused
    /// (its client would take the token for that service's, which then refuses it).
    public var serviceName: String?

    public init(policy: SecurityPolicy, store: SecurityContextStore, tokenLifetime: TimeInterval = 300, serviceName: String? = nil) {
        self.policy = policy
        self.store = store
        self.tokenLifetime = tokenLifetime
        self.serviceName = serviceName
    }

    /// Issue (wst/RST/SCT), Cancel (wst/RST/SCT/Cancel) or an application message.
    public static func kind(of request: Data) -> RequestKind {
        switch TrustMessages.action(of: request) {
        case Trust.issueAction: .issue
        case Trust.cancelAction: .cancel
        default: .application
        }
    }

    /// Verifies an RST under the bootstrap policy, issues a token (its key P_SHA1 of both entropies, 32 bytes for
    /// Basic256) and answers with the RSTR, secured under the bootstrap policy for the requester.
    public func issue(_ request: Data, context: SecurityContext) throws(SecurityFault) -> Answer {
        guard let bootstrap = policy.bootstrapPolicy else { throw SecurityFault(.misconfigured, "The policy has no SecureConversationToken") }
        var context = context
        context.direction = .request
        let verified = try SecurityEngine(policy: bootstrap).verify(request, context: context)
        let rst = try TrustMessages.bodyElement(verified.envelope, "RequestSecurityToken")
        guard try TrustMessages.text(rst, "RequestType") == Trust.issue else {
            throw SecurityFault(.invalidSecurity, "The RST's RequestType is not \(Trust.issue)")
        }
        if let type = try TrustMessages.text(rst, "TokenType"), type != Trust.sctTokenType {
            throw SecurityFault(.unsupportedSecurityToken, "This STS issues SecurityContextTokens, not \(type)")
        }
        if let serviceName, let (named, address) = TrustMessages.appliesToOther(rst, than: serviceName) {
            throw SecurityFault(.invalidSecurity, "The RST asks for a token for \(named) (wsp:AppliesTo \(address.prefix(200))); this is \(serviceName)'s STS",
                                fix: "Send the RST to \(named), or address it to \(serviceName) (wssconsole message token --service \(serviceName))")
        }
        let clientEntropy = try TrustMessages.entropy(rst)
        if clientEntropy == nil, policy.alternative.trust10?.contains(.requireClientEntropy) ?? false {
            throw SecurityFault(.invalidSecurity, "The policy requires client entropy (sp:RequireClientEntropy) and the RST has none")
        }
        if let algorithm = try TrustMessages.text(rst, "ComputedKeyAlgorithm"), algorithm != Trust.psha1 {
            throw SecurityFault(.unsupportedAlgorithm, "Computed key algorithm \(algorithm) is not \(Trust.psha1)")
        }
        let now = context.now()
        var expires = now.addingTimeInterval(tokenLifetime)
        if let (_, asked) = try TrustMessages.lifetime(rst), asked > now { expires = min(expires, asked) }
        let length = SuiteAlgorithms(policy.alternative.binding.common.algorithmSuite).keyBits / 8
        let secret: Secret, serverEntropy: Data?, binarySecret: Data?
        do {
            if let clientEntropy {
                let entropy = try SecureRandom.bytes(length)
                (secret, serverEntropy, binarySecret) = (try PSHA1.derive(secret: Secret(bytes: clientEntropy), seed: entropy, length: length), entropy, nil)
            } else {
                let bytes = try SecureRandom.bytes(length)
                (secret, serverEntropy, binarySecret) = (Secret(bytes: bytes), nil, bytes)
            }
        } catch { throw SecurityFault(.misconfigured, "No key for the token: \(error)") }
        let identifier = "urn:uuid:" + UUID().uuidString.lowercased()
        try store.insert(SecurityContextToken(identifier: identifier, secret: secret, created: now, expires: expires), now: now)
        let body = TrustMessages.issueResponse(identifier: identifier, created: now, expires: expires,
                                               serverEntropy: serverEntropy, binarySecret: binarySecret)
        let soap12 = (try? SOAPEnvelope(request))?.isSOAP12 ?? false
        let response = try secureResponse(TrustMessages.envelope(action: Trust.issueResponseAction, to: nil, body: body, soap12: soap12),
                                          policy: bootstrap, context: context, verified: verified)
        let proof = serverEntropy != nil ? "key P_SHA1(client entropy, server entropy), \(length * 8) bits" : "key sent as a BinarySecret, \(length * 8) bits"
        return Answer(response: response.envelope, verified: verified, identifier: identifier,
                      actions: ["Issued SecurityContextToken \(identifier) until \(Timestamp.format(expires, milliseconds: false)) (\(proof))"] + response.actions)
    }

    /// Verifies a Cancel RST under the token it names (only the token's holder may cancel it), cancels the token
    /// and answers RequestedTokenCancelled, secured under the token.
    public func cancel(_ request: Data, context: SecurityContext) throws(SecurityFault) -> Answer {
        var context = context
        context.direction = .request
        let verified = try verify(request, context: context)
        let rst = try TrustMessages.bodyElement(verified.envelope, "RequestSecurityToken")
        guard try TrustMessages.text(rst, "RequestType") == Trust.cancel else {
            throw SecurityFault(.invalidSecurity, "The RST's RequestType is not \(Trust.cancel)")
        }
        guard let target = rst.child("CancelTarget", Trust.wst)?.child("SecurityTokenReference", WSS.wsse)?.child("Reference", WSS.wsse)?.attribute("URI"),
              case .securityContextToken(let holder)? = verified.requestContext.sessionKey?.source else {
            throw SecurityFault(.invalidSecurity, "The Cancel RST names no token in wst:CancelTarget")
        }
        var identifier = target
        if target.hasPrefix("#"), let element = try SOAPEnvelope(verified.envelope).document.element(withID: String(target.dropFirst())),
           element.is("SecurityContextToken", Trust.wsc) {
            identifier = try SecurityContextToken.identifier(of: element)
        }
        guard identifier == holder else {
            throw SecurityFault(.failedAuthentication, "A SecurityContextToken can only be cancelled under itself; the request is keyed by \(holder)")
        }
        store.cancel(identifier)
        let soap12 = (try? SOAPEnvelope(request))?.isSOAP12 ?? false
        let response = try secureResponse(TrustMessages.envelope(action: Trust.cancelResponseAction, to: nil, body: TrustMessages.cancelResponse, soap12: soap12),
                                          policy: policy, context: context, verified: verified)
        return Answer(response: response.envelope, verified: verified, identifier: identifier,
                      actions: ["Cancelled SecurityContextToken \(identifier)"] + response.actions)
    }

    /// Verifies an application request (or a Cancel) under the policy, its token looked up in the store.
    public func verify(_ request: Data, context: SecurityContext) throws(SecurityFault) -> VerifiedMessage {
        var context = context
        context.contextStore = store
        var verified = try SecurityEngine(policy: policy).verify(request, context: context)
        if case .securityContextToken(let identifier)? = verified.requestContext.sessionKey?.source {
            verified.checks.insert("SecurityContextToken \(identifier) issued by this service and active", at: 0)
        }
        return verified
    }

    private func secureResponse(_ envelope: Data, policy: SecurityPolicy, context: SecurityContext,
                                verified: VerifiedMessage) throws(SecurityFault) -> SecuredMessage {
        var context = context
        context.direction = .response
        context.requestContext = verified.requestContext
        return try SecurityEngine(policy: policy).secured(envelope, context: context)
    }
}
