import CLibXML2

/// Where a new element (a Signature, an EncryptedKey) goes in the document.
public enum Placement {
    /// As the last child of the element.
    case lastChild(of: XMLElement)
    /// As the first child of the element (WS-Security headers put what must be processed first on top).
    case firstChild(of: XMLElement)
    /// Right before the element, as its sibling.
    case before(XMLElement)
    /// Right after the element, as its sibling.
    case after(XMLElement)

    var document: XMLDocument {
        switch self {
        case .lastChild(let e), .firstChild(let e), .before(let e), .after(let e): e.document
        }
    }

    /// Links `node` (created in the same document, not yet in the tree) at this place.
    func insert(_ node: xmlNodePtr) {
        document.idsCurrent = false
        switch self {
        case .lastChild(let parent): xmlAddChild(parent.node, node)
        case .firstChild(let parent):
            if let first = parent.node.pointee.children { xmlAddPrevSibling(first, node) } else { xmlAddChild(parent.node, node) }
        case .before(let sibling): xmlAddPrevSibling(sibling.node, node)
        case .after(let sibling): xmlAddNextSibling(sibling.node, node)
        }
    }
}

/// The namespaces of the standards this module implements.
enum Namespace {
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    static let xenc = "http://www.w3.org/2001/04/xmlenc#"
    static let xenc11 = "http://www.w3.org/2009/xmlenc11#"
    static let excC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
}

extension XMLElement {
    /// The element containing this one, if any.
    public var parent: XMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLElement(node: parent, document: document)
    }

    /// True when text other than XML whitespace stands in the element itself, beside its child elements.
    public var hasOwnText: Bool {
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if var byte = c.pointee.content {
                    while byte.pointee != 0 {
                        if !XMLText.isWhitespace(byte.pointee) { return true }
                        byte += 1
                    }
                }
            case XML_ENTITY_REF_NODE:
                return true
            default:
                break
            }
            child = c.pointee.next
        }
        return false
    }

    /// The next element under the same parent, read from the tree as it is now (a walk that edits as it goes).
    public var nextSiblingElement: XMLElement? {
        var next = node.pointee.next
        while let n = next, n.pointee.type != XML_ELEMENT_NODE { next = n.pointee.next }
        return next.map { XMLElement(node: $0, document: document) }
    }

    /// Every descendant element with this local name and namespace, in document order.
    public func descendants(_ name: String, _ namespace: String?) -> [XMLElement] {
        var result: [XMLElement] = []
        for child in children {
            if child.is(name, namespace) { result.append(child) }
            result += child.descendants(name, namespace)
        }
        return result
    }

    /// True when `other` is this element or below it.
    public func contains(_ other: XMLElement) -> Bool {
        var current: XMLElement? = other
        while let c = current {
            if c == self { return true }
            current = c.parent
        }
        return false
    }

    /// A readable path of qualified names from the root, e.g. "/soap:Envelope/soap:Body".
    public var path: String {
        var names: [String] = []
        var current: XMLElement? = self
        while let c = current {
            names.append(c.prefix.map { "\($0):\(c.name)" } ?? c.name)
            current = c.parent
        }
        return "/" + names.reversed().joined(separator: "/")
    }
}
