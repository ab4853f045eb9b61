import CLibXML2

/// Finds every ds:Signature of a document (not those inside another Signature) while the verifier's first pass
/// streams by: its bytes, the namespaces in scope there, and where it is.
final class SignatureLocator: PassWatcher {
    struct Located {
        /// The offset of the start tag's `>` (or the `/` of `/>`); the tag starts at the last "<" before it.
        let startTagEnd: Int
        /// The offset just after the end tag.
        var end = 0
        let inScope: [(prefix: String?, uri: String)]
        let path: String
        let line: Int
        let depth: Int
    }

    private(set) var signatures: [Located] = []
    /// The depth of the Signature being read, while one is.
    private var open: Int?

    func start(_ tag: StartTag, pass: DocumentPass) throws(XMLError) {
        guard open == nil, tag.is("Signature", Namespace.dsig) else { return }
        open = tag.depth
        signatures.append(Located(startTagEnd: tag.offset, inScope: pass.scope.inScope, path: pass.path, line: tag.line, depth: tag.depth))
    }

    func end(_ tag: EndTag, pass: DocumentPass) throws(XMLError) {
        guard tag.depth == open else { return }
        signatures[signatures.count - 1].end = tag.offset
        open = nil
    }

    /// The Signature as a small document: its bytes inside a root element declaring the namespaces in scope where it is,
    /// so that its SignedInfo canonicalises as in the whole document.
    static func fragment(_ located: Located, in document: [UInt8], limits: ParseLimits) throws(XMLError) -> XMLElement {
        guard let start = document[...located.startTagEnd].lastIndex(of: UInt8(ascii: "<")), located.end > start else {
            throw XMLError(.signatureMalformed, "The Signature's tags could not be located in the document")
        }
        var text = Array("<context".utf8)
        for (prefix, uri) in located.inScope where prefix != nil || !uri.isEmpty {
            text += Array(" xmlns\(prefix.map { ":" + $0 } ?? "")=\"".utf8) + escaped(uri) + [UInt8(ascii: "\"")]
        }
        text += [UInt8(ascii: ">")] + document[start..<located.end] + Array("</context>".utf8)
        let fragment = try XMLDocument.parse(text, limits: limits)
        guard let signature = fragment.root?.children.first else { throw XMLError(.signatureMalformed, "The Signature could not be read") }
        return signature
    }

    private static func escaped(_ value: String) -> [UInt8] {
        Array(value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;").utf8)
    }
}
