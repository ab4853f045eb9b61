import Foundation
import KeyMaterial
import SecureXML

/// Signing and encryption for the asymmetric and symmetric bindings.
extension Outbound {
    /// Asymmetric: sign with our own key, encrypt for the other side's certificate (scenarios 2 and 5).
    func protectAsymmetric(_ message: inout OutboundMessage, binding: AsymmetricBinding) throws(SecurityFault) {
        let isRequest = context.direction == .request
        let ownToken = isRequest ? binding.initiatorToken : binding.recipientToken
        let peerToken = isRequest ? binding.recipientToken : binding.initiatorToken
        message.signIDs += partIDs(policy.alternative.signedParts, in: message.soap)
        var signature: XMLElement?
        if !message.signIDs.isEmpty {
            guard let own = context.ownKey, let certificate = own.chain.first else {
                throw SecurityFault(.misconfigured, "Signing needs our private key and certificate")
            }
            let reference: KeyReference
            if ownToken.inclusion.included(in: context.direction) {
                let id = BinarySecurityToken.write(certificate, into: message.security)
                if binding.properties.protectTokens { message.signIDs.append(id) }
                reference = .binaryToken(id: id)
            } else {
                reference = KeyReference.to(certificate, forms: ownToken.x509References)
            }
            let key: XMLKey
            do { key = try KeyCache.shared.key(for: own.key, certificate: certificate) } catch {
                throw SecurityFault(.misconfigured, "Our private key cannot sign: \(error.message)")
            }
            signature = try sign(&message, key: key, algorithm: suite.asymmetricSignature, reference: reference)
            message.actions.append("Signature (\(suite.asymmetricSignature.name), \(suite.digest.name)) by \(certificate.subject), key named by \(reference.summary)")
        }
        let bodyEncrypted = policy.alternative.encryptedParts?.body ?? false
        guard bodyEncrypted else { return }
        let recipient = isRequest ? context.peerCertificate : (context.requestContext?.requesterCertificate ?? context.peerCertificate)
        guard let recipient else {
            throw SecurityFault(.misconfigured, "Encrypting needs the \(isRequest ? "service's" : "client's") certificate")
        }
        let dataKey = try newSessionSecret()
        let encryptedDataID = try encryptBody(message.soap, key: dataKey, keyInfo: nil)
        let placement: Placement = signature.map { .before($0) } ?? .lastChild(of: message.security)
        let recipientKey: XMLKey
        do { recipientKey = try KeyCache.shared.key(for: recipient) } catch { throw SecurityFault(.misconfigured, "The certificate \(recipient.subject) cannot encrypt: \(error.message)") }
        let ek = try writeEncryptedKey(dataKey, for: recipientKey, reference: KeyReference.to(recipient, forms: peerToken.x509References),
                                       at: placement, dataReferences: [encryptedDataID])
        _ = ek
        message.actions.append("Body encrypted (\(try suite.requireEncryption().name)) for \(recipient.subject) (\(suite.keyTransport))")
    }

    /// Symmetric: a session key protects the message, carried by the protection token: an EncryptedKey (scenarios
    /// 3, 4, 6, 7, 8), a SecurityContextToken (9-15) or a Kerberos token (16).
    func protectSymmetric(_ message: inout OutboundMessage, binding: SymmetricBinding) throws(SecurityFault) {
        let session: SessionKey
        let reference: KeyReference
        switch binding.protectionToken {
        case .x509(let protection): (session, reference) = try encryptedKeySession(&message, protection: protection)
        case .secureConversation: (session, reference) = try contextTokenSession(&message)
        case .kerberos: (session, reference) = try kerberosSession(&message)
        default: throw SecurityFault(.notImplemented, "This protection token is not implemented")
        }
        message.sessionKey = session
        message.signIDs += partIDs(policy.alternative.signedParts, in: message.soap)
        var signature: XMLElement?
        if !message.signIDs.isEmpty {
            let hmac: XMLKey
            do { hmac = try XMLKey.hmac(session.secret) } catch { throw SecurityFault(.misconfigured, "The session key cannot sign: \(error.message)") }
            signature = try sign(&message, key: hmac, algorithm: suite.symmetricSignature, reference: reference)
            message.actions.append("Signature (\(suite.symmetricSignature.name), \(suite.digest.name)) with the session key")
        }
        if policy.alternative.encryptedParts?.body ?? false {
            let id = try encryptBody(message.soap, key: session.secret, keyInfo: reference)
            let anchor: Placement = signature.map { .before($0) } ?? .lastChild(of: message.security)
            writeReferenceList([id], at: anchor, in: message.security)
            message.actions.append("Body encrypted (\(try suite.requireEncryption().name)) with the session key")
        }
    }

    /// The X.509 protection token: the request carries a fresh key in an EncryptedKey for the service's certificate,
    /// the response names it by its EncryptedKeySHA1.
    func encryptedKeySession(_ message: inout OutboundMessage, protection: X509Token) throws(SecurityFault) -> (SessionKey, KeyReference) {
        let isRequest = context.direction == .request
        let session: SessionKey
        let reference: KeyReference
        if isRequest {
            guard let service = context.peerCertificate else {
                throw SecurityFault(.misconfigured, "The symmetric binding needs the service's certificate")
            }
            let secret = try newSessionSecret()
            let serviceKey: XMLKey
            do { serviceKey = try KeyCache.shared.key(for: service) } catch { throw SecurityFault(.misconfigured, "The certificate \(service.subject) cannot encrypt: \(error.message)") }
            let id = SOAPEnvelope.newID("EK")
            let ek = try writeEncryptedKey(secret, for: serviceKey, reference: KeyReference.to(service, forms: protection.references),
                                           at: .lastChild(of: message.security), id: id)
            session = SessionKey(secret: secret, source: .encryptedKey(id: id, sha1: try Self.encryptedKeySHA1(ek)))
            reference = .encryptedKey(id: id)
            message.actions.append("EncryptedKey (\(suite.keyBits)-bit session key) for \(service.subject) (\(suite.keyTransport))")
        } else {
            guard let key = context.requestContext?.sessionKey, case .encryptedKey(_, let sha1) = key.source else {
                throw SecurityFault(.misconfigured, "The response of a symmetric binding needs the request's session key")
            }
            session = key
            reference = .encryptedKeySHA1(sha1)
        }
        return (session, reference)
    }

    /// Signs `message.signIDs` into the Security header, KeyInfo naming the key by `reference`.
    func sign(_ message: inout OutboundMessage, key: XMLKey, algorithm: SignatureAlgorithm, reference: KeyReference) throws(SecurityFault) -> XMLElement {
        let signer = XMLSigner(algorithm: algorithm, digest: suite.digest, canonicalization: .exclusive, keyInfo: .none, policy: suite.processing)
        let signature: XMLElement
        do {
            signature = try signer.sign(ids: message.signIDs, key: key, at: .lastChild(of: message.security), signatureID: SOAPEnvelope.newID("SIG"))
        } catch { throw SecurityFault(.misconfigured, "Signing failed: \(error.message)") }
        let keyInfo = signature.appendElement("KeyInfo", namespace: WSS.dsig, prefix: "ds")
        reference.write(into: keyInfo)
        if let value = signature.child("SignatureValue", WSS.dsig)?.text { message.signatureValues.append(value) }
        return signature
    }

    /// Encrypts the Body's content into an EncryptedData (KeyInfo naming the key when given); returns its Id.
    func encryptBody(_ soap: SOAPEnvelope, key: Secret, keyInfo: KeyReference?) throws(SecurityFault) -> String {
        let algorithm = try suite.requireEncryption()
        let id = SOAPEnvelope.newID("ED")
        do {
            let data = try XMLEncryptor(algorithm: algorithm).encrypt(soap.body, dataKey: XMLKey.aes(key), type: .content, id: id)
            if let keyInfo, let cipherData = data.child("CipherData", WSS.xenc) {
                keyInfo.write(into: cipherData.insertSiblingBefore("KeyInfo", namespace: WSS.dsig, prefix: "ds"))
            }
        } catch { throw SecurityFault(.misconfigured, "Encrypting the Body failed: \(error.message)") }
        return id
    }

    /// An EncryptedKey carrying `secret` to `recipient`, its KeyInfo naming the recipient's certificate.
    func writeEncryptedKey(_ secret: Secret, for recipient: XMLKey, reference: KeyReference, at placement: Placement,
                           id: String? = nil, dataReferences: [String] = []) throws(SecurityFault) -> XMLElement {
        let encryptor = XMLKeyEncryptor(algorithm: suite.keyTransport, policy: suite.processing)
        do {
            let ek = try encryptor.encryptedKey(XMLKey.aes(secret), for: recipient, at: placement, id: id ?? SOAPEnvelope.newID("EK"),
                                                dataReferences: dataReferences)
            if let cipherData = ek.child("CipherData", WSS.xenc) {
                reference.write(into: cipherData.insertSiblingBefore("KeyInfo", namespace: WSS.dsig, prefix: "ds"))
            }
            return ek
        } catch { throw SecurityFault(.misconfigured, "Encrypting the session key failed: \(error.message)") }
    }

    /// A header-level xenc:ReferenceList (the symmetric binding's form) at `placement`.
    func writeReferenceList(_ ids: [String], at placement: Placement, in security: XMLElement) {
        let list: XMLElement
        switch placement {
        case .before(let sibling): list = sibling.insertSiblingBefore("ReferenceList", namespace: WSS.xenc, prefix: "xenc")
        default: list = security.appendElement("ReferenceList", namespace: WSS.xenc, prefix: "xenc")
        }
        for id in ids {
            list.appendElement("DataReference", namespace: WSS.xenc, prefix: "xenc").setAttribute("URI", "#" + id)
        }
    }

    /// A fresh random session key of the suite's size.
    func newSessionSecret() throws(SecurityFault) -> Secret {
        do { return Secret(bytes: try SecureRandom.bytes(suite.keyBits / 8)) } catch {
            throw SecurityFault(.misconfigured, "No random bytes for a session key")
        }
    }

    /// Base64 SHA-1 of an EncryptedKey's cipher octets: how later messages name its key.
    static func encryptedKeySHA1(_ ek: XMLElement) throws(SecurityFault) -> String {
        guard let text = ek.child("CipherData", WSS.xenc)?.child("CipherValue", WSS.xenc)?.text,
              let octets = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            throw SecurityFault(.invalidSecurityToken, "The EncryptedKey has no cipher value")
        }
        return Digest.sha1(octets).base64EncodedString()
    }
}
