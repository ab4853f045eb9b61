import CLibXML2

/// A streamed signature: the text of the ds:Signature and the byte offset in the unsigned document where it goes.
/// Writing the document around it gives the signed document without a second copy of a large message.
public struct SignatureInsertion: Sendable {
    /// Where the text goes in the unsigned document.
    public let offset: Int
    /// How many bytes of the document it replaces: 2 (the `/>` of an empty target element, which is opened), else 0.
    public let replacing: Int
    /// The text inserted: the Signature, and for an empty target element also `>` before it and the end tag after it.
    public let text: [UInt8]

    /// The signed document.
    public func applied(to document: [UInt8]) -> [UInt8] {
        var signed: [UInt8] = []
        signed.reserveCapacity(document.count + text.count)
        signed += document[..<offset]
        signed += text
        signed += document[(offset + replacing)...]
        return signed
    }

    /// Hands the signed document to `write` in three pieces; stops and returns false as soon as `write` does.
    public func write(_ document: [UInt8], into write: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        document.withUnsafeBytes { bytes in
            text.withUnsafeBytes { inserted in
                write(UnsafeRawBufferPointer(rebasing: bytes[..<offset])) && write(inserted)
                    && write(UnsafeRawBufferPointer(rebasing: bytes[(offset + replacing)...]))
            }
        }
    }

    /// Places `signature` in the target element `place` found, as its first or last child.
    init(_ document: [UInt8], place: PlacementFinder.Place, position: StreamingSigner.Position, signature: [UInt8]) throws(XMLError) {
        let tagEnd = place.startTagEnd
        if tagEnd + 1 < document.count, document[tagEnd] == UInt8(ascii: "/"), document[tagEnd + 1] == UInt8(ascii: ">") {
            offset = tagEnd
            replacing = 2
            text = [UInt8(ascii: ">")] + signature + Array("</\(place.qualifiedName)>".utf8)
            return
        }
        guard tagEnd < document.count, document[tagEnd] == UInt8(ascii: ">") else { throw Self.lost }
        replacing = 0
        text = signature
        switch position {
        case .firstChild:
            offset = tagEnd + 1
        case .lastChild:
            // The end tag is the last "<" before its end: no "<" can occur inside a tag.
            guard let end = place.endTagEnd, let open = document[..<end].lastIndex(of: UInt8(ascii: "<")),
                  open + 1 < end, document[open + 1] == UInt8(ascii: "/") else { throw Self.lost }
            offset = open
        }
    }

    private static var lost: XMLError { XMLError(.signingFailed, "The target element's tags could not be located in the document") }
}

/// Finds the element the Signature goes into while the signer's pass streams by.
final class PlacementFinder: PassWatcher {
    struct Place {
        let qualifiedName: String
        /// The offset of the start tag's `>`, or of the `/` of `/>`.
        let startTagEnd: Int
        /// The offset just after the end tag, once seen.
        var endTagEnd: Int?
        /// The namespaces in scope inside the element.
        let inScope: [(prefix: String?, uri: String)]
        /// Whether the element is, or is inside, an element being signed.
        let insideSignedElement: Bool
        let depth: Int
    }

    let target: StreamingSigner.Target
    private(set) var found: Place?

    init(_ target: StreamingSigner.Target) { self.target = target }

    func start(_ tag: StartTag, pass: DocumentPass) throws(XMLError) {
        guard found == nil else { return }
        switch target {
        case .id(let id): guard tag.hasID(Array(id.utf8)) else { return }
        case .firstNamed(let name, let namespace):
            guard xmlStrEqual(tag.localName, name) != 0, namespace.map({ ns in tag.uri.map { xmlStrEqual($0, ns) != 0 } ?? false }) ?? true
            else { return }
        case .root: guard tag.depth == 1 else { return }
        }
        let name = tag.prefix.map { string($0) + ":" } ?? ""
        found = Place(qualifiedName: name + string(tag.localName), startTagEnd: tag.offset, inScope: pass.scope.inScope,
                      insideSignedElement: pass.insideTarget, depth: tag.depth)
    }

    func end(_ tag: EndTag, pass: DocumentPass) throws(XMLError) {
        if let place = found, place.endTagEnd == nil, tag.depth == place.depth { found?.endTagEnd = tag.offset }
    }
}
