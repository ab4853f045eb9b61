import CLibXML2

extension XMLDocument {
    /// Refuses a processing instruction inside the root element, for a document whose root alone is used (a payload
    /// put into a SOAP Body by `message envelope`): its prolog and epilogue are left behind, so instructions there are
    /// not refused, as ``ParseLimits/allowsProcessingInstructions`` would. The error names the line and, when `source`
    /// (the bytes this document was parsed from) is in UTF-8 or an ASCII-based encoding, the column; never the text.
    public func refuseProcessingInstructionsInRoot(source: [UInt8]) throws(XMLError) {
        guard let root = xmlDocGetRootElement(doc), let node = Self.firstProcessingInstruction(in: root) else { return }
        let sentence = "A processing instruction (<?...?>) is not allowed in the element: SOAP forbids them in a message"
        let encoding = doc.pointee.encoding.map { String(cString: $0).uppercased() }
        if let place = ProcessingInstructionPlace.firstInsideRoot(source, utf8: encoding == nil || encoding == "UTF-8" || encoding == "UTF8") {
            throw XMLError(.processingInstructionForbidden, sentence + " (column \(place.column))", line: place.line)
        }
        let line = xmlGetLineNo(node)
        throw XMLError(.processingInstructionForbidden, sentence, line: line > 0 ? Int(line) : nil)
    }

    /// The first processing instruction below `top`, in document order.
    private static func firstProcessingInstruction(in top: xmlNodePtr) -> xmlNodePtr? {
        var pending = [top]
        while let node = pending.popLast() {
            if node.pointee.type == XML_PI_NODE { return node }
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let c = child { children.append(c); child = c.pointee.next }
            pending += children.reversed()
        }
        return nil
    }
}

/// Where the first processing instruction inside the root element of a well-formed document's bytes starts: libxml2
/// keeps a node's line, not its column, and the line it keeps for an instruction is where the instruction ends.
enum ProcessingInstructionPlace {
    /// Line and column (1-based; the column in characters, as libxml2 counts them in its errors) of the `<?` of the
    /// first processing instruction inside the root element; nil when there is none, or when the bytes are UTF-16
    /// (the scan reads ASCII-based text). `utf8`: whether a character may take several bytes (else one byte each).
    static func firstInsideRoot(_ bytes: [UInt8], utf8: Bool) -> (line: Int, column: Int)? {
        guard let offset = firstOffsetInsideRoot(bytes) else { return nil }
        let lineStart = bytes[..<offset].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let line = bytes[..<offset].count { $0 == UInt8(ascii: "\n") } + 1
        // A UTF-8 character is one lead byte and its continuation bytes (10xxxxxx).
        let characters = utf8 ? bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 } : offset - lineStart
        return (line, characters + 1)
    }

    /// The offset of that `<?`. The bytes are well-formed XML (the parser read them): text holds no `<`, so each `<`
    /// starts markup; comments and CDATA sections may hold `<?`, and attribute values `>`.
    private static func firstOffsetInsideRoot(_ bytes: [UInt8]) -> Int? {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) || bytes[0] == 0 || bytes[1] == 0 {
            return nil
        }
        func starts(_ text: String, at index: Int) -> Bool { bytes[index...].starts(with: text.utf8) }
        func end(of closer: String, from index: Int) -> Int {
            var i = index
            while i < bytes.count, !starts(closer, at: i) { i += 1 }
            return min(bytes.count, i + closer.utf8.count)
        }
        var depth = 0, i = 0
        while let lt = bytes[i...].firstIndex(of: UInt8(ascii: "<")) {
            if starts("<?", at: lt) {
                if depth > 0 { return lt }
                i = end(of: "?>", from: lt + 2)
            } else if starts("<!--", at: lt) {
                i = end(of: "-->", from: lt + 4)
            } else if starts("<![CDATA[", at: lt) {
                i = end(of: "]]>", from: lt + 9)
            } else if starts("</", at: lt) {
                depth -= 1
                i = end(of: ">", from: lt + 2)
            } else {
                // A start tag: to its '>' outside quoted values; "/>" ends an empty element.
                var j = lt + 1, quote: UInt8? = nil
                while j < bytes.count {
                    let b = bytes[j]
                    if let open = quote {
                        if b == open { quote = nil }
                    } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                        quote = b
                    } else if b == UInt8(ascii: ">") {
                        break
                    }
                    j += 1
                }
                if j < bytes.count, bytes[j - 1] != UInt8(ascii: "/") { depth += 1 }
                i = min(bytes.count, j + 1)
            }
            if i >= bytes.count { return nil }
        }
        return nil
    }
}
