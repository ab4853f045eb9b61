/// A subject alternative name to put in a certificate.
public enum SubjectAlternativeName: Sendable, Hashable, CustomStringConvertible {
    /// A DNS host name, e.g. "localhost".
    case dnsName(String)
    /// An IPv4 or IPv6 address in text form, e.g. "127.0.0.1".
    case ipAddress(String)

    /// The OpenSSL configuration form, e.g. "DNS:localhost".
    public var description: String {
        switch self {
        case .dnsName(let name): "DNS:\(name)"
        case .ipAddress(let address): "IP:\(address)"
        }
    }

    /// Rejects values that would change the meaning of OpenSSL's comma-separated configuration string.
    var isSafeForConfiguration: Bool {
        switch self {
        case .dnsName(let name):
            return !name.isEmpty && !name.contains { $0 == "," || $0 == ":" || $0.isWhitespace }
        case .ipAddress(let address):
            // IPv6 needs ':'; only hex digits, dots and colons can form an address anyway.
            return !address.isEmpty && address.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
        }
    }
}
