import CLibXML2

/// libxml2 reading bytes into a tree: no network, no DTD loading, no entity substitution (no NOENT, no
/// NOBLANKS: whitespace is kept, signatures depend on it), namespace-well-formed, and the first error as the message.
enum DocumentReader {
    /// COMPACT keeps text shorter than 16 bytes (attribute values such as IDs, counts) inside its node instead of a
    /// separate allocation: about 3% of an attribute-dense tree, and libxml2 reads and frees such nodes itself.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                               | XML_PARSE_COMPACT.rawValue)

    /// Above this size the bytes are pushed in chunks: xmlCtxtReadMemory first copies all of them (libxml2 2.9),
    /// which for a large message is its size again in peak memory. Below it, reading is quicker.
    static let pushThreshold = 1 << 18

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(XMLError) -> xmlDocPtr {
        let push = bytes.count > pushThreshold
        guard let ctxt = push ? xmlCreatePushParserCtxt(nil, nil, nil, 0, nil) : xmlNewParserCtxt() else {
            throw XMLError(.libraryInit, "Out of memory")
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let errors = ParseErrorRecord()
        ctxt.pointee._private = Unmanaged.passUnretained(errors).toOpaque()
        ctxt.pointee.sax.pointee.serror = { data, error in
            guard let data, let error else { return }
            let ctxt = data.assumingMemoryBound(to: xmlParserCtxt.self)
            Unmanaged<ParseErrorRecord>.fromOpaque(ctxt.pointee._private).takeUnretainedValue().record(error)
        }
        let parsed: xmlDocPtr? = bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { base in
            guard push else { return xmlCtxtReadMemory(ctxt, base, Int32(bytes.count), nil, nil, options) }
            xmlCtxtUseOptions(ctxt, options)
            var offset = 0
            while offset < bytes.count, ctxt.pointee.wellFormed != 0, errors.namespaceError == nil {
                let length = min(1 << 16, bytes.count - offset)
                xmlParseChunk(ctxt, base + offset, Int32(length), 0)
                offset += length
            }
            errors.inputComplete = true
            xmlParseChunk(ctxt, nil, 0, 1)
            defer { ctxt.pointee.myDoc = nil }
            return ctxt.pointee.myDoc
        }
        guard let parsed, ctxt.pointee.wellFormed != 0, errors.namespaceError == nil else {
            if let parsed { xmlFreeDoc(parsed) }
            // Not well-formed: the first error, which may be a namespace one; only namespace-ill-formed: that error.
            throw ctxt.pointee.wellFormed == 0 ? errors.error : errors.namespaceError!
        }
        return parsed
    }
}
