import CLibXML2
import CShims

/// A parsed or built XML document owned by libxml2. Not thread-safe: use from one task at a time.
public final class XMLDocument {
    let doc: xmlDocPtr

    init(doc: xmlDocPtr) { self.doc = doc }
    deinit { xmlFreeDoc(doc) }

    /// Parses bytes safely: no network, no DTD (a DOCTYPE is an error), no entity substitution, bounded size, depth,
    /// attributes and text; registers the ID attributes and refuses a document where one ID appears twice.
    /// Whitespace and comments are kept, so serialising gives back the same text.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) throws(XMLError) -> XMLDocument {
        try XMLLibrary.ensure()
        guard !bytes.isEmpty else { throw XMLError(.empty, "The document is empty") }
        guard bytes.count <= limits.maxBytes else {
            throw XMLError(.tooLarge, "The document is \(bytes.count) bytes; the limit is \(limits.maxBytes)")
        }
        // A push parser reads the caller's bytes in chunks; xmlCtxtReadMemory would first copy all of them (libxml2 2.9).
        guard let ctxt = xmlCreatePushParserCtxt(nil, nil, nil, 0, nil) else { throw XMLError(.libraryInit, "Out of memory") }
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
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(ctxt, options)
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { base in
                var offset = 0
                while offset < buf.count, ctxt.pointee.wellFormed != 0 {
                    let length = min(1 << 16, buf.count - offset)
                    xmlParseChunk(ctxt, base + offset, Int32(length), 0)
                    offset += length
                }
                xmlParseChunk(ctxt, nil, 0, 1)
            }
        }
        let parsed = ctxt.pointee.myDoc
        ctxt.pointee.myDoc = nil
        guard let parsed, ctxt.pointee.wellFormed != 0 else {
            if let parsed { xmlFreeDoc(parsed) }
            let text = first.message ?? "not well-formed"
            throw XMLError(.malformed, String(text.reversed().drop(while: \.isWhitespace).reversed()), line: first.line)
        }
        let document = XMLDocument(doc: parsed)
        document.parsedSize = bytes.count
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            throw XMLError(.doctypeForbidden, "A DOCTYPE is not allowed (DTDs and entities are refused)")
        }
        guard let root = xmlDocGetRootElement(parsed) else { throw XMLError(.empty, "The document has no root element") }
        // Limits libxml2 does not enforce, and the ID registry every reference resolves through.
        try TreeCheck(limits: limits, doc: parsed).run(root, depth: 1)
        return document
    }

    /// A new document whose root element is `name` in `namespace` (declared with `prefix`, or as default).
    public convenience init(root name: String, namespace: String? = nil, prefix: String? = nil) {
        _ = XMLLibrary.initialised
        let doc = xmlNewDoc("1.0")!
        self.init(doc: doc)
        let node = xmlNewDocNode(doc, nil, name, nil)!
        xmlDocSetRootElement(doc, node)
        if let namespace { xmlSetNs(node, xmlNewNs(node, namespace, prefix)) }
    }

    /// The root element.
    public var root: XMLElement? {
        xmlDocGetRootElement(doc).map { XMLElement(node: $0, document: self) }
    }

    /// The document as bytes, exactly as parsed plus any edits: no reformatting, no added declaration
    /// unless the source had one.
    public func serialized() -> [UInt8] {
        Serializer.write(doc, declaration: hadDeclaration, capacity: parsedSize + parsedSize / 8 + 4096)
    }

    /// The size of the parsed text: output of about that size is reserved at once instead of grown by doubling.
    var parsedSize = 0

    /// Whether the source text began with an XML declaration (libxml2 always writes one).
    var hadDeclaration = true

    /// Parses and remembers whether the text had a declaration, for files edited in place.
    public static func parseForEditing(_ bytes: [UInt8], limits: ParseLimits = .default) throws(XMLError) -> XMLDocument {
        let document = try parse(bytes, limits: limits)
        document.hadDeclaration = bytes.drop(while: { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }).starts(with: Array("<?xml".utf8))
        return document
    }
}

extension XMLDocument {
    /// The document indented for people; only for documents built here, never for signed or edited ones.
    public func serializedIndented() -> [UInt8] {
        var out: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpFormatMemoryEnc(doc, &out, &size, "UTF-8", 1)
        guard let out else { return [] }
        defer { cs_xmlFree(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(size)))
    }
}

/// The first error libxml2 reports during one parse.
private final class FirstParseError {
    var message: String?
    var line: Int?
}
