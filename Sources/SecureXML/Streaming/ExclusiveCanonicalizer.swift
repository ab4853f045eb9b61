import CLibXML2

/// Exclusive XML Canonicalization 1.0 without comments, with an optional InclusiveNamespaces PrefixList, of one
/// element's subtree, fed by streaming events. It writes the bytes libxml2's tree C14N (`Canonicalizer`) writes for
/// the same element, quirks included: the namespace rendering below follows libxml2's "rendered namespaces" stack
/// (`xmlExcC14NProcessNamespacesAxis`) step by step, which the differential tests hold it to.
final class ExclusiveCanonicalizer {
    /// The depth of the element whose subtree this is.
    let apexDepth: Int
    let output: CanonicalOutput
    /// The PrefixList; nil stands for the default namespace ("#default").
    private let inclusive: [String?]

    // The namespaces output ancestors rendered: entries [0, current); [previousStart, previousEnd) are the parent's.
    private var renderedPrefixes: [XMLName?] = []
    private var renderedURIs: [XMLName?] = []
    private var current = 0, previousStart = 0, previousEnd = 0
    private var saved: [(Int, Int, Int)] = []

    init(apexDepth: Int, inclusivePrefixes: [String], output: CanonicalOutput) {
        self.apexDepth = apexDepth
        self.output = output
        inclusive = inclusivePrefixes.map { $0 == "#default" || $0.isEmpty ? nil : $0 }
    }

    /// An element starts; `scope` already holds its own declarations.
    func start(_ tag: StartTag, scope: NamespaceScope) {
        saved.append((current, previousStart, previousEnd))
        output.write(UInt8(ascii: "<"))
        writeQName(tag.prefix, tag.localName)
        var list: [NamespaceScope.Binding] = []
        var hasEmpty = false, usesEmpty = false
        for prefix in inclusive {
            guard let ns = scope.lookup(named: prefix), !isXMLNamespace(ns) else { continue }
            if !find(ns.prefix, ns.uri, exclusive: false) { list.append(ns) }
            add(ns.prefix, ns.uri)
            if isEmpty(ns.prefix) { hasEmpty = true }
        }
        let own: NamespaceScope.Binding?
        if let uri = tag.uri { own = NamespaceScope.Binding(prefix: tag.prefix, uri: uri) } else {
            own = scope.lookup(nil)
            usesEmpty = true
        }
        if let ns = own, !isXMLNamespace(ns) {
            if !find(ns.prefix, ns.uri, exclusive: true) { list.append(ns) }
            add(ns.prefix, ns.uri)
            if isEmpty(ns.prefix) { hasEmpty = true }
        }
        for i in 0..<tag.attributeCount {
            guard let uri = tag.attributeURI(i) else { continue }
            let ns = NamespaceScope.Binding(prefix: tag.attributePrefix(i), uri: uri)
            if isXMLNamespace(ns) { continue }
            let already = find(ns.prefix, ns.uri, exclusive: true)
            add(ns.prefix, ns.uri)
            if !already { list.append(ns) }
        }
        // xmlns="" is written when an unqualified element sits below an output ancestor that rendered a default namespace.
        if !hasEmpty {
            let undeclare = inclusive.contains(nil) ? !find(nil, nil, exclusive: false) : usesEmpty && !find(nil, nil, exclusive: true)
            if undeclare { output.write(" xmlns=\"\"") }
        }
        list.sort { compare($0.prefix, $1.prefix) < 0 }
        for ns in list { writeNamespace(ns) }
        previousStart = previousEnd
        previousEnd = current
        writeAttributes(tag)
        output.write(UInt8(ascii: ">"))
    }

    /// An element ends; true when it is the apex (the canonical form is complete).
    func end(_ tag: EndTag) -> Bool {
        output.write("</")
        writeQName(tag.prefix, tag.localName)
        output.write(UInt8(ascii: ">"))
        (current, previousStart, previousEnd) = saved.removeLast()
        return tag.depth == apexDepth
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        escape(bytes, attribute: false)
    }

    func processingInstruction(target: XMLName, data: XMLName?) {
        output.write("<?")
        output.write(target)
        if let data, data.pointee != 0 {
            output.write(UInt8(ascii: " "))
            let bytes = UnsafeBufferPointer(start: data, count: Int(xmlStrlen(data)))
            var run = 0
            for (i, byte) in bytes.enumerated() where byte == 0x0D {
                output.write(UnsafeBufferPointer(rebasing: bytes[run..<i]))
                output.write("&#xD;")
                run = i + 1
            }
            output.write(UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        output.write("?>")
    }

    // MARK: namespaces (libxml2's xmlC14NVisibleNsStack)

    /// Whether an output ancestor rendered this prefix with this URI. libxml2's exclusive search looks at every entry;
    /// its inclusive one (for the PrefixList) only back to the parent's, except for the default namespace.
    private func find(_ prefix: XMLName?, _ uri: XMLName?, exclusive: Bool) -> Bool {
        let emptyDefault = isEmpty(prefix) && isEmpty(uri)
        let lowest = exclusive || emptyDefault ? 0 : previousStart
        var i = current - 1
        while i >= lowest {
            if sameText(prefix, renderedPrefixes[i]) { return sameText(uri, renderedURIs[i]) }
            i -= 1
        }
        return emptyDefault
    }

    private func add(_ prefix: XMLName?, _ uri: XMLName?) {
        if current < renderedPrefixes.count {
            renderedPrefixes[current] = prefix
            renderedURIs[current] = uri
        } else {
            renderedPrefixes.append(prefix)
            renderedURIs.append(uri)
        }
        current += 1
    }

    /// libxml2's xmlBufWriteQuotedString: quotes that fit, `&quot;` only when both kinds occur, nothing else escaped.
    private func writeNamespace(_ ns: NamespaceScope.Binding) {
        if let prefix = ns.prefix {
            output.write(" xmlns:")
            output.write(prefix)
            output.write(UInt8(ascii: "="))
        } else {
            output.write(" xmlns=")
        }
        let uri = UnsafeBufferPointer(start: ns.uri, count: Int(xmlStrlen(ns.uri)))
        let double = uri.contains(UInt8(ascii: "\"")), single = uri.contains(UInt8(ascii: "'"))
        let quote = double && !single ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        output.write(quote)
        if double && single {
            for byte in uri {
                if byte == UInt8(ascii: "\"") { output.write("&quot;") } else { output.write(byte) }
            }
        } else {
            output.write(uri)
        }
        output.write(quote)
    }

    // MARK: attributes and text

    /// Unqualified attributes first, then by namespace URI, then by local name (xmlC14NAttrsCompare).
    private func writeAttributes(_ tag: StartTag) {
        var order = Array(0..<tag.attributeCount)
        if order.count > 1 {
            order.sort { a, b in
                let uriA = tag.attributeURI(a), uriB = tag.attributeURI(b)
                if uriA != nil || uriB != nil {
                    guard let uriA else { return true }
                    guard let uriB else { return false }
                    let byURI = compare(uriA, uriB)
                    if byURI != 0 { return byURI < 0 }
                }
                return compare(tag.attributeName(a), tag.attributeName(b)) < 0
            }
        }
        for i in order {
            output.write(UInt8(ascii: " "))
            writeQName(tag.attributePrefix(i), tag.attributeName(i))
            output.write("=\"")
            tag.withAttributeValue(i) { escape($0, attribute: true) }
            output.write(UInt8(ascii: "\""))
        }
    }

    /// Canonical XML's escaping of text (& < > CR) or of attribute values (& < " TAB LF CR).
    private func escape(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool) {
        var run = 0
        for i in 0..<bytes.count {
            let replacement: StaticString
            switch bytes[i] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">") where !attribute: replacement = "&gt;"
            case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
            case 0x09 where attribute: replacement = "&#x9;"
            case 0x0A where attribute: replacement = "&#xA;"
            case 0x0D: replacement = "&#xD;"
            default: continue
            }
            if run < i { output.write(UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            output.write(replacement)
            run = i + 1
        }
        if run < bytes.count { output.write(UnsafeBufferPointer(rebasing: bytes[run...])) }
    }

    private func writeQName(_ prefix: XMLName?, _ name: XMLName) {
        if let prefix, prefix.pointee != 0 {
            output.write(prefix)
            output.write(UInt8(ascii: ":"))
        }
        output.write(name)
    }

    private func isXMLNamespace(_ ns: NamespaceScope.Binding) -> Bool {
        guard let prefix = ns.prefix else { return false }
        return xmlStrEqual(prefix, "xml") != 0 && xmlStrEqual(ns.uri, IDAttribute.xmlNamespace) != 0
    }
}

private func isEmpty(_ text: XMLName?) -> Bool { text.map { $0.pointee == 0 } ?? true }

/// xmlStrcmp: byte order, nil first.
private func compare(_ a: XMLName?, _ b: XMLName?) -> Int32 {
    if a == b { return 0 }
    guard let a else { return -1 }
    guard let b else { return 1 }
    return xmlStrcmp(a, b)
}
