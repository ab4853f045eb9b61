import KeyMaterial
import SecureXML

/// sp:EndorsingSupportingTokens and sp:SignedEndorsingSupportingTokens with an X.509 token: the client's own key
/// signs what proves the message (WS-SecurityPolicy 1.2 §8.3-8.4), a second signature beside the binding's.
extension Outbound {
    /// Under the transport binding: the client signs the Timestamp with its X.509 key (WCF's CertificateOverTransport).
    func endorseTimestamp(_ message: inout OutboundMessage, token: X509Token) throws(SecurityFault) {
        let (_, certificate, _) = try signWithOwnKey(&message, included: token.inclusion.included(in: context.direction), forms: token.references)
        message.actions.append("Timestamp endorsed (sp:EndorsingSupportingTokens, \(suite.asymmetricSignature.name)) by \(certificate.subject)")
    }

    /// Under a message binding, before the binding's Signature is made: the endorsing certificate's token, added to
    /// what that Signature covers when it is the signed kind. Nil when nothing endorses this message.
    func prepareEndorsement(_ message: inout OutboundMessage) throws(SecurityFault) -> Endorsement? {
        guard context.direction == .request, let (token, signed) = policy.alternative.endorsingToken else { return nil }
        guard !message.signIDs.isEmpty else {
            throw SecurityFault(.misconfigured, "The policy signs nothing, so there is no Signature for its endorsing token to sign")
        }
        let included = token.inclusion.included(in: context.direction)
        if signed && !included {
            throw SecurityFault(.misconfigured, "sp:SignedEndorsingSupportingTokens needs its token in the message to sign it; its IncludeToken says never")
        }
        let (certificate, reference, tokenID) = try ownToken(&message, included: included, forms: token.references)
        if signed, let tokenID { message.signIDs.append(tokenID) }
        return Endorsement(certificate: certificate, reference: reference, signed: signed)
    }

    /// After it: our key signs the binding's `signature` (WCF's MutualCertificate), the endorsing Signature after it.
    func endorse(_ signature: XMLElement, _ endorsement: Endorsement, message: inout OutboundMessage) throws(SecurityFault) {
        guard let id = signature.id else { throw SecurityFault(.misconfigured, "The message's Signature has no Id to endorse") }
        message.endorsingSignature = try sign(&message, key: try ownSigningKey(), algorithm: suite.asymmetricSignature,
                                              reference: endorsement.reference, ids: [id])
        message.actions.append("Signature endorsed (sp:\(endorsement.signed ? "Signed" : "")EndorsingSupportingTokens, \(suite.asymmetricSignature.name)) by \(endorsement.certificate.subject)")
    }
}

/// How the endorsing signature will name its key, made before the binding's Signature.
struct Endorsement {
    let certificate: Certificate
    let reference: KeyReference
    let signed: Bool
}
