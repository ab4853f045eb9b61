import Foundation

/// Text content as XML Signature, XML Encryption and WS-Security carry it: base64 values may be broken by
/// XML whitespace, and single values may be surrounded by it. Both work on the UTF-8 bytes: going Character by
/// Character (`isWhitespace`, `trimmingCharacters(in:)`) showed in every message's profile.
public enum XMLText {
    /// XML's whitespace (the S production): space, tab, CR and LF; nothing else.
    @inline(__always)
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The bytes a base64 value encodes, ignoring XML whitespace anywhere in it; nil when anything else
    /// is not base64.
    public static func base64(_ text: String) -> Data? {
        var compact: [UInt8] = []
        compact.reserveCapacity(text.utf8.count)
        for byte in text.utf8 where !isWhitespace(byte) { compact.append(byte) }
        return Data(base64Encoded: Data(compact))
    }

    /// `text` without leading and trailing XML whitespace.
    public static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        // Both ends sit next to ASCII whitespace or the ends of the text, so they are character boundaries.
        let end = utf8.index(after: utf8.lastIndex(where: { !isWhitespace($0) })!)
        if first == utf8.startIndex && end == utf8.endIndex { return text }
        return String(text[first..<end])
    }
}
