import CLibXML2

/// The ID registry: wsu:Id, Id, ID and xml:id values, each naming exactly one element.
extension XMLDocument {
    /// Registers every ID attribute of the document (parse does this; call it after building or editing
    /// a document), refusing a value that appears twice with `.duplicateID`.
    public func registerIDs() throws(XMLError) {
        guard !idsCurrent, let root = xmlDocGetRootElement(doc) else { return }
        let unbounded = ParseLimits(maxBytes: .max, maxDepth: .max, maxAttributes: .max, maxTextBytes: .max)
        try TreeCheck(limits: unbounded, doc: doc).run(root, depth: 1)
        idsCurrent = true
    }

    /// The element whose ID attribute has this value, if it is part of the document tree.
    public func element(withID id: String) -> XMLElement? {
        guard let attr = withXMLString(id, { xmlGetID(doc, $0) }), let element = attr.pointee.parent, isAttached(element) else { return nil }
        return XMLElement(node: element, document: self)
    }

    /// True when `node` hangs below this document's node (not unlinked, not in another document).
    func isAttached(_ node: xmlNodePtr) -> Bool {
        var current: xmlNodePtr? = node
        while let c = current {
            if c.pointee.type == XML_DOCUMENT_NODE { return OpaquePointer(c) == OpaquePointer(doc) }
            current = c.pointee.parent
        }
        return false
    }
}

extension XMLElement {
    /// The value of the element's ID attribute (wsu:Id, Id, ID or xml:id), if it has one.
    public var id: String? {
        var attr = node.pointee.properties
        while let a = attr {
            if IDAttribute.isID(a) { return IDAttribute.value(a) }
            attr = a.pointee.next
        }
        return nil
    }
}
