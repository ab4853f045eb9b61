import CLibXML2
import CShims

/// Writes a document as it is (no reformatting), either straight into one Swift array, so that serialising a large
/// document costs its size once, not a doubling libxml2 buffer plus a copy; or chunk by chunk to a caller, so that
/// it costs no copy at all.
enum Serializer {
    private final class Sink {
        var bytes: [UInt8] = []
        let chunk: ((UnsafeRawBufferPointer) -> Bool)?
        init(chunk: ((UnsafeRawBufferPointer) -> Bool)?) { self.chunk = chunk }

        /// Takes one piece; false when the caller's `chunk` stopped the writing.
        func take(_ piece: UnsafeRawBufferPointer) -> Bool {
            guard let chunk else {
                bytes.append(contentsOf: piece)
                return true
            }
            return chunk(piece)
        }
    }

    static func write(_ doc: xmlDocPtr, declaration: Bool, capacity: Int) -> [UInt8] {
        let sink = Sink(chunk: nil)
        sink.bytes.reserveCapacity(capacity)
        run(doc, declaration: declaration, sink: sink)
        return sink.bytes
    }

    /// Hands the text to `chunk` piece by piece (libxml2's 4 KB buffer); false from `chunk` stops the writing.
    /// Returns false when it stopped.
    static func write(_ doc: xmlDocPtr, declaration: Bool, chunk: @escaping (UnsafeRawBufferPointer) -> Bool) -> Bool {
        run(doc, declaration: declaration, sink: Sink(chunk: chunk))
    }

    /// `element` alone, with its namespace declarations, in UTF-8: what lies around it (comments, processing
    /// instructions, the declaration) is left out.
    static func write(element: xmlNodePtr, of doc: xmlDocPtr) -> [UInt8] {
        let sink = Sink(chunk: nil)
        run(doc, declaration: false, element: element, sink: sink)
        return sink.bytes
    }

    @discardableResult
    private static func run(_ doc: xmlDocPtr, declaration: Bool, element: xmlNodePtr? = nil, sink: Sink) -> Bool {
        let context = Unmanaged.passUnretained(sink).toOpaque()
        if element == nil {
            // The same bytes as below, written by CShims in one piece (cshims_xml_save.h); what it leaves to
            // libxml2 (a DTD, say) goes on below, untouched.
            let written = cs_xml_save_doc(doc, declaration ? 1 : 0, { context, bytes, length in
                guard let context, let bytes else { return 0 }
                let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
                return sink.take(UnsafeRawBufferPointer(start: bytes, count: length)) ? 0 : 1
            }, context)
            if written != Int32(CS_SAVE_UNSUPPORTED) {
                return withExtendedLifetime(sink) { written == Int32(CS_SAVE_WRITTEN) }
            }
        }
        // The declaration and its newline are one piece in libxml2's output, so leaving it out keeps the rest as is.
        let options = Int32(XML_SAVE_AS_XML.rawValue | (declaration ? 0 : XML_SAVE_NO_DECL.rawValue))
        let save = xmlSaveToIO({ context, buffer, length in
            guard let context, let buffer, length > 0 else { return length }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            return sink.take(UnsafeRawBufferPointer(start: buffer, count: Int(length))) ? length : -1
        }, nil, context, "UTF-8", options)
        guard let save else { return false }
        let saved = element.map { xmlSaveTree(save, $0) } ?? xmlSaveDoc(save, doc)
        // xmlSaveClose flushes the last piece and reports a failed write as a negative count.
        let closed = xmlSaveClose(save)
        return withExtendedLifetime(sink) { saved >= 0 && closed >= 0 }
    }
}
