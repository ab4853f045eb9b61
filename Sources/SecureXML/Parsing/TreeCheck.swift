import CLibXML2

/// One walk over a parsed tree that enforces the limits libxml2 does not know (depth, attributes per element,
/// text size) and registers ID attributes, refusing a value that appears twice.
///
/// It runs after every parse and on decrypted content, so a reference can only ever resolve to one element.
struct TreeCheck {
    let limits: ParseLimits
    let doc: xmlDocPtr

    /// Checks `top` and everything below it; `depth` is the nesting of `top` (1 for the root element).
    func run(_ top: xmlNodePtr, depth start: Int) throws(XMLError) {
        var node = top
        var depth = start
        while true {
            try visit(node, depth: depth)
            if node.pointee.type == XML_ELEMENT_NODE, let child = node.pointee.children {
                node = child
                depth += 1
                continue
            }
            // Next sibling, or climb until an ancestor has one; stop at `top`.
            while node != top, node.pointee.next == nil {
                guard let parent = node.pointee.parent else { return }
                node = parent
                depth -= 1
            }
            if node == top { return }
            node = node.pointee.next!
        }
    }

    private func visit(_ node: xmlNodePtr, depth: Int) throws(XMLError) {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            if depth > limits.maxDepth {
                throw XMLError(.tooDeep, "The document nests deeper than \(limits.maxDepth) elements", line: line(node))
            }
            var count = 0
            var ns = node.pointee.nsDef
            while let n = ns { count += 1; ns = n.pointee.next }
            var attr = node.pointee.properties
            while let a = attr {
                count += 1
                try checkText(a.pointee.children, node)
                if IDAttribute.isID(a) { try register(a, node) }
                attr = a.pointee.next
            }
            if count > limits.maxAttributes {
                throw XMLError(.tooManyAttributes, "An element has \(count) attributes; the limit is \(limits.maxAttributes)",
                               line: line(node))
            }
        case XML_PI_NODE where !limits.allowsProcessingInstructions:
            throw processingInstruction(node)
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE:
            try checkLength(node.pointee.content, node)
        case XML_ENTITY_REF_NODE, XML_ENTITY_NODE, XML_ENTITY_DECL, XML_DTD_NODE:
            throw XMLError(.doctypeForbidden, "Entity references and DTDs are not allowed", line: line(node))
        default:
            break
        }
    }

    /// Refuses a processing instruction before or after the root element (prolog, epilogue), which `run` from the
    /// root never visits: SOAP 1.2's infoset forbids them on the document too, and Axiom refuses them there as well.
    func checkTopLevel() throws(XMLError) {
        guard !limits.allowsProcessingInstructions else { return }
        var child = doc.pointee.children
        while let node = child {
            if node.pointee.type == XML_PI_NODE { throw processingInstruction(node) }
            child = node.pointee.next
        }
    }

    /// Said without the instruction's target or text, which are the document's.
    private func processingInstruction(_ node: xmlNodePtr) -> XMLError {
        XMLError(.processingInstructionForbidden, "A processing instruction (<?...?>) is not allowed: SOAP forbids them in a message (the XML declaration is not one)",
                 line: line(node))
    }

    private func checkText(_ first: xmlNodePtr?, _ owner: xmlNodePtr) throws(XMLError) {
        var total = 0
        var child = first
        while let c = child {
            if c.pointee.type != XML_TEXT_NODE {
                throw XMLError(.doctypeForbidden, "Entity references are not allowed", line: line(owner))
            }
            if let content = c.pointee.content { total += Int(xmlStrlen(content)) }
            child = c.pointee.next
        }
        if total > limits.maxTextBytes { throw textTooLarge(owner) }
    }

    private func checkLength(_ content: UnsafeMutablePointer<xmlChar>?, _ node: xmlNodePtr) throws(XMLError) {
        guard let content else { return }
        // xmlStrlen stops at Int32.max; the byte limit of the document keeps text far below that.
        if Int(xmlStrlen(content)) > limits.maxTextBytes { throw textTooLarge(node) }
    }

    private func textTooLarge(_ node: xmlNodePtr) -> XMLError {
        XMLError(.textTooLarge, "A text or attribute value is longer than \(limits.maxTextBytes) bytes", line: line(node))
    }

    private func register(_ attr: xmlAttrPtr, _ element: xmlNodePtr) throws(XMLError) {
        guard let existing = IDAttribute.register(attr, in: doc) else { return }
        throw IDAttribute.duplicate((IDAttribute.label(existing) ?? "ID", existing.pointee.parent.flatMap(line)),
                                    (IDAttribute.label(attr) ?? "ID", line(element)))
    }

    private func line(_ node: xmlNodePtr) -> Int? {
        let line = xmlGetLineNo(node)
        return line > 0 ? Int(line) : nil
    }
}
