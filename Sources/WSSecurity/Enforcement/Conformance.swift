import Foundation
import KeyMaterial
import SecureXML

/// After the crypto: does what the header proved match what the policy demands? Every required part signed
/// by the binding's token (the very SOAP Body, not a copy elsewhere), encrypted as required, timestamp fresh,
/// algorithms of the suite, signer trusted, user authenticated and in an allowed role.
struct Conformance {
    let policy: SecurityPolicy
    let context: SecurityContext
    let suite: SuiteAlgorithms
    var rampart: RampartConfig { policy.rampart ?? RampartConfig() }
    var alternative: PolicyAlternative { policy.alternative }

    func check(_ state: InboundState) throws(SecurityFault) -> VerifiedMessage {
        var checks: [String] = []
        var exchange = context.requestContext ?? RequestContext()
        var principal: String?
        var roles: [String] = []
        let now = context.now()
        if case .transport = alternative.binding { checks.append("Transport is HTTPS") }
        if let (timestamp, _) = state.timestamp {
            let ttlCheck = alternative.timestampTTLChecked
            try timestamp.checkFresh(now: now, rampart: rampart, ttlCheck: ttlCheck)
            let strict = rampart.wss4jTimestampStrict ? ", Expires without skew (strict)" : ""
            let ttl = rampart.wss4jCapsLifetime(ttlCheck: ttlCheck) ? ", lifetime within timestampTTL \(rampart.timestampTTL) s" : ""
            checks.append("Timestamp fresh (created \(Timestamp.format(timestamp.created, milliseconds: false)), skew \(rampart.effectiveMaxSkew) s\(strict)\(ttl))")
        } else if alternative.binding.common.includeTimestamp {
            throw SecurityFault(.invalidSecurity, "The policy requires a Timestamp and the message has none")
        }
        try checkAlgorithms(state, checks: &checks)
        if let security = state.security {
            let layout = HeaderLayout(layout: alternative.binding.common.layout)
            try layout.check(security, state: state)
            if layout.layout != .lax { checks.append("Security header in the \(layout.layout.rawValue) layout") }
        }
        if context.direction == .response { try refuseReflectedRequest(state) }
        let signer = try expectedSigner(state)
        try checkOtherSigners(state, besides: signer)
        if let signer {
            let required = try requiredSignedElements(state) + protectedTokens(state, signer: signer)
            for part in required {
                guard state.signatures.contains(where: { $0.1 == signer && $0.0.elements.contains(where: part.isCovered(by:)) }) else {
                    throw SecurityFault(.invalidSecurity, "The \(part.label) is not signed by the \(signer.label), as the policy requires")
                }
            }
            if !required.isEmpty {
                checks.append("\(required.map(\.label).joined(separator: ", ")) signed by the \(signer.label)")
            }
            if let note = tokenInclusionNote(state, signer: signer) { checks.append(note) }
            if case .certificate(let certificate) = signer {
                principal = certificate.subject
                if context.direction == .request { exchange.requesterCertificate = certificate }
            }
            if context.direction == .request {
                exchange.signatureValues = state.signatures.compactMap { $0.0.signature.child("SignatureValue", WSS.dsig)?.text }
            }
            if case .session(let source) = signer, context.direction == .request {
                exchange.sessionKey = state.sessionKeys.values.first { $0.source == source }
                if case .kerberos = source, let client = state.kerberosClient {
                    principal = client
                    checks.append("Kerberos token of \(client) accepted with the service's keys")
                }
            }
        }
        if alternative.encryptedParts?.body ?? false {
            let required = signer?.encryptionCounterpart
            let parts = state.decrypted.filter { $0.0.parent == state.soap.body && (required == nil || $0.1 == required) }.map(\.0)
            guard !parts.isEmpty else { throw SecurityFault(.invalidSecurity, "The Body is not encrypted, as the policy requires") }
            if let stray = Self.unencrypted(inBody: state.soap.body, parts: parts) {
                throw SecurityFault(.invalidSecurity, "The Body holds \(stray) beside its encrypted content; the policy requires the Body encrypted whole")
            }
            checks.append("Body encrypted (\(suite.encryption.name)) and decrypted")
            if let signer, alternative.signedParts?.body ?? false, let order = try checkProtectionOrder(state, signer: signer) {
                checks.append(order)
            }
        }
        try checkElements(state, encryptedBy: signer?.encryptionCounterpart, checks: &checks)
        if alternative.binding.common.encryptSignature, try checkSignaturesEncrypted(state, by: signer?.encryptionCounterpart) {
            checks.append("Signature encrypted (sp:EncryptSignature) and decrypted before it was verified")
        }
        if context.direction == .response && alternative.requiresSignatureConfirmation {
            try checkConfirmations(state)
            checks.append("SignatureConfirmation matches the request's signatures")
        }
        if context.direction == .request, let endorsing = alternative.endorsingToken {
            let (certificate, what) = try checkEndorsement(state, signer: signer, signed: endorsing.signed)
            // The binding's own certificate stays the principal under the asymmetric binding.
            if case .asymmetric = alternative.binding {} else {
                principal = certificate.subject
                exchange.requesterCertificate = certificate
            }
            checks.append("\(what) endorsed by \(certificate.subject) (sp:\(endorsing.signed ? "Signed" : "")EndorsingSupportingTokens)")
        }
        if context.direction == .request && alternative.requiresUsernameToken {
            if case .transport = alternative.binding {} else if alternative.encryptsUsernameToken {
                try checkUsernameTokenEncrypted(state, by: signer?.encryptionCounterpart)
                checks.append("UsernameToken encrypted (sp:EncryptedSupportingTokens) and decrypted")
            }
            let (user, userRoles) = try authenticate(state, now: now, checks: &checks)
            (principal, roles) = (user, userRoles)
            exchange.user = user
        }
        return VerifiedMessage(principal: principal, roles: roles, checks: checks, envelope: Data(), requestContext: exchange)
    }

    /// The key every required part must be signed with; nil for the transport binding.
    private func expectedSigner(_ state: InboundState) throws(SecurityFault) -> Signer? {
        switch alternative.binding {
        case .transport:
            return nil
        case .symmetric:
            if context.direction == .request {
                guard state.sessionKeys.count == 1, let key = state.sessionKeys.values.first else {
                    throw SecurityFault(.invalidSecurity, "The symmetric binding requires one protection token (\(policy.protection?.label ?? "?")); the message has \(state.sessionKeys.count)")
                }
                return .session(key.source)
            }
            guard let key = context.requestContext?.sessionKey else {
                throw SecurityFault(.misconfigured, "Verifying a symmetric response needs the request's session key")
            }
            return .session(key.source)
        case .asymmetric:
            let signers = state.signatures.compactMap { if case .certificate(let c) = $0.1 { c } else { nil } }
            if context.direction == .response, let expected = context.peerCertificate {
                return .certificate(expected)
            }
            guard let certificate = signers.first else {
                if try requiredSignedElements(state).isEmpty { return nil }
                throw SecurityFault(.invalidSecurity, "The policy requires a signature and the message has none")
            }
            try checkTrust(certificate, intermediates: Array(state.certificates.values))
            return .certificate(certificate)
        }
    }

    /// sp:(Signed)EndorsingSupportingTokens: a trusted certificate signed the Timestamp (transport binding) or the
    /// Signature of the binding's `signer` (message bindings); signed, that Signature also covers the certificate's
    /// BinarySecurityToken. Returns the certificate and what it endorsed.
    private func checkEndorsement(_ state: InboundState, signer: Signer?, signed: Bool) throws(SecurityFault) -> (Certificate, String) {
        let primary = state.signatures.first { $0.1 == signer }?.0
        let (target, what): (XMLElement?, String)
        if case .transport = alternative.binding { (target, what) = (state.timestamp?.1, "Timestamp") } else { (target, what) = (primary?.signature, "Signature") }
        if let target {
            for (verified, by) in state.signatures where verified.signature != target && verified.elements.contains(target) {
                guard case .certificate(let certificate) = by else { continue }
                try checkTrust(certificate, intermediates: Array(state.certificates.values))
                if signed {
                    let tokens = state.certificates.filter { $0.value == certificate }.keys.compactMap { state.soap.document.element(withID: $0) }
                    guard let primary, tokens.contains(where: primary.elements.contains) else {
                        throw SecurityFault(.invalidSecurity, "The endorsing certificate's BinarySecurityToken is not signed by the message's Signature, as sp:SignedEndorsingSupportingTokens requires")
                    }
                }
                return (certificate, what)
            }
        }
        let kind = signed ? "SignedEndorsingSupportingTokens" : "EndorsingSupportingTokens"
        if what == "Timestamp" {
            throw SecurityFault(.invalidSecurity, "The Timestamp is not signed by the client's certificate, as the policy's sp:\(kind) requires")
        }
        throw SecurityFault(.invalidSecurity, "The message's Signature is not endorsed (signed) by the client's certificate, as the policy's sp:\(kind) requires")
    }

    /// Every other certificate that signed something must be trusted too, as WSS4J validates each signature's: an
    /// extra Signature by a stranger (over the Timestamp, say) was verified and then ignored. The response's expected
    /// signer is the peer the client configured.
    private func checkOtherSigners(_ state: InboundState, besides signer: Signer?) throws(SecurityFault) {
        var checked: [Certificate] = context.peerCertificate.map { [$0] } ?? []
        if case .certificate(let certificate) = signer { checked.append(certificate) }
        for case (_, .certificate(let certificate)) in state.signatures where !checked.contains(certificate) {
            try checkTrust(certificate, intermediates: Array(state.certificates.values))
            checked.append(certificate)
        }
    }

    /// The signer's certificate must chain to a trust anchor through the message's certificates or the
    /// context's intermediates, every link valid at the engine's time.
    private func checkTrust(_ certificate: Certificate, intermediates: [Certificate]) throws(SecurityFault) {
        let verifier = ChainVerifier(anchors: context.trusted, intermediates: intermediates + context.intermediates)
        if case .failure(let failure) = verifier.verify(certificate, at: context.now()) {
            throw SecurityFault(.failedAuthentication, "The signing certificate \(certificate.subject) is not trusted: \(failure)", refused: .certificate)
        }
    }

    /// With sp:ProtectTokens, the BinarySecurityToken that carried the signer's certificate.
    private func protectedTokens(_ state: InboundState, signer: Signer) -> [SignedPart] {
        guard alternative.binding.common.protectTokens, case .certificate(let certificate) = signer else { return [] }
        return state.certificates.filter { $0.value == certificate }.keys.sorted()
            .compactMap { state.soap.document.element(withID: $0) }.map { SignedPart($0, "BinarySecurityToken") }
    }

    /// The elements the policy requires signed, with labels: the Body and headers of SignedParts, the Timestamp,
    /// the elements of sp:SignedElements, the UsernameToken (a signed supporting token), the SignatureConfirmations.
    private func requiredSignedElements(_ state: InboundState) throws(SecurityFault) -> [SignedPart] {
        var result: [SignedPart] = []
        if let (_, element) = state.timestamp { result.append(SignedPart(element, "Timestamp")) }
        if let parts = alternative.signedParts {
            if parts.body { result.append(SignedPart(state.soap.body, "Body")) }
            result += MessageSelection.headers(parts, in: state.soap).map { SignedPart($0, "header \($0.name)") }
        }
        for element in try MessageSelection.elements(alternative.elements.signed, in: state.soap) where !result.contains(where: { $0.element == element }) {
            result.append(SignedPart(element, "element \(element.name) (sp:SignedElements)", insideCounts: true))
        }
        if context.direction == .request, alternative.signsUsernameToken, let (_, element) = state.usernameToken {
            result.append(SignedPart(element, "UsernameToken"))
        }
        result += state.confirmations.map { SignedPart($0.1, "SignatureConfirmation") }
        return result
    }
}

/// An element the policy requires signed, and how the check names it.
private struct SignedPart {
    let element: XMLElement
    let label: String
    /// sp:SignedElements: an element inside a signed one is covered too (exclusive C14N of an element covers its
    /// subtree). Elsewhere the very element must be referenced, so a signed copy moved elsewhere never counts.
    var insideCounts = false

    init(_ element: XMLElement, _ label: String, insideCounts: Bool = false) {
        self.element = element
        self.label = label
        self.insideCounts = insideCounts
    }

    /// Whether a signature that covered `signed` covers this part.
    func isCovered(by signed: XMLElement) -> Bool {
        signed == element || insideCounts && signed.contains(element)
    }
}

extension Signer {
    var label: String {
        switch self {
        case .certificate(let certificate): "certificate \(certificate.subject)"
        case .session: "session key"
        }
    }

    /// Who must have protected encrypted parts: the session key itself, or (asymmetric) any key sent to us.
    var encryptionCounterpart: Signer? {
        if case .session = self { return self }
        return nil
    }
}
