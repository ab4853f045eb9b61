import CLibXML2

/// Writes a document as it is (no reformatting) straight into one Swift array, so that serialising a large
/// document costs its size once, not a doubling libxml2 buffer plus a copy.
enum Serializer {
    private final class Sink {
        var bytes: [UInt8] = []
    }

    static func write(_ doc: xmlDocPtr, declaration: Bool, capacity: Int) -> [UInt8] {
        let sink = Sink()
        sink.bytes.reserveCapacity(capacity)
        // The declaration and its newline are one piece in libxml2's output, so leaving it out keeps the rest as is.
        let options = Int32(XML_SAVE_AS_XML.rawValue | (declaration ? 0 : XML_SAVE_NO_DECL.rawValue))
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let save = xmlSaveToIO({ context, buffer, length in
            guard let context, let buffer, length > 0 else { return length }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(length)))
            }
            return length
        }, nil, context, "UTF-8", options)
        guard let save else { return [] }
        xmlSaveDoc(save, doc)
        xmlSaveClose(save)
        return withExtendedLifetime(sink) { sink.bytes }
    }
}
