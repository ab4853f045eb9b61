import CLibXML2
import CShims
import Foundation

/// An XPath 1.0 expression from a trusted source (a policy's sp:SignedElements), with the namespace prefixes it
/// uses bound as where it was written. Never taken from a message: messages name what they protect by Id only.
public struct XPathExpression: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    /// Prefix to namespace URI, for the prefixes the expression uses.
    public let namespaces: [String: String]

    /// Refuses an expression libxml2 cannot compile, or one using a prefix `namespaces` does not bind.
    public init(_ text: String, namespaces: [String: String]) throws(XMLError) {
        try XMLLibrary.ensure()
        guard let compiled = xmlXPathCompile(text) else {
            throw XMLError(.xpathFailed, "The XPath expression \(text) is malformed")
        }
        xmlXPathFreeCompExpr(compiled)
        if let unbound = Self.prefixes(in: text).first(where: { namespaces[$0] == nil }) {
            throw XMLError(.xpathFailed, "The XPath expression \(text) uses the prefix \(unbound):, which no namespace declaration binds")
        }
        self.text = text
        self.namespaces = namespaces.filter { Self.prefixes(in: text).contains($0.key) }
    }

    public var description: String { text }

    /// The prefixes of qualified names in `text`: `p:name` or `p:*`, outside string literals and axes (`child::`).
    static func prefixes(in text: String) -> Set<String> {
        var found: Set<String> = []
        let chars = Array(text)
        var i = 0
        var quote: Character?
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil }
                i += 1
                continue
            }
            if c == "\"" || c == "'" { quote = c; i += 1; continue }
            guard c.isLetter || c == "_" else { i += 1; continue }
            var j = i
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || "_-.".contains(chars[j]) { j += 1 }
            if j + 1 < chars.count, chars[j] == ":", chars[j + 1] != ":", i == 0 || chars[i - 1] != "$" {
                found.insert(String(chars[i..<j]))
            }
            i = max(j, i + 1)
        }
        return found
    }
}

extension XMLDocument {
    /// The elements `xpath` selects from the document node, in document order; other nodes are left out.
    public func select(_ xpath: XPathExpression) throws(XMLError) -> [XMLElement] {
        guard let context = xmlXPathNewContext(doc) else { throw XMLError(.xpathFailed, "No memory for an XPath context") }
        defer { xmlXPathFreeContext(context) }
        for (prefix, uri) in xpath.namespaces { xmlXPathRegisterNs(context, prefix, uri) }
        guard let result = xmlXPathEvalExpression(xpath.text, context) else {
            let reason = context.pointee.lastError.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            throw XMLError(.xpathFailed, "The XPath expression \(xpath.text) failed" + (reason.map { ": \($0)" } ?? ""))
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            throw XMLError(.xpathFailed, "The XPath expression \(xpath.text) gives a value, not elements")
        }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let nodes = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { index in
            guard let node = nodes[index], node.pointee.type == XML_ELEMENT_NODE else { return nil }
            return XMLElement(node: node, document: self)
        }
    }
}

extension XMLElement {
    /// The namespace declarations in scope here, prefix to URI (the default namespace under ""): what the
    /// prefixes of an XPath written in this element mean.
    public var namespacesInScope: [String: String] {
        guard let list = xmlGetNsList(document.doc, node) else { return [:] }
        defer { cs_xmlFree(list) }
        var result: [String: String] = [:]
        var index = 0
        while let ns = list[index] {
            let prefix = ns.pointee.prefix.map { String(cString: $0) } ?? ""
            if result[prefix] == nil, let href = ns.pointee.href { result[prefix] = String(cString: href) }
            index += 1
        }
        return result
    }
}
