import CLibXML2

/// libxml2 reading bytes into a tree: no network, no DTD loading, no entity substitution (no NOENT, no
/// NOBLANKS: whitespace is kept, signatures depend on it), and the first error as the message.
enum DocumentReader {
    /// COMPACT keeps text shorter than 16 bytes (attribute values such as IDs, counts) inside its node instead of a
    /// separate allocation: about 3% of an attribute-dense tree, and libxml2 reads and frees such nodes itself.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                               | XML_PARSE_COMPACT.rawValue)

    /// Above this size the bytes are pushed in chunks: xmlCtxtReadMemory first copies all of them (libxml2 2.9),
    /// which for a large message is its size again in peak memory. Below it, reading is quicker.
    static let pushThreshold = 1 << 18

    static func read(_ bytes: [UInt8]) throws(XMLError) -> xmlDocPtr {
        let push = bytes.count > pushThreshold
        guard let ctxt = push ? xmlCreatePushParserCtxt(nil, nil, nil, 0, nil) : xmlNewParserCtxt() else {
            throw XMLError(.libraryInit, "Out of memory")
        }
        defer { xmlFreeParserCtxt(ctxt) }
        // libxml2 keeps only its last error ("premature end of data"); the first one says what went wrong.
        let first = FirstParseError()
        ctxt.pointee._private = Unmanaged.passUnretained(first).toOpaque()
        ctxt.pointee.sax.pointee.serror = { data, error in
            guard let data, let error else { return }
            let ctxt = data.assumingMemoryBound(to: xmlParserCtxt.self)
            let first = Unmanaged<FirstParseError>.fromOpaque(ctxt.pointee._private).takeUnretainedValue()
            if first.message == nil {
                first.message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
                first.line = Int(error.pointee.line)
            }
        }
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                guard push else { return xmlCtxtReadMemory(ctxt, base, Int32(buffer.count), nil, nil, options) }
                xmlCtxtUseOptions(ctxt, options)
                var offset = 0
                while offset < buffer.count, ctxt.pointee.wellFormed != 0 {
                    let length = min(1 << 16, buffer.count - offset)
                    xmlParseChunk(ctxt, base + offset, Int32(length), 0)
                    offset += length
                }
                xmlParseChunk(ctxt, nil, 0, 1)
                defer { ctxt.pointee.myDoc = nil }
                return ctxt.pointee.myDoc
            }
        }
        guard let parsed, ctxt.pointee.wellFormed != 0 else {
            if let parsed { xmlFreeDoc(parsed) }
            let text = first.message ?? "not well-formed"
            throw XMLError(.malformed, String(text.reversed().drop(while: \.isWhitespace).reversed()), line: first.line)
        }
        return parsed
    }
}

/// The first error libxml2 reports during one parse.
private final class FirstParseError {
    var message: String?
    var line: Int?
}
