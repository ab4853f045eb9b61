import Foundation
import KeyMaterial
import SecureXML

/// XML Encryption for `secure`: EncryptedData for the Body's content and (sp:EncryptSignature) the Signature,
/// EncryptedKey and ReferenceList naming them, session keys.
extension Outbound {
    /// Encrypts the Body's content into an EncryptedData (KeyInfo naming the key when given); returns its Id.
    func encryptBody(_ soap: SOAPEnvelope, key: Secret, keyInfo: KeyReference?) throws(SecurityFault) -> String {
        try encrypt(soap.body, type: .content, key: key, keyInfo: keyInfo, what: "the Body").id ?? ""
    }

    /// sp:EncryptSignature (WS-SecurityPolicy 1.2 §6.4): the whole ds:Signature becomes an EncryptedData in its
    /// place, under the data key of the encrypted parts. Only the Signature: Rampart (on WSS4J 1.6) leaves the
    /// SignatureConfirmations in clear, though WS-SecurityPolicy asks them encrypted too; we follow the peer.
    /// The Signature element is gone afterwards: the EncryptedData returned stands where it was.
    func encryptSignature(_ signature: XMLElement, key: Secret, keyInfo: KeyReference?) throws(SecurityFault) -> XMLElement {
        try encrypt(signature, type: .element, key: key, keyInfo: keyInfo, what: "the Signature")
    }

    /// sp:EncryptedSupportingTokens, sp:SignedEncryptedSupportingTokens: the UsernameToken becomes an EncryptedData
    /// in its place, under the data key of the encrypted parts.
    func encryptUsernameToken(_ token: XMLElement, key: Secret, keyInfo: KeyReference?) throws(SecurityFault) -> XMLElement {
        try encrypt(token, type: .element, key: key, keyInfo: keyInfo, what: "the UsernameToken")
    }

    func encrypt(_ element: XMLElement, type: EncryptedType, key: Secret, keyInfo: KeyReference?, what: String) throws(SecurityFault) -> XMLElement {
        do {
            let data = try XMLEncryptor(algorithm: suite.encryption, policy: suite.processing)
                .encrypt(element, dataKey: suite.dataKey(key), type: type, id: SOAPEnvelope.newID("ED"))
            if let keyInfo, let cipherData = data.child("CipherData", WSS.xenc) {
                keyInfo.write(into: cipherData.insertSiblingBefore("KeyInfo", namespace: WSS.dsig, prefix: "ds"))
            }
            return data
        } catch { throw SecurityFault(.misconfigured, "Encrypting \(what) failed: \(error.message)") }
    }

    /// An EncryptedKey carrying `secret` to `recipient`, its KeyInfo naming the recipient's certificate.
    func writeEncryptedKey(_ secret: Secret, for recipient: XMLKey, reference: KeyReference, at placement: Placement,
                           id: String? = nil, dataReferences: [String] = []) throws(SecurityFault) -> XMLElement {
        let encryptor = XMLKeyEncryptor(algorithm: suite.keyTransport, policy: suite.processing)
        do {
            let ek = try encryptor.encryptedKey(suite.dataKey(secret), for: recipient, at: placement, id: id ?? SOAPEnvelope.newID("EK"),
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
