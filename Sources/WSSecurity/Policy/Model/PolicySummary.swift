/// A policy in words, for an operator reading a custom policy before (or after) applying it: how messages are
/// protected, what is protected, how the client proves who it is, and whether the engine enforces all of it.
public struct PolicySummary: Sendable {
    /// Labelled sentences: Binding, Protects, Client, Options (when any), Engine.
    public let lines: [(label: String, text: String)]

    public init(_ policy: SecurityPolicy) {
        let alternative = policy.alternative
        var lines = [(label: "Binding", text: Self.binding(alternative.binding))]
        lines.append((label: "Protects", text: Self.protects(alternative)))
        let engine: String, enforced: Bool
        do {
            try EngineCoverage.check(policy)
            (engine, enforced) = ("enforces all of it (the self-test proves it on the home)", true)
        } catch { (engine, enforced) = ("does not implement it: \(error.message); Micro Integrator still enforces the policy", false) }
        lines.append((label: "Client", text: Self.client(alternative, enforced: enforced)))
        let options = Self.options(alternative)
        if !options.isEmpty { lines.append((label: "Options", text: options.joined(separator: "; "))) }
        lines.append((label: "Engine", text: engine))
        self.lines = lines
    }

    private static func binding(_ binding: Binding) -> String {
        let common = binding.common
        let suite = "algorithm suite \(common.algorithmSuite.rawValue), layout \(common.layout.rawValue)"
            + (common.includeTimestamp ? ", a timestamp" : ", no timestamp")
        switch binding {
        case .transport(let transport):
            return "transport (HTTPS" + (transport.requireClientCertificate ? ", with a client certificate)" : ")") + ", " + suite
        case .symmetric(let symmetric):
            return "symmetric: \(carrier(symmetric.protectionToken)); \(suite)"
        case .asymmetric(let asymmetric):
            return "asymmetric: the client's \(token(asymmetric.initiatorToken)) and the service's \(token(asymmetric.recipientToken)), "
                + "each side signing with its own key and encrypting for the other's; \(suite)"
        }
    }

    /// Where the symmetric binding's key comes from.
    private static func carrier(_ token: Token) -> String {
        switch token {
        case .x509: "a fresh key per request, sent in an EncryptedKey for the service's X.509 certificate"
        case .secureConversation: "the key of a SecureConversation token the service issues as its own STS (WS-Trust), for the whole conversation"
        case .kerberos: "the session key of a Kerberos ticket for the service (GSS AP-REQ)"
        case .username: "a key from a UsernameToken"
        }
    }

    private static func token(_ token: Token) -> String {
        switch token {
        case .x509(let x509): "X.509 certificate (\(inclusion(x509.inclusion)))"
        case .username: "UsernameToken"
        case .secureConversation: "SecureConversation token"
        case .kerberos: "Kerberos ticket"
        }
    }

    private static func inclusion(_ inclusion: TokenInclusion) -> String {
        switch inclusion {
        case .never: "never sent"
        case .once: "sent once"
        case .alwaysToRecipient: "sent to the service"
        case .alwaysToInitiator: "sent to the client"
        case .always: "always sent"
        }
    }

    private static func protects(_ alternative: PolicyAlternative) -> String {
        var parts: [String] = []
        let signed = alternative.signedParts, encrypted = alternative.encryptedParts
        switch (signed?.body == true, encrypted?.body == true) {
        case (true, true): parts.append("Body signed and encrypted")
        case (true, false): parts.append("Body signed")
        case (false, true): parts.append("Body encrypted")
        case (false, false): break
        }
        if signed?.allHeaders == true { parts.append("every header signed (an empty sp:SignedParts)") }
        let signedHeaders = headerNames(signed?.headers ?? []), encryptedHeaders = headerNames(encrypted?.headers ?? [])
        let both = signedHeaders.filter(encryptedHeaders.contains)
        for (names, what) in [(both, "signed and encrypted"), (signedHeaders.filter { !both.contains($0) }, "signed"),
                              (encryptedHeaders.filter { !both.contains($0) }, "encrypted"),
                              (headerNames(alternative.elements.requiredHeaders), "present")] where !names.isEmpty {
            parts.append("\(names.joined(separator: ", ")) \(what)")
        }
        let elements = alternative.elements
        for (what, expressions) in [("elements at %@ signed", elements.signed), ("elements at %@ encrypted", elements.encrypted),
                                    ("the content of %@ encrypted", elements.contentEncrypted), ("elements at %@ present", elements.required)]
            where !expressions.isEmpty {
            parts.append(what.replacingOccurrences(of: "%@", with: expressions.map(\.text).joined(separator: ", ")))
        }
        if case .transport = alternative.binding {
            parts.append("the whole message by HTTPS")
        } else {
            if alternative.binding.common.includeTimestamp { parts.append("Timestamp signed") }
            switch (alternative.signsUsernameToken, alternative.encryptsUsernameToken) {
            case (true, true): parts.append("UsernameToken signed and encrypted")
            case (true, false): parts.append("UsernameToken signed")
            case (false, true): parts.append("UsernameToken encrypted")
            case (false, false): break
            }
        }
        return parts.isEmpty ? "nothing: no part of the message is signed or encrypted" : parts.joined(separator: "; ")
    }

    private static func headerNames(_ names: [QualifiedName]) -> [String] {
        names.map { $0.name.isEmpty ? "every header of \($0.namespace)" : "header \($0.name)" }
    }

    private static func client(_ alternative: PolicyAlternative, enforced: Bool) -> String {
        let proofs = proofs(alternative), presented = presented(alternative, enforced: enforced)
        var parts: [String] = []
        if !proofs.isEmpty { parts.append("proves who it is by " + proofs.joined(separator: " and ")) }
        if !presented.isEmpty { parts.append("presents " + presented.joined(separator: " and ")) }
        return parts.isEmpty ? "anonymous (no proof of who the client is)" : parts.joined(separator: "; ")
    }

    /// Tokens other than a UsernameToken under the (signed, encrypted) supporting tokens assertions: carried
    /// beside the binding's, and named with their assertion.
    private static func presented(_ alternative: PolicyAlternative, enforced: Bool) -> [String] {
        var presented: [(kind: String, tokens: [Token])] = [("SignedSupportingTokens", alternative.signedSupportingTokens)]
        presented += alternative.otherSupportingTokens.filter { PolicyAlternative.usernameKinds.contains($0.kind) }.map { ($0.kind.rawValue, $0.tokens) }
        return presented.flatMap { kind, tokens in
            tokens.filter { !$0.isUsername }.map { "\(article($0)) (sp:\(kind)" + (enforced ? ")" : "; not enforced by the engine)") }
        }
    }

    private static func article(_ token: Token) -> String {
        switch token {
        case .x509: "an X.509 certificate"
        case .username: "a UsernameToken"
        case .secureConversation: "a SecureConversation token"
        case .kerberos: "a Kerberos ticket"
        }
    }

    private static func proofs(_ alternative: PolicyAlternative) -> [String] {
        var proofs: [String] = []
        let usernames = (alternative.signedSupportingTokens + alternative.otherSupportingTokens.flatMap(\.tokens)).filter(\.isUsername)
        if !usernames.isEmpty {
            proofs.append("a UsernameToken (" + (usernames.contains { $0.hashPassword } ? "password digest" : "password as text") + ")")
        }
        switch alternative.binding {
        case .asymmetric: proofs.append("its X.509 signature")
        case .symmetric(let symmetric):
            if case .kerberos = symmetric.protectionToken { proofs.append("its Kerberos ticket") }
            // Under a SecureConversation token the client proves who it is once, when the token is issued.
            if case .secureConversation(let token) = symmetric.protectionToken {
                proofs += Self.proofs(token.bootstrap).map { $0 + " when the token is issued" }
            }
        case .transport(let transport):
            if transport.requireClientCertificate { proofs.append("its TLS client certificate") }
            if alternative.endorsingToken != nil { proofs.append("its X.509 signature of the Timestamp (endorsing token)") }
        }
        if case .transport = alternative.binding {} else if let endorsing = alternative.endorsingToken {
            proofs.append("its X.509 signature of the message's Signature (\(endorsing.signed ? "signed " : "")endorsing token)")
        }
        return proofs
    }

    private static func options(_ alternative: PolicyAlternative) -> [String] {
        let common = alternative.binding.common
        var options: [String] = []
        if common.protectionOrder == .encryptBeforeSigning { options.append("encrypted before signing (sp:EncryptBeforeSigning)") }
        if common.encryptSignature { options.append("the Signature encrypted (sp:EncryptSignature)") }
        if common.protectTokens { options.append("the signing token signed too (sp:ProtectTokens)") }
        if alternative.wss11?.contains(.requireSignatureConfirmation) == true { options.append("responses confirm the request's signature") }
        return options
    }
}
