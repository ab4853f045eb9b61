import CLibXML2
import Foundation

/// libxml2's namespace errors (Namespaces in XML 1.0) said in our words. libxml2 reports them and reads on, building
/// an element named "zz:foo" in no namespace; we refuse the document instead, so these are `.malformed` errors.
enum NamespaceErrorText {
    /// Whether an error is one we refuse a document for: a namespace error, except a namespace name that is no RFC 3986
    /// URI. libxml2 files that one under warnings (XML_WAR_NS_URI) and flags an IRI such as urn:größe with it, which
    /// Namespaces in XML 1.1 and every Java peer accept.
    static func refuses(_ error: xmlError) -> Bool {
        error.domain == Int32(XML_FROM_NAMESPACE.rawValue) && error.level.rawValue >= XML_ERR_ERROR.rawValue
            && error.code != Int32(XML_WAR_NS_URI.rawValue)
    }

    /// One sentence naming the prefix or name at fault; libxml2's own text for a case not listed here.
    static func sentence(for error: xmlError) -> String {
        let first = error.str1.map { String(cString: $0) } ?? ""
        let second = error.str2.map { String(cString: $0) } ?? ""
        let third = error.str3.map { String(cString: $0) }
        let original = (error.message.map { String(cString: $0) } ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        switch error.code {
        case Int32(XML_NS_ERR_UNDEFINED_NAMESPACE.rawValue):
            // libxml2: prefix, local name (of the element, or of the attribute and then its element).
            guard let element = third else { return "The prefix \(first) is not declared (element \(first):\(second))" }
            return "The prefix \(first) is not declared (attribute \(first):\(second) of element \(element))"
        case Int32(XML_NS_ERR_XML_NAMESPACE.rawValue):
            return reservedSentence(original, prefix: first)
        case Int32(XML_NS_ERR_ATTRIBUTE_REDEFINED.rawValue):
            return "The attribute \(first) in namespace \(second) appears twice on one element, under two prefixes"
        case Int32(XML_NS_ERR_QNAME.rawValue):
            return "The name \(quoted(in: original) ?? first) is not a qualified name (at most one colon, between a prefix and a local name)"
        case Int32(XML_NS_ERR_COLON.rawValue):
            return "The processing instruction target \(first) contains a colon"
        default:
            return "Namespace error: \(original)"
        }
    }

    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    private static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    /// XML_NS_ERR_XML_NAMESPACE covers several cases told apart only by libxml2's message (2.9.14's wording).
    private static func reservedSentence(_ original: String, prefix: String) -> String {
        let cases: [(libxml2: String, ours: String)] = [
            ("Empty XML namespace is not allowed",
             "The prefix \(prefix) is declared with an empty namespace name (xmlns:\(prefix)=\"\" is not allowed in XML 1.0)"),
            ("xml namespace prefix mapped to wrong URI", "The prefix xml is bound to a namespace other than \(xmlNamespace)"),
            ("xml namespace URI cannot be the default namespace",
             "The namespace \(xmlNamespace) is declared as the default namespace; only the prefix xml may be bound to it"),
            ("xml namespace URI mapped to wrong prefix", "The namespace \(xmlNamespace) is bound to a prefix other than xml"),
            ("redefinition of the xmlns prefix", "The prefix xmlns is declared; it is reserved and cannot be"),
            ("reuse of the xmlns namespace name", "The namespace \(xmlnsNamespace) is declared; it is reserved and cannot be"),
        ]
        return cases.first { original.contains($0.libxml2) }?.ours ?? "Namespace error: \(original)"
    }

    /// The text between the first and the last single quote of libxml2's message ("Failed to parse QName 'a:b:'").
    private static func quoted(in message: String) -> String? {
        guard let start = message.firstIndex(of: "'"), let end = message.lastIndex(of: "'"), start < end else { return nil }
        return String(message[message.index(after: start)..<end])
    }
}
