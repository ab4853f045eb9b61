import CLibXML2
import CShims

/// An element of an `XMLDocument`, with namespace-correct navigation and in-place editing.
/// It keeps its document alive.
public struct XMLElement {
    let node: xmlNodePtr
    public let document: XMLDocument

    init(node: xmlNodePtr, document: XMLDocument) {
        self.node = node
        self.document = document
    }

    /// The local name.
    public var name: String { String(cString: node.pointee.name) }

    /// The namespace URI, or nil for no namespace.
    public var namespace: String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// The prefix the element is written with, if any.
    public var prefix: String? { node.pointee.ns?.pointee.prefix.map { String(cString: $0) } }

    /// 1-based line in the source, when parsed.
    public var line: Int { Int(xmlGetLineNo(node)) }

    /// True when the element has this local name and namespace.
    public func `is`(_ name: String, _ namespace: String?) -> Bool {
        Self.is(node, name, namespace)
    }

    private static func `is`(_ node: xmlNodePtr, _ name: String, _ namespace: String?) -> Bool {
        // Compared in place: this runs for every element a signature or policy reader looks at.
        guard withXMLString(name, { xmlStrEqual(node.pointee.name, $0) }) != 0 else { return false }
        guard let href = node.pointee.ns?.pointee.href else { return namespace == nil }
        return namespace.map { withXMLString($0) { xmlStrEqual(href, $0) } != 0 } ?? false
    }

    /// Child elements, in order.
    public var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(node: c, document: document)) }
            child = c.pointee.next
        }
        return result
    }

    /// Child elements with this local name and namespace.
    public func children(_ name: String, _ namespace: String?) -> [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, Self.is(c, name, namespace) { result.append(XMLElement(node: c, document: document)) }
            child = c.pointee.next
        }
        return result
    }

    /// The first child element with this local name and namespace.
    public func child(_ name: String, _ namespace: String?) -> XMLElement? {
        // Walks the nodes without building `children`: readers call this many times for every message.
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, Self.is(c, name, namespace) { return XMLElement(node: c, document: document) }
            child = c.pointee.next
        }
        return nil
    }

    /// The element alone as text, in UTF-8: with the namespace declarations it carries (for the root, every one it
    /// uses), without what lies around it in the document (the declaration, comments, processing instructions).
    public func serialized() -> [UInt8] { Serializer.write(element: node, of: document.doc) }

    /// The concatenated text of the element and its descendants.
    public var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { cs_xmlFree(content) }
        return String(cString: content)
    }

    /// The attribute `name` in `namespace` (nil namespace: an unqualified attribute).
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        let value = withXMLString(name) { name in
            namespace.map { withXMLString($0) { xmlGetNsProp(node, name, $0) } } ?? xmlGetNoNsProp(node, name)
        }
        guard let value else { return nil }
        defer { cs_xmlFree(value) }
        return String(cString: value)
    }

    /// Sets an unqualified attribute.
    public func setAttribute(_ name: String, _ value: String) {
        withXMLString(name) { name in
            let existed = xmlHasNsProp(node, name, nil) != nil
            keepIDsCurrent(withXMLString(value) { xmlSetProp(node, name, $0) }, existed: existed)
        }
    }

    /// Sets an attribute in `namespace`, declaring `prefix` for it on this element if needed.
    public func setAttribute(_ name: String, namespace: String, prefix: String, _ value: String) {
        let ns = namespaceDeclaration(namespace, prefix: prefix)
        withXMLString(name) { name in
            let existed = xmlHasNsProp(node, name, ns.pointee.href) != nil
            keepIDsCurrent(withXMLString(value) { xmlSetNsProp(node, ns, name, $0) }, existed: existed)
        }
    }

    /// A new attribute on an element in the tree keeps the ID registry matching it when the attribute is no ID, or an
    /// ID registered now; a replaced value (libxml2 moves a registered ID itself, but not to a value already taken)
    /// or a taken one leave it to the next walk, which refuses the duplicate. Signing right after building a header
    /// then walks no tree.
    private func keepIDsCurrent(_ attr: xmlAttrPtr?, existed: Bool) {
        guard document.idsCurrent else { return }
        guard let attr, !existed, document.isAttached(node) else { document.idsCurrent = false; return }
        if IDAttribute.isID(attr), IDAttribute.register(attr, in: document.doc) != nil { document.idsCurrent = false }
    }

    /// The namespace in scope for `uri`, declared here with `prefix` if it is not yet in scope.
    func namespaceDeclaration(_ uri: String, prefix: String?) -> xmlNsPtr {
        withXMLString(uri) { uri -> xmlNsPtr in
            if let ns = xmlSearchNsByHref(document.doc, node, uri) { return ns }
            return withOptionalXMLString(prefix) { xmlNewNs(node, uri, $0) }
        }
    }
}

extension XMLElement: Equatable {
    public static func == (a: XMLElement, b: XMLElement) -> Bool { a.node == b.node }
}
