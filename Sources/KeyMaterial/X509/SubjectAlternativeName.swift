#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Why the name cannot go into a certificate (an empty or malformed host name, a text that is no IPv4 or IPv6
    /// address), or nil when it can.
    public var problem: String? {
        switch self {
        case .dnsName(let name):
            return isSafeForConfiguration ? nil : "\"\(name)\" is not a host name (no blanks, ',' or ':')"
        case .ipAddress(let address):
            var buffer = [UInt8](repeating: 0, count: 16)
            let parsed = inet_pton(AF_INET, address, &buffer) == 1 || inet_pton(AF_INET6, address, &buffer) == 1
            return parsed && isSafeForConfiguration ? nil : "\"\(address)\" is not an IPv4 or IPv6 address"
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
