import Foundation
import KeyMaterial
import SecureXML

/// `secure`: builds the Security header the policy demands for this role and direction, in the policy's
/// layout (``HeaderLayout``: Timestamp first, or last for LaxTsLast; tokens before the signature that uses them;
/// EncryptedKey and ReferenceList above the Signature, as WSS4J writes sign-then-encrypt).
struct Outbound {
    let policy: SecurityPolicy
    let context: SecurityContext
    var suite: SuiteAlgorithms { SuiteAlgorithms(policy.alternative.binding.common.algorithmSuite) }
    var rampart: RampartConfig { policy.rampart ?? RampartConfig() }

    func run(_ envelope: Data) throws(SecurityFault) -> SecuredMessage {
        try EngineCoverage.check(policy)
        let soap = try SOAPEnvelope(envelope)
        try checkRequired(soap)
        let alternative = policy.alternative
        let isRequest = context.direction == .request
        guard context.role == (isRequest ? .client : .service) else {
            throw SecurityFault(.misconfigured, "The \(context.role.rawValue) secures \(context.role == .client ? "requests" : "responses"), not \(context.direction.rawValue)s")
        }
        let now = context.now()
        var message = OutboundMessage(soap: soap, security: soap.addSecurityHeader())
        if alternative.binding.common.includeTimestamp {
            let id = Timestamp.write(into: message.security, now: now, ttl: rampart.timestampTTL,
                                     milliseconds: rampart.timestampPrecisionInMilliseconds)
            message.signIDs.append(id)
            message.actions.append("Timestamp (time to live \(rampart.timestampTTL) s)")
        }
        if isRequest && alternative.requiresUsernameToken {
            guard let user = context.username, let password = context.password else {
                throw SecurityFault(.misconfigured, "The policy needs a UsernameToken: give the client a user name and password")
            }
            let digest = context.passwordDigest || alternative.usernameTokens.contains(where: \.hashPassword)
            let token = try UsernameTokenElement.write(into: message.security, user: user, password: password, digest: digest, now: now)
            message.usernameToken = token
            message.actions.append("UsernameToken for \(user) (\(digest ? "PasswordDigest" : "PasswordText"))")
            if case .transport = alternative.binding {} else if alternative.signsUsernameToken { message.signIDs.append(token.id ?? "") }
        }
        if !isRequest && alternative.requiresSignatureConfirmation {
            message.signIDs += SignatureConfirmation.write(context.requestContext?.signatureValues ?? [], into: message.security)
            message.actions.append("SignatureConfirmation of the request's signatures")
        }
        switch alternative.binding {
        case .transport:
            guard context.transport == .https else {
                throw SecurityFault(.invalidSecurity, "The policy's transport binding requires HTTPS; refusing to send over plain HTTP")
            }
            if isRequest, let endorsing = alternative.endorsingToken { try endorseTimestamp(&message, token: endorsing.token) }
        case .asymmetric(let binding):
            try protectAsymmetric(&message, binding: binding)
        case .symmetric(let binding):
            try protectSymmetric(&message, binding: binding)
        }
        HeaderLayout(layout: alternative.binding.common.layout).arrange(message.security)
        var exchange = context.requestContext ?? RequestContext()
        if isRequest {
            exchange.signatureValues = message.signatureValues
            exchange.sessionKey = message.sessionKey
        }
        return SecuredMessage(envelope: soap.serialized(), actions: message.actions, requestContext: exchange)
    }

    /// Signs `message.signIDs` with our own X.509 key: the certificate goes in a BinarySecurityToken when the token
    /// is `included` (that token signed too when `protectToken`), else it is named by one of `forms`.
    func signWithOwnKey(_ message: inout OutboundMessage, included: Bool, forms: Set<X509Reference>,
                        protectToken: Bool = false) throws(SecurityFault) -> (XMLElement, Certificate, KeyReference) {
        let (certificate, reference, tokenID) = try ownToken(&message, included: included, forms: forms)
        if protectToken, let tokenID { message.signIDs.append(tokenID) }
        return (try sign(&message, key: try ownSigningKey(), algorithm: suite.asymmetricSignature, reference: reference), certificate, reference)
    }

    /// Our certificate for a signature: in a new BinarySecurityToken when `included` (its Id returned), else
    /// named by one of `forms`.
    func ownToken(_ message: inout OutboundMessage, included: Bool, forms: Set<X509Reference>) throws(SecurityFault) -> (Certificate, KeyReference, String?) {
        guard let certificate = context.ownKey?.chain.first else {
            throw SecurityFault(.misconfigured, "Signing needs our private key and certificate")
        }
        guard included else { return (certificate, KeyReference.to(certificate, forms: forms), nil) }
        let id = BinarySecurityToken.write(certificate, into: message.security)
        return (certificate, .binaryToken(id: id), id)
    }

    func ownSigningKey() throws(SecurityFault) -> XMLKey {
        guard let own = context.ownKey, let certificate = own.chain.first else {
            throw SecurityFault(.misconfigured, "Signing needs our private key and certificate")
        }
        do { return try KeyCache.shared.key(for: own.key, certificate: certificate) } catch {
            throw SecurityFault(.misconfigured, "Our private key cannot sign: \(error.message)")
        }
    }
}

/// The message being secured and what has been done to it so far.
struct OutboundMessage {
    let soap: SOAPEnvelope
    let security: XMLElement
    var signIDs: [String] = []
    var actions: [String] = []
    var signatureValues: [String] = []
    var sessionKey: SessionKey?
    /// The UsernameToken, for (Signed)EncryptedSupportingTokens to encrypt with the parts.
    var usernameToken: XMLElement?
    /// The endorsing token's Signature, for sp:EncryptSignature to encrypt with the binding's.
    var endorsingSignature: XMLElement?
}
