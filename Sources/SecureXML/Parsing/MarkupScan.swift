import CShims

/// Counts attributes per start tag and element depth in the raw bytes, before libxml2 reads them.
///
/// libxml2 2.9's start-tag parser compares every attribute (and namespace declaration) of a tag with every other one
/// before any callback runs, so the attribute limit checked on the tree or in the SAX handler came after the CPU was
/// spent: 40,000 attributes took 10 s, the 8 MiB size limit allows minutes. This linear scan (memchr speed, in C)
/// refuses such a tag first, with the same errors as `TreeCheck`; everything else is still libxml2's to judge.
enum MarkupScan {
    /// Throws `.tooManyAttributes`, `.tooDeep`, `.doctypeForbidden` or (an encoding the scan cannot read) `.malformed`.
    /// `depth`: the nesting of the place the bytes go (0 for a document); `encoding`: the one libxml2 is told to use
    /// (a fragment parsed in a document's context), nil to detect it as libxml2 does.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, limits: ParseLimits, depth: Int = 0,
                      encoding: UnsafePointer<CChar>? = nil) throws(XMLError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var scan = cs_xml_scan()
        cs_xml_scan_init(&scan, limits.maxAttributes, limits.maxDepth, depth)
        let verdict = cs_xml_scan_document(&scan, base, bytes.count, encoding)
        let line = scan.line > 0 ? scan.line : nil
        switch verdict {
        case Int32(CS_SCAN_OK):
            return
        case Int32(CS_SCAN_ATTRIBUTES):
            throw XMLError(.tooManyAttributes, "An element has \(scan.count) attributes; the limit is \(limits.maxAttributes)", line: line)
        case Int32(CS_SCAN_DEPTH):
            throw XMLError(.tooDeep, "The document nests deeper than \(limits.maxDepth) elements", line: line)
        case Int32(CS_SCAN_DECLARATION):
            throw XMLError(.doctypeForbidden, "A DOCTYPE is not allowed (DTDs and entities are refused)", line: line)
        default:
            throw XMLError(.malformed, "The document's encoding is not read here (UTF-8, UTF-16 and the ASCII-based 8-bit encodings are)")
        }
    }

    static func check(_ bytes: [UInt8], limits: ParseLimits, depth: Int = 0, encoding: UnsafePointer<CChar>? = nil) throws(XMLError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(XMLError) in try check(buffer, limits: limits, depth: depth, encoding: encoding) }
    }
}
