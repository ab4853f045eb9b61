import Foundation
import SecureXML

/// Reads WS-SecurityPolicy assertions into the model.
enum AssertionReader {
    private typealias NS = PolicyNamespaces

    static func alternative(from assertions: [XMLElement], at context: XMLElement) throws(PolicyError) -> PolicyAlternative {
        var binding: Binding?
        var alt = PolicyAlternative(binding: .transport(TransportBinding(properties: BindingProperties())))
        for a in assertions where NS.securityPolicyNamespaces.contains(a.namespace ?? "") {
            switch a.name {
            case "TransportBinding", "SymmetricBinding", "AsymmetricBinding": binding = try readBinding(a)
            case "Wss10": alt.wss10 = try options(a, WssOption.self)
            case "Wss11": alt.wss11 = try options(a, WssOption.self)
            case "Trust10": alt.trust10 = try options(a, TrustOption.self)
            case "Trust13": alt.trust13 = try options(a, TrustOption.self)
            case "SignedParts": alt.signedParts = parts(a, signed: true)
            case "EncryptedParts": alt.encryptedParts = parts(a, signed: false)
            case "SignedElements": alt.elements.signed += try xpaths(a)
            case "EncryptedElements": alt.elements.encrypted += try xpaths(a)
            case "ContentEncryptedElements": alt.elements.contentEncrypted += try xpaths(a)
            case "RequiredElements": alt.elements.required += try xpaths(a)
            case "RequiredParts": alt.elements.requiredHeaders += parts(a, signed: false).headers
            case "SignedSupportingTokens": alt.signedSupportingTokens = try PolicyReader.nested(a).map { (t) throws(PolicyError) in try token(t) }
            case let name where SupportingTokens.Kind(rawValue: name) != nil:
                alt.otherSupportingTokens.append(SupportingTokens(kind: SupportingTokens.Kind(rawValue: name)!,
                                                                  tokens: try PolicyReader.nested(a).map { (t) throws(PolicyError) in try token(t) }))
            default: throw PolicyError(.unsupported, "sp:\(a.name) is not supported yet", line: a.line)
            }
        }
        guard let binding else { throw PolicyError(.missingBinding, "The policy has no security binding", line: context.line) }
        alt.binding = binding
        return alt
    }

    private static func readBinding(_ element: XMLElement) throws(PolicyError) -> Binding {
        var props = BindingProperties(includeTimestamp: false, onlySignEntireHeadersAndBody: false)
        var tokens: [String: Token] = [:]
        var requireClientCertificate = false
        for a in try PolicyReader.nested(element) {
            switch a.name {
            case "AlgorithmSuite": props.algorithmSuite = try value(of: a, AlgorithmSuite.self)
            case "Layout": props.layout = try value(of: a, Layout.self)
            case "IncludeTimestamp": props.includeTimestamp = true
            case "OnlySignEntireHeadersAndBody": props.onlySignEntireHeadersAndBody = true
            case "EncryptBeforeSigning": props.protectionOrder = .encryptBeforeSigning
            case "SignBeforeEncrypting": props.protectionOrder = .signBeforeEncrypting
            case "EncryptSignature": props.encryptSignature = true
            case "ProtectTokens": props.protectTokens = true
            case "TransportToken":
                let https = try PolicyReader.nested(a).first { $0.name == "HttpsToken" }
                requireClientCertificate = https?.attribute("RequireClientCertificate") == "true"
            case "ProtectionToken", "InitiatorToken", "RecipientToken":
                guard let inner = try PolicyReader.nested(a).first else {
                    throw PolicyError(.unsupported, "sp:\(a.name) names no token", line: a.line)
                }
                tokens[a.name] = try token(inner)
            default: throw PolicyError(.unsupported, "sp:\(a.name) is not supported yet in a binding", line: a.line)
            }
        }
        func required(_ name: String) throws(PolicyError) -> Token {
            guard let t = tokens[name] else { throw PolicyError(.missingBinding, "sp:\(element.name) has no sp:\(name)", line: element.line) }
            return t
        }
        switch element.name {
        case "TransportBinding": return .transport(TransportBinding(requireClientCertificate: requireClientCertificate, properties: props))
        case "SymmetricBinding": return .symmetric(SymmetricBinding(protectionToken: try required("ProtectionToken"), properties: props))
        default: return .asymmetric(AsymmetricBinding(initiatorToken: try required("InitiatorToken"),
                                                      recipientToken: try required("RecipientToken"), properties: props))
        }
    }

    static func token(_ element: XMLElement) throws(PolicyError) -> Token {
        let inclusion = try inclusion(of: element)
        let inner = try PolicyReader.nested(element)
        switch element.name {
        case "X509Token":
            var token = X509Token(inclusion: inclusion, references: Set(inner.compactMap { X509Reference(rawValue: $0.name) }),
                                  tokenType: inner.last { $0.name.hasPrefix("Wss") }?.name ?? "")
            token.unsupported = unsupported(inner) { X509Reference(rawValue: $0) != nil || $0.hasPrefix("Wss") }
            return .x509(token)
        case "UsernameToken":
            var token = UsernameToken(inclusion: inclusion, profile: inner.first { $0.name.hasPrefix("WssUsernameToken") }?.name,
                                      hashPassword: inner.contains { $0.name == "HashPassword" })
            token.unsupported = unsupported(inner) { $0 == "HashPassword" || $0.hasPrefix("WssUsernameToken") }
            return .username(token)
        case "KerberosToken":
            var token = KerberosToken(inclusion: inclusion, tokenType: inner.first { $0.name.hasPrefix("Wss") }?.name ?? "")
            token.unsupported = unsupported(inner) { $0.hasPrefix("Wss") }
            return .kerberos(token)
        case "SecureConversationToken":
            guard let bootstrap = inner.first(where: { $0.name == "BootstrapPolicy" }) else {
                throw PolicyError(.unsupported, "A SecureConversationToken without a BootstrapPolicy is not supported yet", line: element.line)
            }
            var token = SecureConversationToken(inclusion: inclusion, bootstrap: try alternative(from: try PolicyReader.nested(bootstrap), at: bootstrap))
            token.unsupported = unsupported(inner) { ["BootstrapPolicy", "SC10SecurityContextToken", "SC13SecurityContextToken"].contains($0) }
            return .secureConversation(token)
        default:
            throw PolicyError(.unsupported, "sp:\(element.name) is not supported yet", line: element.line)
        }
    }

    /// The names of a token's nested assertions the engine does not implement: kept, so that the engine refuses the
    /// policy by name rather than ignore what it asks (sp:RequireDerivedKeys, sp:NoPassword...).
    private static func unsupported(_ inner: [XMLElement], known: (String) -> Bool) -> [String] {
        inner.map(\.name).filter { !known($0) }
    }

    private static func inclusion(of element: XMLElement) throws(PolicyError) -> TokenInclusion {
        let uri = NS.securityPolicyNamespaces.lazy.compactMap { element.attribute("IncludeToken", namespace: $0) }.first
        guard let uri else { return .always }
        guard let last = uri.split(separator: "/").last, let inclusion = TokenInclusion(rawValue: String(last)) else {
            throw PolicyError(.unknownValue, "Unknown IncludeToken value \(uri)", line: element.line)
        }
        return inclusion
    }

    private static func value<T: RawRepresentable & CaseIterable>(of element: XMLElement, _ type: T.Type) throws(PolicyError) -> T where T.RawValue == String {
        let name = try PolicyReader.nested(element).first?.name
        guard let name, let v = T(rawValue: name) else {
            throw PolicyError(.unknownValue, "sp:\(element.name) has " + (name.map { "an unknown value, sp:\($0)" } ?? "no value")
                              + "; known: " + T.allCases.map { "sp:\($0.rawValue)" }.joined(separator: ", "), line: element.line)
        }
        return v
    }

    private static func options<T: RawRepresentable & Hashable>(_ element: XMLElement, _ type: T.Type) throws(PolicyError) -> Set<T> where T.RawValue == String {
        var result: Set<T> = []
        for a in try PolicyReader.nested(element) {
            guard let option = T(rawValue: a.name) else {
                throw PolicyError(.unknownValue, "Unknown option sp:\(a.name) in sp:\(element.name)", line: a.line)
            }
            result.insert(option)
        }
        return result
    }

    /// The sp:XPath children of sp:SignedElements and its kin (XPath 1.0), prefixes bound as in the policy file.
    private static func xpaths(_ element: XMLElement) throws(PolicyError) -> [XPathExpression] {
        if let version = element.attribute("XPathVersion"), version != xpath10 {
            throw PolicyError(.unsupported, "sp:\(element.name) asks for XPath \(version); only XPath 1.0 is supported", line: element.line)
        }
        var result: [XPathExpression] = []
        for child in element.children {
            guard child.name == "XPath" else {
                throw PolicyError(.unsupported, "sp:\(child.name) in sp:\(element.name) is not supported (only sp:XPath)", line: child.line)
            }
            do { result.append(try XPathExpression(child.text.trimmingCharacters(in: .whitespacesAndNewlines), namespaces: child.namespacesInScope)) }
            catch { throw PolicyError(.unknownValue, error.message, line: child.line) }
        }
        guard !result.isEmpty else { throw PolicyError(.unknownValue, "sp:\(element.name) names no sp:XPath", line: element.line) }
        return result
    }

    static let xpath10 = "http://www.w3.org/TR/1999/REC-xpath-19991116"

    /// An empty assertion names the Body and, when signed, every header (WS-SecurityPolicy 1.2 §4.1.1, §4.2.1):
    /// read as nothing, it would leave the Body unprotected.
    private static func parts(_ element: XMLElement, signed: Bool) -> MessageParts {
        if element.children.isEmpty { return MessageParts(body: true, allHeaders: signed) }
        return MessageParts(body: element.children.contains { $0.name == "Body" },
                     headers: element.children.filter { $0.name == "Header" }.map {
                         QualifiedName(namespace: $0.attribute("Namespace") ?? "", name: $0.attribute("Name") ?? "")
                     })
    }
}
