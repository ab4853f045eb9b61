import Foundation
import KeyMaterial
import SecureXML

/// sp:EncryptBeforeSigning with sp:EncryptSignature under the asymmetric binding. The Body is encrypted first,
/// its KeyInfo naming an EncryptedKey written later; once signed, the Signature is encrypted in place under the
/// same key. The header reads EncryptedKey (listing the Signature's EncryptedData), that EncryptedData, then the
/// Body's ReferenceList: a receiver walking it opens and verifies the Signature over the Body's EncryptedData
/// before it decrypts the Body.
extension Outbound {
    struct BodyFirst {
        let key: Secret
        /// The EncryptedKey to come, which the Body's KeyInfo names.
        let keyID: String
        let dataID: String
    }

    /// The Body's content under a fresh key, its KeyInfo naming the EncryptedKey written after signing.
    func encryptBodyFirst(_ message: inout OutboundMessage) throws(SecurityFault) -> BodyFirst {
        let key = try newSessionSecret(), keyID = SOAPEnvelope.newID("EK")
        return BodyFirst(key: key, keyID: keyID, dataID: try encryptBody(message.soap, key: key, keyInfo: .encryptedKey(id: keyID)))
    }

    /// After signing: the Signature encrypted, then the EncryptedKey before it and the Body's ReferenceList after it.
    func protectEncryptedFirst(_ message: inout OutboundMessage, signature: XMLElement, body: BodyFirst, peerToken: Token) throws(SecurityFault) {
        let (recipient, recipientKey) = try peerRecipient()
        let data = try encryptSignature(signature, key: body.key, keyInfo: nil)
        _ = try writeEncryptedKey(body.key, for: recipientKey, reference: KeyReference.to(recipient, forms: peerToken.x509References),
                                  at: .before(data), id: body.keyID, dataReferences: [data.id ?? ""])
        writeReferenceList([body.dataID], at: .lastChild(of: message.security), in: message.security)
        message.actions += ["Body encrypted (\(suite.encryption.name)) for \(recipient.subject) (\(suite.keyTransport))",
                            "Signature encrypted in place (sp:EncryptSignature, \(suite.encryption.name))", Self.encryptedFirst]
    }

    /// The other side's certificate and its key: the service's for a request, the requester's for a response.
    func peerRecipient() throws(SecurityFault) -> (Certificate, XMLKey) {
        let isRequest = context.direction == .request
        let recipient = isRequest ? context.peerCertificate : (context.requestContext?.requesterCertificate ?? context.peerCertificate)
        guard let recipient else {
            throw SecurityFault(.misconfigured, "Encrypting needs the \(isRequest ? "service's" : "client's") certificate")
        }
        do { return (recipient, try KeyCache.shared.key(for: recipient)) } catch {
            throw SecurityFault(.misconfigured, "The certificate \(recipient.subject) cannot encrypt: \(error.message)")
        }
    }
}
