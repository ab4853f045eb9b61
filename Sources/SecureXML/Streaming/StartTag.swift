import CLibXML2

/// What the streaming parser hands on, in document order. Names and namespace URIs are libxml2 dictionary strings,
/// valid until the parse ends; values and text only during the call.
protocol StreamHandler: AnyObject {
    func start(_ tag: StartTag) throws(XMLError)
    func end(_ tag: EndTag) throws(XMLError)
    /// Character data (text or CDATA, already decoded), possibly in several pieces.
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
    func processingInstruction(target: UnsafePointer<xmlChar>, data: UnsafePointer<xmlChar>?)
}

typealias XMLName = UnsafePointer<xmlChar>

/// An element's start tag as SAX2 reports it.
struct StartTag {
    let localName: XMLName
    let prefix: XMLName?
    /// The namespace URI, nil for none.
    let uri: XMLName?
    /// Prefix/URI pairs declared on this element (a nil prefix is the default namespace).
    let namespaceCount: Int
    let namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let attributeCount: Int
    /// Five pointers per attribute: local name, prefix, URI, value start, value end.
    let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    /// Nesting depth, 1 for the root element.
    let depth: Int
    /// Byte offset of the tag's `>` (or of the `/` of `/>`) in the input.
    let offset: Int
    let line: Int

    func namespacePrefix(_ i: Int) -> XMLName? { namespaces![2 * i] }
    /// The URI declared (empty for `xmlns=""`).
    func namespaceURI(_ i: Int) -> XMLName? { namespaces![2 * i + 1] }

    func attributeName(_ i: Int) -> XMLName { attributes![5 * i]! }
    func attributePrefix(_ i: Int) -> XMLName? { attributes![5 * i + 1] }
    func attributeURI(_ i: Int) -> XMLName? { attributes![5 * i + 2] }

    /// The attribute value as the tree holds it. With entity substitution off, libxml2 passes a `&` of the source
    /// (written `&amp;` or `&#38;`) on as the text `&#38;`, to be decoded by whoever builds the tree: done here.
    func attributeValue(_ i: Int) -> [UInt8] {
        guard let start = attributes![5 * i + 3], let end = attributes![5 * i + 4] else { return [] }
        let raw = UnsafeBufferPointer(start: start, count: end - start)
        guard raw.contains(UInt8(ascii: "&")) else { return Array(raw) }
        var value: [UInt8] = []
        value.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "&"), i + 5 <= raw.count, Array(raw[i..<i + 5]) == ampersandReference {
                value.append(UInt8(ascii: "&"))
                i += 5
            } else {
                value.append(raw[i])
                i += 1
            }
        }
        return value
    }

    /// Calls `body` with the attribute value as the tree holds it: the bytes in the parser's buffer unless a `&` needs decoding.
    func withAttributeValue<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let start = attributes![5 * i + 3], let end = attributes![5 * i + 4] {
            let raw = UnsafeBufferPointer(start: start, count: end - start)
            if !raw.contains(UInt8(ascii: "&")) { return body(raw) }
        }
        return attributeValue(i).withUnsafeBufferPointer(body)
    }

    func attributeValueLength(_ i: Int) -> Int {
        guard let start = attributes![5 * i + 3], let end = attributes![5 * i + 4] else { return 0 }
        return end - start
    }

    /// The element's ID attributes (wsu:Id, Id, ID, xml:id; see `IDAttribute`) with a value: each value, and the
    /// attribute's name as messages say it. Usually one; the tree registers every one, so the stream does too.
    var idAttributes: [(value: [UInt8], label: String)] {
        var found: [(value: [UInt8], label: String)] = []
        for i in 0..<attributeCount {
            guard let label = IDAttribute.label(name: attributeName(i), uri: attributeURI(i)) else { continue }
            let value = attributeValue(i)
            if !value.isEmpty { found.append((value, label)) }
        }
        return found
    }

    /// True when one of the element's ID attributes has this value.
    func hasID(_ value: [UInt8]) -> Bool { idAttributes.contains { $0.value == value } }

    /// True when the element has this local name and namespace (nil: no namespace).
    func `is`(_ name: String, _ namespace: String?) -> Bool {
        // Asked of every start tag of a streamed document.
        guard withXMLString(name, { xmlStrEqual(localName, $0) }) != 0 else { return false }
        guard let uri else { return namespace == nil }
        return namespace.map { withXMLString($0) { xmlStrEqual(uri, $0) } != 0 } ?? false
    }
}

/// An element's end tag.
struct EndTag {
    let localName: XMLName
    let prefix: XMLName?
    let depth: Int
    /// Byte offset just after the end tag's `>` (after `/>` for an empty element).
    let offset: Int
}

private let ampersandReference = Array("&#38;".utf8)

/// The text of a libxml2 string.
func string(_ name: XMLName) -> String { String(cString: name) }

/// True when two libxml2 strings hold the same text; nil and "" are equal (as C14N treats them).
func sameText(_ a: XMLName?, _ b: XMLName?) -> Bool {
    if a == b { return true }
    guard let a else { return b!.pointee == 0 }
    guard let b else { return a.pointee == 0 }
    return xmlStrEqual(a, b) != 0
}
