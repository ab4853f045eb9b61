import Foundation

/// Where a certificate's listed fields sit in its DER, found by walking the encoding without OpenSSL.
///
/// OpenSSL 3 decodes the public key of every certificate it parses (through its provider decoders, building
/// an EC group per certificate), which made opening a 5,000-entry store slow; a listing needs none of that.
struct CertificateOutline: Sendable {
    /// Whole elements (tag and length included), as offsets into the DER.
    let issuer: Range<Int>, subject: Range<Int>, notBefore: Range<Int>, notAfter: Range<Int>
    /// "RSA 2048", "EC P-256", "Ed25519"; nil for other keys, which OpenSSL describes.
    let keyDescription: String?

    /// Nil unless `der` is exactly one certificate-shaped SEQUENCE.
    init?(_ der: [UInt8]) {
        var outer = DERWalker(der, 0..<der.count)
        guard let certificate = outer.next(0x30), outer.atEnd else { return nil }
        var fields = DERWalker(der, certificate.content)
        guard let tbs = fields.next(0x30), fields.next(0x30) != nil, fields.next(0x03) != nil, fields.atEnd else { return nil }
        var tbsFields = DERWalker(der, tbs.content)
        tbsFields.skip(0xA0)  // version, absent in v1
        guard tbsFields.next(0x02) != nil, tbsFields.next(0x30) != nil,
              let issuer = tbsFields.next(0x30), let validity = tbsFields.next(0x30),
              let subject = tbsFields.next(0x30), let key = tbsFields.next(0x30) else { return nil }
        var times = DERWalker(der, validity.content)
        guard let notBefore = times.nextTime(), let notAfter = times.nextTime(), times.atEnd else { return nil }
        self.issuer = issuer.element
        self.subject = subject.element
        self.notBefore = notBefore.element
        self.notAfter = notAfter.element
        keyDescription = Self.describeKey(der, key.content)
    }

    private static let rsa: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    private static let ec: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    private static let ed25519: [UInt8] = [0x2B, 0x65, 0x70]
    private static let curves: [[UInt8]: String] = [
        [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]: "P-256",
        [0x2B, 0x81, 0x04, 0x00, 0x22]: "P-384",
        [0x2B, 0x81, 0x04, 0x00, 0x23]: "P-521",
    ]

    /// The same words `PrivateKey.describe` gives, for the common key types.
    private static func describeKey(_ der: [UInt8], _ spki: Range<Int>) -> String? {
        var parts = DERWalker(der, spki)
        guard let algorithm = parts.next(0x30), let bits = parts.next(0x03) else { return nil }
        var identifier = DERWalker(der, algorithm.content)
        guard let oid = identifier.next(0x06) else { return nil }
        switch Array(der[oid.content]) {
        case rsa:
            // BIT STRING: unused-bits byte, then RSAPublicKey ::= SEQUENCE { modulus INTEGER, ... }
            guard bits.content.count > 1, der[bits.content.lowerBound] == 0 else { return nil }
            var key = DERWalker(der, bits.content.index(after: bits.content.lowerBound)..<bits.content.upperBound)
            guard let sequence = key.next(0x30) else { return nil }
            var numbers = DERWalker(der, sequence.content)
            guard let modulus = numbers.next(0x02),
                  let first = modulus.content.first(where: { der[$0] != 0 }) else { return nil }
            let bitCount = (modulus.content.upperBound - first - 1) * 8 + (8 - der[first].leadingZeroBitCount)
            return "RSA \(bitCount)"
        case ec:
            guard let curve = identifier.next(0x06), let name = curves[Array(der[curve.content])] else { return nil }
            return "EC \(name)"
        case ed25519:
            return "Ed25519"
        default:
            return nil
        }
    }
}

/// Reads DER elements one after another within a range; nil on anything malformed.
struct DERWalker {
    struct Element { let element: Range<Int>, content: Range<Int> }

    private let der: [UInt8]
    private var offset: Int
    private let end: Int

    init(_ der: [UInt8], _ range: Range<Int>) {
        self.der = der
        offset = range.lowerBound
        end = range.upperBound
    }

    var atEnd: Bool { offset == end }

    /// The next element, if it has `tag`.
    mutating func next(_ tag: UInt8) -> Element? {
        guard offset < end, der[offset] == tag else { return nil }
        return read()
    }

    /// The next element if it is a UTCTime or GeneralizedTime.
    mutating func nextTime() -> Element? {
        guard offset < end, der[offset] == 0x17 || der[offset] == 0x18 else { return nil }
        return read()
    }

    /// A walker over the next element's content, if it has `tag`.
    mutating func enter(_ tag: UInt8) -> DERWalker? {
        next(tag).map { DERWalker(der, $0.content) }
    }

    /// Skips an element with `tag` when it is next.
    mutating func skip(_ tag: UInt8) {
        if offset < end, der[offset] == tag { _ = read() }
    }

    private mutating func read() -> Element? {
        let start = offset
        var cursor = offset + 1
        guard cursor < end else { return nil }
        var length = Int(der[cursor])
        cursor += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard (1...4).contains(count), cursor + count <= end else { return nil }
            length = 0
            for byte in der[cursor..<cursor + count] { length = length << 8 | Int(byte) }
            cursor += count
        }
        guard length <= end - cursor else { return nil }
        offset = cursor + length
        return Element(element: start..<offset, content: cursor..<offset)
    }
}
