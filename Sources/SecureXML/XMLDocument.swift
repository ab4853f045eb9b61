import CLibXML2
import CShims

/// A parsed or built XML document owned by libxml2. Not thread-safe: use from one task at a time.
public final class XMLDocument {
    let doc: xmlDocPtr

    /// Nodes taken out of the tree (``discard(_:)``), freed with the document: an element held from before a
    /// decryption replaced it (an EncryptedData a signature covered) never reads freed memory, and its address is
    /// never a new node's, which would make that node compare equal to it (as signed, say).
    private var discarded: [xmlNodePtr] = []

    init(doc: xmlDocPtr) { self.doc = doc }
    deinit {
        // Before the document: freeing a node reads its dictionary and ID table.
        discarded.forEach { xmlFreeNode($0) }
        xmlFreeDoc(doc)
    }

    /// Takes `node` (with its subtree) out of the tree for good. Its IDs leave the registry, as freeing it would do,
    /// so a registry that matched the tree still does.
    func discard(_ node: xmlNodePtr) {
        xmlUnlinkNode(node)
        var pending = [node]
        while let current = pending.popLast() {
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            var attr = current.pointee.properties
            while let a = attr {
                if a.pointee.atype == XML_ATTRIBUTE_ID { xmlRemoveID(doc, a) }
                attr = a.pointee.next
            }
            var child = current.pointee.children
            while let c = child {
                pending.append(c)
                child = c.pointee.next
            }
        }
        discarded.append(node)
    }

    /// Parses bytes safely: no network, no DTD (a DOCTYPE is an error), no entity substitution, bounded size, depth,
    /// attributes and text; registers the ID attributes and refuses a document where one ID appears twice.
    /// Whitespace and comments are kept, so serialising gives back the same text.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) throws(XMLError) -> XMLDocument {
        try bytes.withUnsafeBufferPointer { (bytes) throws(XMLError) in try parse(bytes, limits: limits) }
    }

    /// `parse` of bytes held elsewhere (a message's `Data`), without copying them first.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: ParseLimits = .default) throws(XMLError) -> XMLDocument {
        try XMLLibrary.ensure()
        guard !bytes.isEmpty else { throw XMLError(.empty, "The document is empty") }
        try limits.checkSize(bytes.count)
        // Before libxml2: its start-tag parser is quadratic in the attributes of a tag.
        try MarkupScan.check(bytes, limits: limits)
        let parsed = try DocumentReader.read(bytes)
        let document = XMLDocument(doc: parsed)
        document.parsedSize = bytes.count
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            throw XMLError(.doctypeForbidden, "A DOCTYPE is not allowed (DTDs and entities are refused)")
        }
        guard let root = xmlDocGetRootElement(parsed) else { throw XMLError(.empty, "The document has no root element") }
        // Limits libxml2 does not enforce, and the ID registry every reference resolves through.
        let check = TreeCheck(limits: limits, doc: parsed)
        try check.checkTopLevel()
        try check.run(root, depth: 1)
        document.idsCurrent = true
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

    /// The same bytes as `serialized()`, handed to `write` piece by piece (about 4 KB each) instead of gathered in one
    /// array: a large message goes to a file or socket without a second copy in memory. Stops as soon as `write`
    /// returns false, and then returns false.
    public func serialize(into write: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        withoutActuallyEscaping(write) { Serializer.write(doc, declaration: hadDeclaration, chunk: $0) }
    }

    /// The size of the parsed text: output of about that size is reserved at once instead of grown by doubling.
    var parsedSize = 0

    /// True while the ID registry matches the tree: set by the walk that registers IDs (parse, `registerIDs`), cleared
    /// by every edit this module makes that can add an ID, so signing and verifying a freshly parsed document do not
    /// walk it twice. Decrypting keeps it: the plaintext's IDs are registered as it goes in, the EncryptedData's leave.
    var idsCurrent = false

    /// Whether the source text began with an XML declaration (libxml2 always writes one).
    var hadDeclaration = true

    /// Parses and remembers whether the text had a declaration, for files edited in place.
    public static func parseForEditing(_ bytes: [UInt8], limits: ParseLimits = .default) throws(XMLError) -> XMLDocument {
        try bytes.withUnsafeBufferPointer { (bytes) throws(XMLError) in try parseForEditing(bytes, limits: limits) }
    }

    /// `parseForEditing` of bytes held elsewhere, without copying them first.
    public static func parseForEditing(_ bytes: UnsafeBufferPointer<UInt8>, limits: ParseLimits = .default) throws(XMLError) -> XMLDocument {
        let document = try parse(bytes, limits: limits)
        document.hadDeclaration = bytes.drop(while: { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }).starts(with: "<?xml".utf8)
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
