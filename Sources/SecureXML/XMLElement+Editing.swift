import CLibXML2

/// Building and editing elements, keeping the document's existing text (whitespace, comments) as it is.
extension XMLElement {
    /// Appends a new child element in `namespace`, reusing an in-scope declaration or declaring `prefix`.
    @discardableResult
    public func appendElement(_ name: String, namespace: String? = nil, prefix: String? = nil) -> XMLElement {
        let child = makeElement(name, namespace: namespace, prefix: prefix)
        xmlAddChild(node, child.node)
        if let namespace, child.namespace != namespace { xmlSetNs(child.node, child.namespaceDeclaration(namespace, prefix: prefix)) }
        return child
    }

    /// Inserts a new element right before this one, with the same indentation, so the file keeps its shape.
    @discardableResult
    public func insertSiblingBefore(_ name: String, namespace: String? = nil, prefix: String? = nil) -> XMLElement {
        let sibling = makeElement(name, namespace: namespace, prefix: prefix)
        xmlAddPrevSibling(node, sibling.node)
        if let indent = precedingIndentation {
            xmlAddPrevSibling(node, xmlNewDocText(document.doc, indent))
        }
        if let namespace, sibling.namespace != namespace {
            xmlSetNs(sibling.node, sibling.namespaceDeclaration(namespace, prefix: prefix))
        }
        return sibling
    }

    /// Appends a new last child element, indented like its siblings (or one step deeper than this element).
    @discardableResult
    public func appendIndentedElement(_ name: String, namespace: String? = nil, prefix: String? = nil) -> XMLElement {
        let indent = children.last?.precedingIndentation ?? ((precedingIndentation ?? "\n") + "    ")
        let closing = precedingIndentation ?? "\n"
        // The last text node before the end tag holds the closing indentation; insert before it.
        if let last = node.pointee.last, last.pointee.type == XML_TEXT_NODE {
            let child = makeElement(name, namespace: namespace, prefix: prefix)
            // libxml2 merges adjacent text nodes, so the element goes in first and its indentation before it.
            xmlAddPrevSibling(last, child.node)
            xmlAddPrevSibling(child.node, xmlNewDocText(document.doc, indent))
            fixNamespace(child, namespace, prefix)
            return child
        }
        xmlAddChild(node, xmlNewDocText(document.doc, indent))
        let child = appendElement(name, namespace: namespace, prefix: prefix)
        xmlAddChild(node, xmlNewDocText(document.doc, closing))
        return child
    }

    /// Appends text content.
    public func appendText(_ text: String) {
        xmlAddChild(node, withXMLString(text) { xmlNewDocText(document.doc, $0) })
    }

    /// Removes this element, and the indentation before it, from the document.
    public func remove() {
        document.idsCurrent = false
        if let prev = node.pointee.prev, prev.pointee.type == XML_TEXT_NODE, isBlank(prev) {
            xmlUnlinkNode(prev)
            xmlFreeNode(prev)
        }
        // Kept until the document goes: callers may still hold this element (see XMLDocument.discard).
        document.discard(node)
    }

    /// Moves this element (with its subtree, IDs and namespaces in scope) to `placement` in the same document.
    public func move(to placement: Placement) {
        xmlUnlinkNode(node)
        placement.insert(node)
    }

    /// Replaces this element by its child elements (a wrapper taken away). Their namespaces stay declared: a child
    /// may use a declaration only the wrapper held, which is copied onto it before the wrapper is freed.
    public func unwrap() {
        for child in children {
            child.move(to: .before(self))
            xmlReconciliateNs(document.doc, child.node)
        }
        remove()
    }

    /// The whitespace text (newline and indentation) right before this element, if that is all it holds.
    var precedingIndentation: String? {
        guard let prev = node.pointee.prev, prev.pointee.type == XML_TEXT_NODE, isBlank(prev),
              let content = prev.pointee.content else { return nil }
        let text = String(cString: content)
        guard let newline = text.lastIndex(of: "\n") else { return text }
        return String(text[newline...])
    }

    private func isBlank(_ text: xmlNodePtr) -> Bool {
        guard let content = text.pointee.content else { return true }
        return String(cString: content).allSatisfy(\.isWhitespace)
    }

    /// A new element has no attributes, so no ID: linking it keeps the ID registry matching the tree.
    private func makeElement(_ name: String, namespace: String?, prefix: String?) -> XMLElement {
        let child = withXMLString(name) { xmlNewDocNode(document.doc, nil, $0, nil)! }
        let element = XMLElement(node: child, document: document)
        return element
    }

    private func fixNamespace(_ child: XMLElement, _ namespace: String?, _ prefix: String?) {
        if let namespace, child.namespace != namespace {
            xmlSetNs(child.node, child.namespaceDeclaration(namespace, prefix: prefix))
        }
    }
}

extension XMLElement {
    /// Declares `prefix` for `uri` on this element (used on a root so children share one declaration).
    public func declareNamespace(_ uri: String, prefix: String) {
        _ = xmlNewNs(node, uri, prefix)
    }

    /// Appends a child element holding `text`.
    @discardableResult
    public func appendElement(_ name: String, namespace: String?, prefix: String? = nil, text: String) -> XMLElement {
        let child = appendElement(name, namespace: namespace, prefix: prefix)
        child.appendText(text)
        return child
    }
}
