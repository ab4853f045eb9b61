import Foundation

/// A Synapse local entry holding an inline policy: `<localEntry key="server-policy"><wsp:Policy .../></localEntry>`,
/// as WSO2's own artifacts attach policies by a bare key.
enum LocalEntry {
    /// The entry's inline content (the policy's text) when `bytes` is a `<localEntry>`; other files unchanged.
    /// Namespace declarations of the `<localEntry>` element other than Synapse's are carried onto the content's
    /// root, which may use them.
    static func unwrap(_ bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let open = text.range(of: "<localEntry\\b[^>]*>", options: .regularExpression),
              text[text.startIndex..<open.lowerBound].range(of: "<[A-Za-z]", options: .regularExpression) == nil,
              let close = text.range(of: "</localEntry\\s*>", options: [.regularExpression, .backwards]),
              open.upperBound <= close.lowerBound else { return bytes }
        var inner = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        let declarations = text[open].matches(of: /xmlns:([A-Za-z_][\w.-]*)\s*=\s*("[^"]*"|'[^']*')/).map { (prefix: String($0.1), value: String($0.2)) }
        if let rootEnd = inner.range(of: "^<[^!?\\s>/]+", options: .regularExpression)?.upperBound {
            let rootTag = inner[inner.startIndex..<(inner[rootEnd...].firstIndex(of: ">") ?? inner.endIndex)]
            let missing = declarations.filter { !rootTag.contains("xmlns:\($0.prefix)") }
            inner.insert(contentsOf: missing.map { " xmlns:\($0.prefix)=\($0.value)" }.joined(), at: rootEnd)
        }
        return Array(inner.utf8)
    }
}
