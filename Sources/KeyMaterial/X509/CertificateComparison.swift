import Foundation

/// Two certificates side by side, field by field (for "is this the certificate the partner sent?").
public struct CertificateComparison: Sendable, Codable {
    public struct Row: Sendable, Codable, Hashable {
        public let field: String
        public let left: String
        public let right: String
        public var same: Bool { left == right }
    }

    public let rows: [Row]
    /// The two are the same certificate (equal DER bytes).
    public let identical: Bool
    /// They carry the same public key (a renewed certificate of the same key, for instance).
    public let samePublicKey: Bool

    public init(_ left: Certificate, _ right: Certificate) {
        func fields(_ c: Certificate) -> [(String, String)] {
            var result = [
                ("subject", c.subject), ("issuer", c.issuer), ("serial", c.serial), ("version", "\(c.version)"),
                ("not before", Self.format(c.notBefore)), ("not after", Self.format(c.notAfter)),
                ("public key", c.publicKeyDescription), ("signature", c.signatureAlgorithm),
                ("SHA-256", c.sha256Fingerprint),
            ]
            result += c.extensions.map { ($0.name, ($0.critical ? "critical: " : "") + $0.value) }
            return result
        }
        let l = fields(left), r = fields(right)
        var names = l.map(\.0)
        for (name, _) in r where !names.contains(name) { names.append(name) }
        rows = names.map { name in
            Row(field: name, left: l.first { $0.0 == name }?.1 ?? "-", right: r.first { $0.0 == name }?.1 ?? "-")
        }
        identical = left == right
        samePublicKey = left.hasSamePublicKey(as: right)
    }

    static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }
}
