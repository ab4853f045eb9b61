import Foundation
import KeyMaterial
import SecureXML
import UserStores

/// Algorithms, signature confirmations, token inclusion and the UsernameToken.
extension Conformance {
    /// sp:IncludeToken: where the policy includes the sender's X.509 token in this direction (the client's in scenarios
    /// 2 and 5, AlwaysToRecipient) but the signature named a certificate of the trust store instead, the checks say so.
    /// Not a fault: Rampart accepts such a message, and the signer is trusted all the same.
    func tokenInclusionNote(_ state: InboundState, signer: Signer?) -> String? {
        guard case .asymmetric(let binding) = alternative.binding, case .certificate(let certificate)? = signer else { return nil }
        let token = context.direction == .request ? binding.initiatorToken : binding.recipientToken
        guard case .x509(let x509) = token, x509.inclusion != .once, x509.inclusion.included(in: context.direction),
              !state.certificates.values.contains(certificate) else { return nil }
        return "\(certificate.subject) named by reference, not carried in the message, though the policy includes the \(context.direction == .request ? "initiator" : "recipient")'s token (sp:IncludeToken \(x509.inclusion.rawValue)): Micro Integrator accepts this too"
    }

    /// The fault for data encrypted with a cipher the suite does not name (checked before decryption, and again here).
    static func cipherNotTheSuites(_ cipher: DataEncryptionAlgorithm, _ suite: SuiteAlgorithms) -> SecurityFault {
        SecurityFault(.unsupportedAlgorithm, "Encryption \(cipher.name) is not \(suite.suite.rawValue)'s \(suite.encryption.name)")
    }

    /// Every algorithm used is the suite's (or, for hashes and key transport, stronger).
    func checkAlgorithms(_ state: InboundState, checks: inout [String]) throws(SecurityFault) {
        for (signature, signer) in state.signatures {
            let symmetric = if case .session = signer { true } else { false }
            guard suite.accepts(signature: signature.algorithm, symmetric: symmetric) else {
                throw SecurityFault(.unsupportedAlgorithm, "Signature method \(signature.algorithm.name) is not allowed by \(suite.suite.rawValue)")
            }
            guard signature.canonicalization == .exclusive || signature.canonicalization == .exclusiveWithComments else {
                throw SecurityFault(.unsupportedAlgorithm, "Canonicalization \(signature.canonicalization) is not the suite's exclusive C14N")
            }
            if let weak = signature.references.first(where: { !suite.accepts(digest: $0.digest) }) {
                throw SecurityFault(.unsupportedAlgorithm, "Digest \(weak.digest.name) is weaker than \(suite.suite.rawValue)'s \(suite.digest.name)")
            }
        }
        for (part, _) in state.decrypted where !suite.accepts(encryption: part.algorithm) {
            throw Self.cipherNotTheSuites(part.algorithm, suite)
        }
        if let weak = state.keyTransports.first(where: { !suite.accepts(keyTransport: $0) }) {
            throw SecurityFault(.unsupportedAlgorithm, "Key transport \(weak) is not allowed by \(suite.suite.rawValue)")
        }
        if !state.signatures.isEmpty || !state.decrypted.isEmpty {
            // What this message used (the suite's, or a stronger hash it allows), and which of them are weak.
            let methods = state.signatures.map(\.0.algorithm), digests = state.signatures.flatMap { $0.0.references.map(\.digest) }
            let ciphers = state.decrypted.map(\.0.algorithm)
            var used: [String] = []
            for name in methods.map(\.name) + digests.map(\.name) + ciphers.map(\.name) + state.keyTransports.map(\.description)
            where !used.contains(name) { used.append(name) }
            let sha1 = [methods.contains(.rsaSHA1) ? "RSA-SHA1" : nil, methods.contains(.hmacSHA1) ? "HMAC-SHA1" : nil,
                        digests.contains(.sha1) ? "SHA-1 digests" : nil].compactMap { $0 }
            let weak = (sha1.isEmpty ? [] : [sha1.joined(separator: " and ")])
                + (ciphers.contains(.tripleDESCBC) ? ["Triple DES"] : [])
                + (state.keyTransports.contains { $0.kind == .rsa15 } ? ["RSA-1_5"] : [])
            var line = "Algorithms of \(suite.suite.rawValue): \(used.joined(separator: ", "))"
            if !weak.isEmpty { line += " (\(weak.joined(separator: ", ")), as the suite demands: weak, but required by the policy)" }
            checks.append(line)
        }
    }

    /// The protection order of a Body both signed and encrypted. sp:EncryptBeforeSigning: the signer's Signature
    /// covered the Body while it held the EncryptedData. The default, SignBeforeEncrypting: it covered the Body in
    /// clear, for a signature over the ciphertext alone does not show that the signer saw the content.
    /// Judged by the order of the crypto, not by what the Body holds: a payload may carry an EncryptedData of its own.
    func checkProtectionOrder(_ state: InboundState, signer: Signer) throws(SecurityFault) -> String? {
        let body = state.soap.body
        guard let decrypted = state.decrypted.firstIndex(where: { $0.0.parent == body }) else { return nil }
        let signedCipher = state.signedAfter.contains { $0.element == body && $0.signer == signer && $0.decryptions <= decrypted }
        if alternative.binding.common.protectionOrder == .encryptBeforeSigning {
            guard signedCipher else {
                throw SecurityFault(.invalidSecurity, "The Body was signed before it was encrypted; the policy's sp:EncryptBeforeSigning requires the Signature to cover the EncryptedData")
            }
            return "Body encrypted before it was signed (sp:EncryptBeforeSigning)"
        }
        guard !signedCipher else {
            throw SecurityFault(.invalidSecurity, "The Body was encrypted before it was signed; the policy signs before encrypting, so the Signature must cover the Body in clear")
        }
        return "Body signed before it was encrypted"
    }

    /// sp:EncryptSignature: every verified Signature stood in the header as an EncryptedData (by the `required` key
    /// when given). One that came in clear is refused as an unencrypted Body is: stripped encryption. Without the
    /// assertion an encrypted Signature is still accepted, as WSS4J does. True when there was a Signature.
    func checkSignaturesEncrypted(_ state: InboundState, by required: Signer?) throws(SecurityFault) -> Bool {
        for (verified, _) in state.signatures {
            guard state.decrypted.contains(where: { part, key in
                part.type == .element && part.elements.contains(verified.signature) && (required == nil || key == required)
            }) else {
                throw SecurityFault(.invalidSecurity, "The Signature is not encrypted, as the policy's sp:EncryptSignature requires")
            }
        }
        return !state.signatures.isEmpty
    }

    /// sp:(Signed)EncryptedSupportingTokens: the UsernameToken arrived as an EncryptedData (by the `required` key when
    /// given); one in clear is refused, as stripped encryption. Under the transport binding TLS protects it instead.
    func checkUsernameTokenEncrypted(_ state: InboundState, by required: Signer?) throws(SecurityFault) {
        guard let (_, element) = state.usernameToken else { return }
        guard state.decrypted.contains(where: { part, key in part.elements.contains(element) && (required == nil || key == required) }) else {
            throw SecurityFault(.invalidSecurity, "The UsernameToken is not encrypted, as the policy's encrypted supporting tokens require")
        }
    }

    /// A response carrying one of the request's own signatures is the request sent back: where both directions use
    /// one key (a SecurityContextToken, a symmetric binding's session key) it verifies, and a policy without
    /// SignatureConfirmation would not tell it from the service's answer.
    func refuseReflectedRequest(_ state: InboundState) throws(SecurityFault) {
        let sent = (context.requestContext?.signatureValues ?? []).compactMap(SignatureConfirmation.octets)
        guard !sent.isEmpty else { return }
        for (verified, _) in state.signatures {
            guard let text = verified.signature.child("SignatureValue", WSS.dsig)?.text,
                  let value = SignatureConfirmation.octets(text) else { continue }
            if sent.contains(where: { ConstantTime.equals($0, value) }) {
                throw SecurityFault(.invalidSecurity, "The response carries the request's own signature: the request sent back, not the service's answer")
            }
        }
    }

    /// The response confirms exactly the signature values the request carried (one empty confirmation if none).
    func checkConfirmations(_ state: InboundState) throws(SecurityFault) {
        let sent = context.requestContext?.signatureValues ?? []
        let values = state.confirmations.map(\.0)
        if sent.isEmpty {
            guard values.count == 1, values[0] == nil else {
                throw SecurityFault(.invalidSecurity, "The response must carry one SignatureConfirmation without a value")
            }
            return
        }
        let received = values.compactMap { $0 }.compactMap(SignatureConfirmation.octets)
        let expected = sent.compactMap(SignatureConfirmation.octets)
        guard received.count == values.count, expected.count == sent.count, received.count == expected.count,
              expected.allSatisfy({ value in received.contains { ConstantTime.equals($0, value) } }),
              received.allSatisfy({ value in expected.contains { ConstantTime.equals($0, value) } }) else {
            throw SecurityFault(.invalidSecurity, "The response's SignatureConfirmation does not match the request's signatures")
        }
    }

    /// The UsernameToken: present, password right, one of the allowed roles, nonce not replayed: MI's order, where
    /// the password and role are checked inside WSS4J (AbstractPasswordCallback.java:92-111, 181-187) before Rampart
    /// looks at the nonce (RampartEngine.java:319-361), so a refused token does not use its nonce up. A nonce is a
    /// replay for nonceLifeTime seconds from its first arrival (NonceCache.java:87-156). MI never ages the token's
    /// Created: WSS4J 1.6.0-wso2v6's UsernameTokenProcessor only feeds it to the digest (:101-148); utTTL and
    /// utFutureTTL belong to Apache WSS4J 1.6's later processor, not this fork.
    func authenticate(_ state: InboundState, now: Date, checks: inout [String]) throws(SecurityFault) -> (String, [String]) {
        guard let (token, _) = state.usernameToken else {
            throw SecurityFault(.invalidSecurity, "The policy requires a UsernameToken and the message has none")
        }
        if case .text = token.credentials.password, alternative.usernameTokens.contains(where: \.hashPassword) {
            throw SecurityFault(.invalidSecurity, "The policy requires a hashed password (PasswordDigest) and the token sends it as text")
        }
        if token.nonce == nil, case .digest = token.credentials.password {
            throw SecurityFault(.invalidSecurity, "A PasswordDigest needs a Nonce")
        }
        guard let store = context.userStore else {
            throw SecurityFault(.misconfigured, "No user store to authenticate the UsernameToken against")
        }
        let result: AuthenticationResult
        do { result = try store.authenticate(token.credentials) } catch {
            throw SecurityFault(.failedAuthentication, "The user store could not be asked: \(error.reason)", refused: .userStore)
        }
        guard case .authenticated(let user, let roles) = result else {
            if case .rejected(let why) = result { throw SecurityFault(.failedAuthentication, "UsernameToken for \(token.user) refused: \(why.explanation)", refused: .user) }
            throw SecurityFault(.failedAuthentication, "UsernameToken for \(token.user) refused", refused: .user)
        }
        let decision = RoleCheck(allowed: policy.carbon?.allowedRoles ?? [], caseInsensitive: context.caseInsensitiveRoles).decide(roles: roles)
        guard decision.permits else {
            // A directory that cut the user's roles short may hold the allowed role among the rest: the operator's text
            // says so and how to lift the limit; the client's fault stays the same.
            let cut = store.rolesCut(of: user)
            throw SecurityFault(.failedAuthentication, "\(user) is not allowed: \(decision.explanation); the user's roles: \(NameSummary.text(roles))"
                                    + (cut.map { "; \($0.rolesNote)" } ?? ""), refused: .user, fix: cut?.fix)
        }
        if let nonce = token.nonce {
            let lifetime = TimeInterval(rampart.nonceLifeTime)
            guard context.replayCache.insert(token.user + "\u{0}" + nonce, expires: now.addingTimeInterval(lifetime), now: now) else {
                throw SecurityFault(.invalidSecurity, "The UsernameToken's nonce was seen in the last \(rampart.nonceLifeTime) s (rampart:nonceLifeTime): a replayed message")
            }
        }
        checks.append("UsernameToken of \(user) authenticated; \(decision.explanation)")
        return (user, roles)
    }
}
