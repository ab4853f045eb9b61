import CLibXML2

/// Reads a document with libxml2's SAX2 push parser, never building a tree: events go to a `StreamHandler` as the
/// bytes are read, in 64 KB pieces, so memory stays bounded whatever the size.
///
/// The same safety as `DocumentReader` and `TreeCheck`: no network, no DTD (a DOCTYPE is an error, so no entity is ever
/// declared), no entity substitution, namespace-well-formed, and the same `ParseLimits` on size, depth, attributes and text.
final class StreamingParser {
    private let limits: ParseLimits
    private let handler: StreamHandler
    private var context: xmlParserCtxtPtr?
    private var depth = 0
    /// Bytes of the character data run so far (libxml2 delivers one text node in several pieces).
    private var textRun = 0
    private var failure: XMLError?
    private let errors = ParseErrorRecord()

    private init(limits: ParseLimits, handler: StreamHandler) {
        self.limits = limits
        self.handler = handler
    }

    /// Parses `bytes` from start to end, handing every event to `handler`; throws the first error, the handler's included.
    static func run(_ bytes: [UInt8], limits: ParseLimits, handler: StreamHandler) throws(XMLError) {
        try XMLLibrary.ensure()
        guard !bytes.isEmpty else { throw XMLError(.empty, "The document is empty") }
        try limits.checkSize(bytes.count)
        // Before libxml2: its start-tag parser is quadratic in the attributes of a tag, before any event reaches us.
        try MarkupScan.check(bytes, limits: limits)
        let parser = StreamingParser(limits: limits, handler: handler)
        var sax = Self.makeHandlers()
        guard let context = xmlCreatePushParserCtxt(&sax, Unmanaged.passUnretained(parser).toOpaque(), nil, 0, nil) else {
            throw XMLError(.libraryInit, "Out of memory")
        }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        parser.context = context
        withExtendedLifetime(parser) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                    var offset = 0
                    while offset < buffer.count, context.pointee.wellFormed != 0, parser.failure == nil {
                        let length = min(1 << 16, buffer.count - offset)
                        xmlParseChunk(context, base + offset, Int32(length), 0)
                        offset += length
                    }
                    if parser.failure == nil {
                        parser.errors.inputComplete = true
                        xmlParseChunk(context, nil, 0, 1)
                    }
                }
            }
        }
        if let failure = parser.failure { throw failure }
        guard context.pointee.wellFormed != 0 else {
            throw parser.errors.error
        }
        if let namespaceError = parser.errors.namespaceError { throw namespaceError }
        guard parser.depth == 0 else { throw XMLError(.empty, "The document has no root element") }
    }

    // MARK: events

    private func startElement(_ localName: XMLName, _ prefix: XMLName?, _ uri: XMLName?, _ namespaceCount: Int32,
                              _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ attributeCount: Int32,
                              _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) throws(XMLError) {
        guard let context else { return }
        // Offsets count input bytes only while libxml2 reads UTF-8 as is; a transcoded document has none.
        if let input = context.pointee.input, input.pointee.buf?.pointee.encoder != nil {
            throw XMLError(.streamingUnsupported, "Only UTF-8 documents are signed and verified as a stream")
        }
        depth += 1
        textRun = 0
        let line = Int(xmlSAX2GetLineNumber(context))
        if depth > limits.maxDepth {
            throw XMLError(.tooDeep, "The document nests deeper than \(limits.maxDepth) elements", line: line)
        }
        let count = Int(namespaceCount) + Int(attributeCount)
        if count > limits.maxAttributes {
            throw XMLError(.tooManyAttributes, "An element has \(count) attributes; the limit is \(limits.maxAttributes)", line: line)
        }
        let tag = StartTag(localName: localName, prefix: prefix, uri: uri, namespaceCount: Int(namespaceCount), namespaces: namespaces,
                           attributeCount: Int(attributeCount), attributes: attributes, depth: depth,
                           offset: Int(xmlByteConsumed(context)), line: line)
        for i in 0..<tag.attributeCount where tag.attributeValueLength(i) > limits.maxTextBytes { throw textTooLarge() }
        try handler.start(tag)
    }

    private func endElement(_ localName: XMLName, _ prefix: XMLName?) throws(XMLError) {
        guard let context else { return }
        textRun = 0
        try handler.end(EndTag(localName: localName, prefix: prefix, depth: depth, offset: Int(xmlByteConsumed(context))))
        depth -= 1
    }

    private func characters(_ bytes: UnsafePointer<xmlChar>, _ length: Int32, cdata: Bool) throws(XMLError) {
        if cdata { textRun = 0 }
        textRun += Int(length)
        if textRun > limits.maxTextBytes { throw textTooLarge() }
        handler.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }

    private func processingInstruction(_ target: XMLName, _ data: XMLName?) throws(XMLError) {
        textRun = 0
        if let data, Int(xmlStrlen(data)) > limits.maxTextBytes { throw textTooLarge() }
        handler.processingInstruction(target: target, data: data)
    }

    private func textTooLarge() -> XMLError {
        XMLError(.textTooLarge, "A text or attribute value is longer than \(limits.maxTextBytes) bytes",
                 line: context.map { Int(xmlSAX2GetLineNumber($0)) })
    }

    /// Runs an event; the first error stops the parser and is thrown when `run` returns. A namespace error, which
    /// libxml2 only reports, stops it at the next event: the element with the undeclared prefix never reaches the handler.
    private func guarded(_ body: () throws(XMLError) -> Void) {
        guard failure == nil else { return }
        do throws(XMLError) {
            if let namespaceError = errors.namespaceError { throw namespaceError }
            try body()
        } catch {
            failure = error
            if let context { xmlStopParser(context) }
        }
    }

    private static func instance(_ pointer: UnsafeMutableRawPointer?) -> StreamingParser {
        Unmanaged<StreamingParser>.fromOpaque(pointer!).takeUnretainedValue()
    }

    private static func makeHandlers() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { user, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            let parser = StreamingParser.instance(user)
            parser.guarded { () throws(XMLError) in
                try parser.startElement(localName!, prefix, uri, namespaceCount, namespaces, attributeCount, attributes)
            }
        }
        sax.endElementNs = { user, localName, prefix, _ in
            let parser = StreamingParser.instance(user)
            parser.guarded { () throws(XMLError) in try parser.endElement(localName!, prefix) }
        }
        sax.characters = { user, bytes, length in
            let parser = StreamingParser.instance(user)
            parser.guarded { () throws(XMLError) in try parser.characters(bytes!, length, cdata: false) }
        }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = { user, bytes, length in
            let parser = StreamingParser.instance(user)
            parser.guarded { () throws(XMLError) in try parser.characters(bytes!, length, cdata: true) }
        }
        sax.processingInstruction = { user, target, data in
            let parser = StreamingParser.instance(user)
            parser.guarded { () throws(XMLError) in try parser.processingInstruction(target!, data) }
        }
        sax.internalSubset = { user, _, _, _ in
            StreamingParser.instance(user).guarded { () throws(XMLError) in
                throw XMLError(.doctypeForbidden, "A DOCTYPE is not allowed (DTDs and entities are refused)")
            }
        }
        sax.externalSubset = sax.internalSubset
        sax.reference = { user, _ in
            StreamingParser.instance(user).guarded { () throws(XMLError) in throw XMLError(.doctypeForbidden, "Entity references are not allowed") }
        }
        sax.serror = { user, error in
            guard let user, let error else { return }
            StreamingParser.instance(user).errors.record(error)
        }
        return sax
    }
}
