import Foundation
import KeyMaterial
import SecureXML

/// The cryptographic steps of `verify`: session keys, decryption and signatures, each key found through
/// its SecurityTokenReference.
extension Inbound {
    /// Decrypts an EncryptedKey with our private key and records its session key.
    func unwrapSessionKey(_ ek: XMLElement, state: inout InboundState) throws(SecurityFault) {
        guard let own = context.ownKey, let certificate = own.chain.first else {
            throw SecurityFault(.securityTokenUnavailable, "The message carries an EncryptedKey and we have no private key to open it")
        }
        if let keyInfo = ek.child("KeyInfo", WSS.dsig) {
            let reference = try KeyReference(keyInfo: keyInfo)
            guard reference.names(certificate) else {
                throw SecurityFault(.securityTokenUnavailable, "The EncryptedKey is for another certificate than ours (\(certificate.subject))")
            }
        }
        let uri = ek.child("EncryptionMethod", WSS.xenc)?.attribute("Algorithm") ?? ""
        if let algorithm = KeyEncryptionAlgorithm.named.map(\.1).first(where: { $0.uri == uri }) { state.keyTransports.append(algorithm) }
        let secret: Secret
        do {
            let key = try KeyCache.shared.key(for: own.key, certificate: certificate)
            guard let bytes = try XMLDecryptor(policy: suite.processing).unwrapKey(ek, with: key, for: suite.encryption).symmetricSecret else {
                throw SecurityFault(.failedCheck, "The EncryptedKey holds no key")
            }
            secret = bytes
        } catch let error as XMLError { throw Self.fault(error) } catch let fault as SecurityFault { throw fault } catch {
            throw SecurityFault(.failedCheck, "\(error)")
        }
        let id = ek.id ?? SOAPEnvelope.newID("EK")
        state.sessionKeys[id] = SessionKey(secret: secret, source: .encryptedKey(id: id, sha1: try Outbound.encryptedKeySHA1(ek)))
    }

    /// Decrypts each EncryptedData a ReferenceList names, with `key` (an EncryptedKey's) or the key its KeyInfo names.
    func decryptReferenceList(_ list: XMLElement, key: SessionKey?, state: inout InboundState) throws(SecurityFault) {
        for reference in list.children {
            guard reference.is("DataReference", WSS.xenc), let uri = reference.attribute("URI"), uri.hasPrefix("#") else {
                throw SecurityFault(.invalidSecurity, "A ReferenceList holds only DataReferences to #id")
            }
            // A header encrypted whole sits in a wsse11:EncryptedHeader; the reference names it or its EncryptedData.
            var named = state.soap.document.element(withID: String(uri.dropFirst()))
            if let wrapper = named, wrapper.is("EncryptedHeader", WSS.wsse11) { named = wrapper.children.first }
            guard let data = named, data.is("EncryptedData", WSS.xenc) else {
                throw SecurityFault(.invalidSecurity, "\(uri) names no EncryptedData")
            }
            // Content encryption replaces all of an element's content: anything beside it was added in clear.
            if data.attribute("Type") == EncryptedType.content.rawValue, let parent = data.parent,
               let stray = parent.hasOwnText ? "text" : parent.children.first(where: { $0 != data }).map({ "the element \($0.name)" }) {
                throw SecurityFault(.invalidSecurity, "\(parent.name) holds \(stray) beside the EncryptedData of its content; content encryption leaves nothing else in it")
            }
            let session: SessionKey
            if let key { session = key } else {
                session = try sessionKey(for: KeyReference(keyInfo: data.child("KeyInfo", WSS.dsig)), state: state)
            }
            if key == nil { state.referenceLists.append((list, session.source)) }
            // A cipher other than the suite's is refused by name before the key is tried: the EncryptedData says it
            // in clear, and a key sized for another cipher only fails as "could not be decrypted".
            let decryptor = XMLDecryptor(policy: suite.processing)
            let cipher: DataEncryptionAlgorithm
            do { cipher = try decryptor.algorithm(of: data) } catch { throw Self.fault(error) }
            guard suite.accepts(encryption: cipher) else { throw Conformance.cipherNotTheSuites(cipher, suite) }
            var part: DecryptedPart
            do { part = try decryptor.decrypt(data, dataKey: suite.dataKey(session.secret, for: cipher)) } catch { throw Self.fault(error) }
            if let wrapper = part.parent, wrapper.is("EncryptedHeader", WSS.wsse11) { part = try unwrapHeader(part, from: wrapper, soap: state.soap) }
            state.decrypted.append((part, .session(session.source)))
            // An encrypted SignatureConfirmation (WS-SecurityPolicy's reading of EncryptSignature) or UsernameToken
            // (sp:EncryptedSupportingTokens) counts once clear.
            for element in part.elements where part.parent == state.security {
                if element.is("SignatureConfirmation", WSS.wsse11) { state.confirmations.append((element.attribute("Value"), element)) }
                if element.is("UsernameToken", WSS.wsse) {
                    guard state.usernameToken == nil else { throw SecurityFault(.invalidSecurity, "The header has more than one UsernameToken") }
                    state.usernameToken = (try UsernameTokenElement(element), element)
                }
            }
        }
    }

    /// The header a wsse11:EncryptedHeader held, decrypted, put in the wrapper's place. It must be one element in
    /// the SOAP Header, as WS-Security 1.1 §9.3 defines it.
    private func unwrapHeader(_ part: DecryptedPart, from wrapper: XMLElement, soap: SOAPEnvelope) throws(SecurityFault) -> DecryptedPart {
        guard let header = soap.header, wrapper.parent == header, part.type == .element, part.elements.count == 1,
              wrapper.children.count == 1 else {
            throw SecurityFault(.invalidSecurity, "A wsse11:EncryptedHeader must stand in the SOAP Header and hold one encrypted header element")
        }
        // A Security header that arrives encrypted was never processed: it would pass on as if it had been.
        guard !part.elements[0].is("Security", WSS.wsse) else {
            throw SecurityFault(.invalidSecurity, "A wsse11:EncryptedHeader held a wsse:Security header; a Security header is never sent encrypted")
        }
        wrapper.unwrap()
        return part.moved(to: header)
    }

    /// A Signature decrypted after the header walk passed its place (its ReferenceList came after it, as some
    /// senders write a second list for sp:EncryptSignature) is verified once the walk is done. Only the header's
    /// live children are read: an element a later decryption replaced is gone from the tree.
    func verifyDecryptedSignatures(_ security: XMLElement, state: inout InboundState) throws(SecurityFault) {
        for element in security.children where element.is("Signature", WSS.dsig)
            && !state.signatures.contains(where: { $0.0.signature == element }) {
            try verifySignature(element, state: &state)
        }
    }

    /// Verifies a ds:Signature with the key its KeyInfo names.
    func verifySignature(_ signature: XMLElement, state: inout InboundState) throws(SecurityFault) {
        // The message's signatures together get one signature's bound on references: each costs xmlsec a pass over
        // the whole document, and copies of one valid Signature each verified again (4,000 in 6 MB: three minutes).
        state.references += signature.child("SignedInfo", WSS.dsig)?.children("Reference", WSS.dsig).count ?? 0
        let limit = suite.processing.maxReferences
        guard state.references <= limit else {
            throw SecurityFault(.invalidSecurity, "The message's signatures have more than \(limit) references together; the limit bounds the work a message can ask for")
        }
        let reference = try KeyReference(keyInfo: signature.child("KeyInfo", WSS.dsig))
        let key: XMLKey
        let signer: Signer
        do {
            if state.namesSessionKey(reference) {
                let session = try sessionKey(for: reference, state: state)
                (key, signer) = (try XMLKey.hmac(session.secret), .session(session.source))
            } else {
                let certificate = try self.certificate(for: reference, state: state)
                (key, signer) = (try KeyCache.shared.key(for: certificate), .certificate(certificate))
            }
        } catch let error as XMLError { throw SecurityFault(.invalidSecurityToken, "The signing key cannot be used: \(error.message)") }
        catch let fault as SecurityFault { throw fault } catch { throw SecurityFault(.invalidSecurityToken, "\(error)") }
        let verified: VerifiedSignature
        do { verified = try XMLSignatureVerifier(policy: suite.processing).verify(signature, key: key) } catch { throw Self.fault(error) }
        state.signatures.append((verified, signer))
        // When each element was signed, counted in decryptions done: the protection order, checked by Conformance.
        state.signedAfter += verified.elements.map { ($0, signer, state.decrypted.count) }
    }

    /// The session key a reference names: an EncryptedKey of this message, or the request's (by its SHA-1).
    func sessionKey(for reference: KeyReference, state: InboundState) throws(SecurityFault) -> SessionKey {
        switch reference {
        case .encryptedKey(let id), .binaryToken(let id), .securityContextToken(let id), .kerberosToken(let id):
            // WSS4J may leave out the ValueType of a direct reference to an EncryptedKey (Rampart always does for an SCT).
            if let key = state.sessionKeys[id] { return key }
        case .encryptedKeySHA1(let sha1):
            let known = Array(state.sessionKeys.values) + [context.requestContext?.sessionKey].compactMap { $0 }
            if let key = known.first(where: { key in
                guard case .encryptedKey(_, let theirs) = key.source else { return false }
                return ConstantTime.equals(Data(theirs.utf8), Data(sha1.utf8))
            }) { return key }
        case .kerberosSHA1(let sha1):
            if let key = context.requestContext?.sessionKey, case .kerberos(let theirs) = key.source,
               ConstantTime.equals(Data(theirs.utf8), Data(sha1.utf8)) { return key }
        default:
            break
        }
        throw SecurityFault(.securityTokenUnavailable, "No session key matches the reference (\(state.describe(reference)))")
    }

    /// The certificate a reference names: a BinarySecurityToken, or one the context knows.
    func certificate(for reference: KeyReference, state: InboundState) throws(SecurityFault) -> Certificate {
        if case .binaryToken(let id) = reference {
            guard let certificate = state.certificates[id] else {
                throw SecurityFault(.securityTokenUnavailable, "No BinarySecurityToken has the Id \(id) (the reference names \(state.describe(reference)))")
            }
            return certificate
        }
        let known = Array(state.certificates.values) + [context.peerCertificate, context.requestContext?.requesterCertificate].compactMap { $0 }
            + context.trusted
        guard let found = known.first(where: reference.names) else {
            throw SecurityFault(.securityTokenUnavailable, "No known certificate matches the reference (\(state.describe(reference)))")
        }
        return found
    }

    /// SecureXML's errors as WS-Security faults: crypto failures are FailedCheck, refused algorithms
    /// UnsupportedAlgorithm, the rest InvalidSecurity.
    static func fault(_ error: XMLError) -> SecurityFault {
        switch error.code {
        case .signatureFailed, .decryptionFailed: SecurityFault(.failedCheck, error.message)
        case .algorithmNotAllowed, .unsupportedAlgorithm, .hmacTruncation: SecurityFault(.unsupportedAlgorithm, error.message)
        case .keyMismatch, .invalidKey: SecurityFault(.invalidSecurityToken, error.message)
        default: SecurityFault(.invalidSecurity, error.message)
        }
    }
}
