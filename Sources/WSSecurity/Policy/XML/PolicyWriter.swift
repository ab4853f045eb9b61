import SecureXML

/// Writes a `SecurityPolicy` as a WS-Policy 2004/09 + WS-SecurityPolicy 1.1 document, the dialect WSO2 reads.
public enum PolicyWriter {
    private typealias NS = PolicyNamespaces

    /// The policy document's bytes (UTF-8, indented).
    public static func write(_ policy: SecurityPolicy) -> [UInt8] {
        let document = XMLDocument(root: "Policy", namespace: NS.wsp, prefix: "wsp")
        let root = document.root!
        root.declareNamespace(NS.wsu, prefix: "wsu")
        root.declareNamespace(NS.sp11, prefix: "sp")
        root.setAttribute("Id", namespace: NS.wsu, prefix: "wsu", policy.id)
        let all = root.appendElement("ExactlyOne", namespace: NS.wsp).appendElement("All", namespace: NS.wsp)
        writeAlternative(policy.alternative, into: all)
        if let rampart = policy.rampart { RampartWriter.write(rampart, into: root) }
        if let carbon = policy.carbon { RampartWriter.write(carbon, into: root) }
        return document.serializedIndented()
    }

    static func writeAlternative(_ alt: PolicyAlternative, into parent: XMLElement) {
        writeBinding(alt.binding, into: parent)
        if let wss10 = alt.wss10 { writeOptions("Wss10", wss10.map(\.rawValue), order: WssOption.allCases.map(\.rawValue), into: parent) }
        if let wss11 = alt.wss11 { writeOptions("Wss11", wss11.map(\.rawValue), order: WssOption.allCases.map(\.rawValue), into: parent) }
        if let trust = alt.trust10 { writeOptions("Trust10", trust.map(\.rawValue), order: TrustOption.allCases.map(\.rawValue), into: parent) }
        if let trust = alt.trust13 { writeOptions("Trust13", trust.map(\.rawValue), order: TrustOption.allCases.map(\.rawValue), into: parent) }
        if let parts = alt.signedParts { writeParts("SignedParts", parts, into: parent) }
        if let parts = alt.encryptedParts { writeParts("EncryptedParts", parts, into: parent) }
        for (name, expressions) in [("SignedElements", alt.elements.signed), ("EncryptedElements", alt.elements.encrypted),
                                    ("ContentEncryptedElements", alt.elements.contentEncrypted), ("RequiredElements", alt.elements.required)]
            where !expressions.isEmpty {
            let element = sp(name, in: parent)
            for expression in expressions {
                let xpath = element.appendElement("XPath", namespace: NS.sp11, prefix: "sp", text: expression.text)
                for (prefix, uri) in expression.namespaces.sorted(by: { $0.key < $1.key }) { xpath.declareNamespace(uri, prefix: prefix) }
            }
        }
        if !alt.elements.requiredHeaders.isEmpty { writeParts("RequiredParts", MessageParts(body: false, headers: alt.elements.requiredHeaders), into: parent) }
        if !alt.signedSupportingTokens.isEmpty {
            let policy = sp("SignedSupportingTokens", in: parent).appendElement("Policy", namespace: NS.wsp)
            alt.signedSupportingTokens.forEach { writeToken($0, into: policy) }
        }
        for group in alt.otherSupportingTokens {
            let policy = sp(group.kind.rawValue, in: parent).appendElement("Policy", namespace: NS.wsp)
            group.tokens.forEach { writeToken($0, into: policy) }
        }
    }

    private static func writeBinding(_ binding: Binding, into parent: XMLElement) {
        let policy: XMLElement
        switch binding {
        case .transport(let b):
            policy = nested(sp("TransportBinding", in: parent))
            let https = sp("HttpsToken", in: nested(sp("TransportToken", in: policy)))
            https.setAttribute("RequireClientCertificate", b.requireClientCertificate ? "true" : "false")
        case .symmetric(let b):
            policy = nested(sp("SymmetricBinding", in: parent))
            writeToken(b.protectionToken, into: nested(sp("ProtectionToken", in: policy)))
        case .asymmetric(let b):
            policy = nested(sp("AsymmetricBinding", in: parent))
            writeToken(b.initiatorToken, into: nested(sp("InitiatorToken", in: policy)))
            writeToken(b.recipientToken, into: nested(sp("RecipientToken", in: policy)))
        }
        let common = binding.common
        sp(common.algorithmSuite.rawValue, in: nested(sp("AlgorithmSuite", in: policy)))
        sp(common.layout.rawValue, in: nested(sp("Layout", in: policy)))
        if common.includeTimestamp { sp("IncludeTimestamp", in: policy) }
        if common.protectionOrder == .encryptBeforeSigning { sp("EncryptBeforeSigning", in: policy) }
        if common.encryptSignature { sp("EncryptSignature", in: policy) }
        if common.protectTokens { sp("ProtectTokens", in: policy) }
        if common.onlySignEntireHeadersAndBody { sp("OnlySignEntireHeadersAndBody", in: policy) }
    }

    private static func writeToken(_ token: Token, into parent: XMLElement) {
        switch token {
        case .x509(let t):
            let policy = nested(tokenElement("X509Token", t.inclusion, in: parent))
            for name in t.unsupported { sp(name, in: policy) }
            for reference in X509Reference.allCases where t.references.contains(reference) { sp(reference.rawValue, in: policy) }
            sp(t.tokenType, in: policy)
        case .username(let t):
            let element = tokenElement("UsernameToken", t.inclusion, in: parent)
            if t.profile != nil || t.hashPassword || !t.unsupported.isEmpty {
                let policy = nested(element)
                for name in t.unsupported { sp(name, in: policy) }
                if t.hashPassword { sp("HashPassword", in: policy) }
                if let profile = t.profile { sp(profile, in: policy) }
            }
        case .secureConversation(let t):
            let policy = nested(tokenElement("SecureConversationToken", t.inclusion, in: parent))
            for name in t.unsupported { sp(name, in: policy) }
            writeAlternative(t.bootstrap, into: nested(sp("BootstrapPolicy", in: policy)))
        case .kerberos(let t):
            let policy = nested(tokenElement("KerberosToken", t.inclusion, in: parent))
            for name in t.unsupported { sp(name, in: policy) }
            sp(t.tokenType, in: policy)
        }
    }

    private static func writeOptions(_ name: String, _ options: [String], order: [String], into parent: XMLElement) {
        let policy = nested(sp(name, in: parent))
        for option in order where options.contains(option) { sp(option, in: policy) }
    }

    private static func writeParts(_ name: String, _ parts: MessageParts, into parent: XMLElement) {
        let element = sp(name, in: parent)
        if parts.allHeaders { return }
        if parts.body { sp("Body", in: element) }
        for header in parts.headers {
            let h = sp("Header", in: element)
            if !header.name.isEmpty { h.setAttribute("Name", header.name) }
            h.setAttribute("Namespace", header.namespace)
        }
    }

    private static func tokenElement(_ name: String, _ inclusion: TokenInclusion, in parent: XMLElement) -> XMLElement {
        let element = sp(name, in: parent)
        element.setAttribute("IncludeToken", namespace: NS.sp11, prefix: "sp", NS.includeTokenURI(inclusion))
        return element
    }

    @discardableResult
    private static func sp(_ name: String, in parent: XMLElement) -> XMLElement {
        parent.appendElement(name, namespace: NS.sp11, prefix: "sp")
    }

    private static func nested(_ parent: XMLElement) -> XMLElement {
        parent.appendElement("Policy", namespace: NS.wsp, prefix: "wsp")
    }
}
