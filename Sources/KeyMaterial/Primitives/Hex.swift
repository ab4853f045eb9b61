import Foundation

/// Hexadecimal text of bytes. String(format: "%02x") per byte is slow enough on Linux to show in profiles
/// (fingerprint listings, every message's wsu:Id values).
public enum Hex {
    public static func encode<Bytes: Sequence>(_ bytes: Bytes, uppercase: Bool = false, separator: UInt8? = nil) -> String
    where Bytes.Element == UInt8 {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 3)
        for byte in bytes {
            if let separator, !text.isEmpty { text.append(separator) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
