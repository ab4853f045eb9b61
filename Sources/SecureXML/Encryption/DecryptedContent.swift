import CLibXML2

/// Puts decrypted bytes into the document in place of their EncryptedData, parsed as safely as a document:
/// no DTD, no entities, no network, the same limits, IDs registered and never duplicated.
///
/// Every failure here is the one `decryptionFailed`: whether a plaintext parses is exactly the oracle the
/// CBC attacks on XML Encryption (Jager and Somorovsky, 2011) read.
enum DecryptedContent {
    /// Replaces `encryptedData` by the nodes `plaintext` holds; returns the elements now in its place.
    static func replace(_ encryptedData: XMLElement, with plaintext: [UInt8], type: EncryptedType,
                        limits: ParseLimits) throws(XMLError) -> [XMLElement] {
        let document = encryptedData.document
        guard plaintext.count <= limits.maxBytes, let context = encryptedData.node.pointee.parent else { throw .decryptionFailed() }
        // libxml2 reads the plaintext in the document's encoding and compares a tag's attributes pairwise: count first.
        do {
            let encoding = document.doc.pointee.encoding.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            try MarkupScan.check(plaintext, limits: limits, depth: depth(of: context), encoding: encoding)
        } catch {
            throw .decryptionFailed()
        }
        let nodes = try parse(plaintext, in: context)
        var linked = false
        defer { if !linked { nodes.forEach { xmlFreeNode($0) } } }
        let elements = nodes.filter { $0.pointee.type == XML_ELEMENT_NODE }
        if type == .element {
            guard nodes.count == 1, elements.count == 1 else { throw .decryptionFailed() }
        }
        let check = TreeCheck(limits: limits, doc: document.doc)
        let depth = depth(of: context) + 1
        do {
            for node in nodes { try check.run(node, depth: depth) }
        } catch {
            throw .decryptionFailed()
        }
        // The nodes' IDs were registered by the check (refusing one the document already has), and discarding the
        // EncryptedData takes its own out: a registry that matched the tree still does.
        for node in nodes { xmlAddPrevSibling(encryptedData.node, node) }
        linked = true
        document.discard(encryptedData.node)
        return elements.map { XMLElement(node: $0, document: document) }
    }

    /// The nodes of a well-balanced chunk parsed with `context`'s namespaces in scope, unlinked from each other.
    /// Namespace-well-formed there: a prefix the plaintext uses but neither declares nor finds in scope at its
    /// destination (`wsu:Id` put back into a Body where wsu is not declared) would leave an unparsable document.
    private static func parse(_ bytes: [UInt8], in context: xmlNodePtr) throws(XMLError) -> [xmlNodePtr] {
        guard !bytes.isEmpty else { return [] }
        var list: xmlNodePtr?
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        // xmlParseInNodeContext makes its own parser context and returns only `wellFormed`, which a namespace error
        // leaves set; the error itself goes to this thread's structured handler, borrowed for the call.
        let errors = ParseErrorRecord()
        let savedHandler = __xmlStructuredError().pointee
        let savedContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(errors).toOpaque()) { data, error in
            guard let data, let error else { return }
            Unmanaged<ParseErrorRecord>.fromOpaque(data).takeUnretainedValue().record(error)
        }
        let result = withExtendedLifetime(errors) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlParseInNodeContext(context, $0, Int32(buffer.count), options, &list)
                }
            }
        }
        xmlSetStructuredErrorFunc(savedContext, savedHandler)
        guard result == XML_ERR_OK, errors.namespaceError == nil else {
            if let list { xmlFreeNodeList(list) }
            throw .decryptionFailed()
        }
        var nodes: [xmlNodePtr] = []
        var current = list
        while let node = current {
            current = node.pointee.next
            node.pointee.next = nil
            node.pointee.prev = nil
            node.pointee.parent = nil
            nodes.append(node)
        }
        return nodes
    }

    /// 1 for the root element, 0 for the document node.
    private static func depth(of node: xmlNodePtr) -> Int {
        var depth = 0
        var current: xmlNodePtr? = node
        while let c = current, c.pointee.type == XML_ELEMENT_NODE {
            depth += 1
            current = c.pointee.parent
        }
        return depth
    }
}
