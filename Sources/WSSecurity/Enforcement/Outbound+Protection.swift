import Foundation
import KeyMaterial
import SecureXML

/// Signing and encryption for the asymmetric and symmetric bindings.
extension Outbound {
    /// Asymmetric: sign with our own key, encrypt for the other side's certificate (scenarios 2 and 5). Under
    /// sp:EncryptBeforeSigning the Body is encrypted first and the Signature covers the EncryptedData; its
    /// EncryptedKey then follows the Signature, so a receiver walking the header verifies before it decrypts.
    func protectAsymmetric(_ message: inout OutboundMessage, binding: AsymmetricBinding) throws(SecurityFault) {
        let isRequest = context.direction == .request
        let ownToken = isRequest ? binding.initiatorToken : binding.recipientToken
        let peerToken = isRequest ? binding.recipientToken : binding.initiatorToken
        message.signIDs += try signedIDs(for: message)
        let encryptFirst = binding.properties.protectionOrder == .encryptBeforeSigning
        // sp:EncryptBeforeSigning with sp:EncryptSignature: the Body first under a key named in its KeyInfo, the
        // Signature later under the same key (protectEncryptedFirst).
        let protectsSignature = encryptFirst && binding.properties.encryptSignature && !message.signIDs.isEmpty
            && policy.alternative.encryptedParts?.body == true
        let bodyFirst = protectsSignature ? try encryptBodyFirst(&message) : nil
        let earlyKey = encryptFirst && !protectsSignature ? try encryptForPeer(&message, signature: nil, peerToken: peerToken) : nil
        let endorsement = try prepareEndorsement(&message)
        var signature: XMLElement?
        if !message.signIDs.isEmpty {
            let (made, certificate, reference) = try signWithOwnKey(&message, included: ownToken.inclusion.included(in: context.direction),
                                                                    forms: ownToken.x509References, protectToken: binding.properties.protectTokens)
            signature = made
            message.actions.append("Signature (\(suite.asymmetricSignature.name), \(suite.digest.name)) by \(certificate.subject), key named by \(reference.summary)")
            if let endorsement { try endorse(made, endorsement, message: &message) }
        }
        if let bodyFirst, let signature {
            try protectEncryptedFirst(&message, signature: signature, body: bodyFirst, peerToken: peerToken)
        } else if let earlyKey {
            earlyKey.move(to: .lastChild(of: message.security))
            message.actions.append(Self.encryptedFirst)
        } else {
            _ = try encryptForPeer(&message, signature: signature, peerToken: peerToken)
        }
    }

    static let encryptedFirst = "Encrypted before signing (sp:EncryptBeforeSigning): the Signature covers the EncryptedData"

    /// The asymmetric binding's encryption: the Body (and, sp:EncryptSignature, the `signature`) under a fresh
    /// data key, carried by an EncryptedKey for the other side's certificate. Returns the EncryptedKey, or nil
    /// when the policy encrypts nothing.
    private func encryptForPeer(_ message: inout OutboundMessage, signature: XMLElement?, peerToken: Token) throws(SecurityFault) -> XMLElement? {
        let bodyEncrypted = policy.alternative.encryptedParts?.body ?? false
        let signatureEncrypted = signature != nil && policy.alternative.binding.common.encryptSignature
        let targets = try encryptionTargets(in: message.soap)
        guard bodyEncrypted || signatureEncrypted || encryptsUsernameToken(message) || !targets.isEmpty else { return nil }
        let (recipient, recipientKey) = try peerRecipient()
        let dataKey = try newSessionSecret()
        let (ids, anchor) = try encryptParts(&message, body: bodyEncrypted, targets: targets, signature: signature, key: dataKey, keyInfo: nil)
        let placement: Placement = anchor.map { .before($0) } ?? .lastChild(of: message.security)
        let encryptedKey = try writeEncryptedKey(dataKey, for: recipientKey, reference: KeyReference.to(recipient, forms: peerToken.x509References),
                                                 at: placement, dataReferences: ids)
        // Without the Body, what the key encrypts has its own line already (a header, an element, the Signature).
        message.actions.append(bodyEncrypted ? "Body encrypted (\(suite.encryption.name)) for \(recipient.subject) (\(suite.keyTransport))"
                                             : "EncryptedKey (\(suite.encryption.name) key) for \(recipient.subject) (\(suite.keyTransport))")
        return encryptedKey
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
        message.signIDs += try signedIDs(for: message)
        let bodyEncrypted = policy.alternative.encryptedParts?.body ?? false
        // sp:EncryptBeforeSigning: the Signature covers the EncryptedData, and the ReferenceList follows it.
        let encryptFirst = binding.properties.protectionOrder == .encryptBeforeSigning && bodyEncrypted
        let earlyIDs = encryptFirst ? [try encryptBody(message.soap, key: session.secret, keyInfo: reference)] : []
        let endorsement = try prepareEndorsement(&message)
        var signature: XMLElement?
        if !message.signIDs.isEmpty {
            let hmac: XMLKey
            do { hmac = try XMLKey.hmac(session.secret) } catch { throw SecurityFault(.misconfigured, "The session key cannot sign: \(error.message)") }
            let made = try sign(&message, key: hmac, algorithm: suite.symmetricSignature, reference: reference)
            signature = made
            message.actions.append("Signature (\(suite.symmetricSignature.name), \(suite.digest.name)) with the session key")
            if let endorsement { try endorse(made, endorsement, message: &message) }
        }
        if encryptFirst {
            // sp:EncryptSignature too: the Signature's own ReferenceList just before it, the Body's after it, so a
            // receiver walking the header opens and verifies the Signature before it decrypts the Body.
            if let signature, binding.properties.encryptSignature {
                let data = try encryptSignature(signature, key: session.secret, keyInfo: reference)
                writeReferenceList([data.id ?? ""], at: .before(data), in: message.security)
                message.actions.append("Signature encrypted in place (sp:EncryptSignature, \(suite.encryption.name))")
            }
            writeReferenceList(earlyIDs, at: .lastChild(of: message.security), in: message.security)
            message.actions += ["Body encrypted (\(suite.encryption.name)) with the session key", Self.encryptedFirst]
            return
        }
        let signatureEncrypted = signature != nil && policy.alternative.binding.common.encryptSignature
        let targets = try encryptionTargets(in: message.soap)
        guard bodyEncrypted || signatureEncrypted || encryptsUsernameToken(message) || !targets.isEmpty else { return }
        let (ids, anchor) = try encryptParts(&message, body: bodyEncrypted, targets: targets, signature: signature,
                                             key: session.secret, keyInfo: reference)
        writeReferenceList(ids, at: anchor.map { .before($0) } ?? .lastChild(of: message.security), in: message.security)
        if bodyEncrypted { message.actions.append("Body encrypted (\(suite.encryption.name)) with the session key") }
    }

    /// True when this message's UsernameToken is to be encrypted (sp:(Signed)EncryptedSupportingTokens).
    func encryptsUsernameToken(_ message: OutboundMessage) -> Bool {
        message.usernameToken != nil && policy.alternative.encryptsUsernameToken
    }

    /// The encrypted parts under one data key: the Body's content, the other `targets` (headers, elements), the
    /// UsernameToken (sp:EncryptedSupportingTokens), then (sp:EncryptSignature) the `signature` and any endorsing one.
    /// Returns the EncryptedData Ids and the header element the key's
    /// ReferenceList or EncryptedKey goes before: the UsernameToken's EncryptedData (so a receiver walking the header
    /// has the key before it meets it), else the Signature or the EncryptedData that replaced it.
    func encryptParts(_ message: inout OutboundMessage, body: Bool, targets: [EncryptionTarget], signature: XMLElement?, key: Secret,
                      keyInfo: KeyReference?) throws(SecurityFault) -> ([String], XMLElement?) {
        var ids: [String] = []
        if body { ids.append(try encryptBody(message.soap, key: key, keyInfo: keyInfo)) }
        ids += try encrypt(targets, in: message.soap, key: key, keyInfo: keyInfo, actions: &message.actions)
        var tokenData: XMLElement?
        if encryptsUsernameToken(message), let token = message.usernameToken {
            let data = try encryptUsernameToken(token, key: key, keyInfo: keyInfo)
            // After the protection token (the token was written before it): the key holder goes between them.
            data.move(to: signature.map { .before($0) } ?? .lastChild(of: message.security))
            tokenData = data
            message.usernameToken = nil
            ids.append(tokenData?.id ?? "")
            message.actions.append("UsernameToken encrypted (\(suite.encryption.name))")
        }
        guard let signature, policy.alternative.binding.common.encryptSignature else { return (ids, tokenData ?? signature) }
        let data = try encryptSignature(signature, key: key, keyInfo: keyInfo)
        ids.append(data.id ?? "")
        message.actions.append("Signature encrypted in place (sp:EncryptSignature, \(suite.encryption.name))")
        // The endorsing Signature too, as CXF and WCF send it: the receiver decrypts both before it verifies either.
        if let endorsing = message.endorsingSignature {
            ids.append(try encryptSignature(endorsing, key: key, keyInfo: keyInfo).id ?? "")
            message.endorsingSignature = nil
            message.actions.append("Endorsing Signature encrypted in place (sp:EncryptSignature)")
        }
        return (ids, tokenData ?? data)
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

    /// Signs `ids` (by default `message.signIDs`) into the Security header, KeyInfo naming the key by `reference`.
    func sign(_ message: inout OutboundMessage, key: XMLKey, algorithm: SignatureAlgorithm, reference: KeyReference,
              ids: [String]? = nil) throws(SecurityFault) -> XMLElement {
        let signer = XMLSigner(algorithm: algorithm, digest: suite.digest, canonicalization: .exclusive, keyInfo: .none, policy: suite.processing)
        let signature: XMLElement
        do {
            signature = try signer.sign(ids: ids ?? message.signIDs, key: key, at: .lastChild(of: message.security), signatureID: SOAPEnvelope.newID("SIG"))
        } catch { throw SecurityFault(.misconfigured, "Signing failed: \(error.message)") }
        let keyInfo = signature.appendElement("KeyInfo", namespace: WSS.dsig, prefix: "ds")
        reference.write(into: keyInfo)
        if let value = signature.child("SignatureValue", WSS.dsig)?.text { message.signatureValues.append(value) }
        return signature
    }
}
