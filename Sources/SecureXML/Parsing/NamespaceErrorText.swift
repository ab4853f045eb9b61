import CLibXML2
import Foundation

/// libxml2's namespace errors (Namespaces in XML 1.0) said in our words. libxml2 reports them and reads on, building
/// an element named "zz:foo" in no namespace; we refuse the document instead, so these are `.malformed` errors. Like
/// ``ParseErrorText`` they name no prefix, name or URI of the document: text a '<' turned into a tag (a password
/// written p<ss:wd>) is read as one, and the line and column place the error.
enum NamespaceErrorText {
    /// Whether an error is one we refuse a document for: a namespace error, except a namespace name that is no RFC 3986
    /// URI. libxml2 files that one under warnings (XML_WAR_NS_URI) and flags an IRI such as urn:größe with it, which
    /// Namespaces in XML 1.1 and every Java peer accept.
    static func refuses(_ error: xmlError) -> Bool {
        error.domain == Int32(XML_FROM_NAMESPACE.rawValue) && error.level.rawValue >= XML_ERR_ERROR.rawValue
            && error.code != Int32(XML_WAR_NS_URI.rawValue)
    }

    /// One sentence saying what is wrong; libxml2's own text for a case not listed here when it quotes nothing.
    static func sentence(for error: xmlError) -> String {
        let original = (error.message.map { String(cString: $0) } ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        switch error.code {
        case Int32(XML_NS_ERR_UNDEFINED_NAMESPACE.rawValue):
            // libxml2: prefix, local name, and for an attribute its element.
            let named = error.str1.map { String(cString: $0) }
            let prefix = named.flatMap { conventionalPrefixes.contains($0) ? " \($0)" : nil } ?? ""
            return (error.str3 == nil ? "An element's" : "An attribute's") + " namespace prefix\(prefix) is not declared"
        case Int32(XML_NS_ERR_XML_NAMESPACE.rawValue):
            return reservedSentence(original)
        case Int32(XML_NS_ERR_ATTRIBUTE_REDEFINED.rawValue):
            return "An attribute appears twice on one element, in one namespace under two prefixes"
        case Int32(XML_NS_ERR_QNAME.rawValue):
            return "A name is not a qualified name: at most one colon, between a prefix and a local name"
        case Int32(XML_NS_ERR_COLON.rawValue):
            return "A processing instruction's target contains a colon"
        default:
            return ParseErrorText.quotesDocument(error) ? "A namespace error, libxml2 error \(error.code)" : "Namespace error: \(original)"
        }
    }

    /// The prefixes SOAP, WS-Security and WS-Policy documents conventionally use, named when undeclared: a forgotten
    /// xmlns:wsu is the commonest interop slip, and a password that a '<' cut into a tag names no such prefix (or
    /// tells nothing by it).
    private static let conventionalPrefixes: Set<String> = [
        "soap", "soapenv", "soap12", "env", "S", "s", "SOAP-ENV", "wsse", "wsse11", "wsu", "ds", "dsig", "xenc", "xenc11",
        "ec", "wsp", "sp", "sp13", "wst", "wsc", "wsa", "rampart", "sec", "xsi", "xsd",
    ]

    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    private static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    /// XML_NS_ERR_XML_NAMESPACE covers several cases told apart only by libxml2's message (2.9.14's wording).
    private static func reservedSentence(_ original: String) -> String {
        let cases: [(libxml2: String, ours: String)] = [
            ("Empty XML namespace is not allowed",
             "A prefix is declared with an empty namespace name, which XML 1.0 does not allow"),
            ("xml namespace prefix mapped to wrong URI", "The prefix xml is bound to a namespace other than \(xmlNamespace)"),
            ("xml namespace URI cannot be the default namespace",
             "The namespace \(xmlNamespace) is declared as the default namespace; only the prefix xml may be bound to it"),
            ("xml namespace URI mapped to wrong prefix", "The namespace \(xmlNamespace) is bound to a prefix other than xml"),
            ("redefinition of the xmlns prefix", "The prefix xmlns is declared; it is reserved and cannot be"),
            ("reuse of the xmlns namespace name", "The namespace \(xmlnsNamespace) is declared; it is reserved and cannot be"),
        ]
        return cases.first { original.contains($0.libxml2) }?.ours ?? "A reserved prefix or namespace (xml, xmlns) is misused"
    }
}
