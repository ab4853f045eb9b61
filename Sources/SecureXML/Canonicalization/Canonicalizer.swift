import CLibXML2
import CShims

/// Canonical XML (inclusive 1.0 or exclusive, with or without comments) of a whole document or of one
/// element's subtree, through libxml2's C14N.
extension XMLDocument {
    /// The canonical form of the whole document.
    public func canonicalized(_ method: CanonicalizationMethod = .exclusive, inclusivePrefixes: [String] = []) throws(XMLError) -> [UInt8] {
        try Canonicalizer.run(doc, apex: nil, method: method, prefixes: inclusivePrefixes)
    }
}

extension XMLElement {
    /// The canonical form of this element and its subtree, as a Reference to it is digested: namespaces and
    /// (inclusive only) xml: attributes in scope from ancestors are rendered as the method says.
    public func canonicalized(_ method: CanonicalizationMethod = .exclusive, inclusivePrefixes: [String] = []) throws(XMLError) -> [UInt8] {
        try Canonicalizer.run(document.doc, apex: node, method: method, prefixes: inclusivePrefixes)
    }
}

enum Canonicalizer {
    static func run(_ doc: xmlDocPtr, apex: xmlNodePtr?, method: CanonicalizationMethod, prefixes: [String]) throws(XMLError) -> [UInt8] {
        guard let buffer = xmlAllocOutputBuffer(nil) else { throw XMLError(.canonicalizationFailed, "Out of memory") }
        // A null-terminated array of C strings for the InclusiveNamespaces PrefixList (exclusive only).
        let cPrefixes: [UnsafeMutablePointer<xmlChar>?] = method.isExclusive ? prefixes.map { xmlStrdup($0) } + [nil] : [nil]
        defer { cPrefixes.forEach { $0.map { cs_xmlFree($0) } } }
        var list = cPrefixes
        let result: Int32 = list.withUnsafeMutableBufferPointer { prefixList in
            let visible: xmlC14NIsVisibleCallback? = apex == nil ? nil : { data, node, parent in
                guard let data, let node else { return 0 }
                let apex = data.assumingMemoryBound(to: xmlNode.self)
                // A namespace node is an xmlNs, not an xmlNode: its element is `parent`.
                var current: xmlNodePtr? = node.pointee.type == XML_NAMESPACE_DECL ? parent : node
                while let c = current {
                    if c == apex { return 1 }
                    current = c.pointee.parent
                }
                return 0
            }
            return xmlC14NExecute(doc, visible, apex.map { UnsafeMutableRawPointer($0) }, method.libxmlMode,
                                  method.isExclusive && !prefixes.isEmpty ? prefixList.baseAddress : nil,
                                  method.withComments ? 1 : 0, buffer)
        }
        defer { xmlOutputBufferClose(buffer) }
        guard result >= 0, let content = xmlOutputBufferGetContent(buffer) else {
            throw XMLError(.canonicalizationFailed, "libxml2 could not canonicalise the document")
        }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlOutputBufferGetSize(buffer))))
    }
}
