/// A KDC or admin server address as krb5.conf writes it: `host`, `host:port`, `[v6]:port`, optionally with a
/// `tcp/` or `udp/` prefix, or a `https://` proxy URL.
public struct Krb5Address: Sendable, Equatable {
    public let host: String
    /// The port, or nil for the service's default (88 for a KDC, 749 for kadmin).
    public let port: Int?

    /// Splits `text`; nil when it is not an address (see ``problem(_:)`` for why).
    public init?(_ text: String) {
        guard Self.problem(text) == nil, let parts = Self.split(text) else { return nil }
        host = parts.host
        port = parts.port.flatMap { Int($0) }
    }

    /// Why `text` is not a usable address, or nil when it is.
    public static func problem(_ text: String) -> String? {
        if text.hasPrefix("https://") || text.hasPrefix("http://") { return nil }
        guard let parts = split(text), !parts.host.isEmpty else { return "\"\(text)\" has no host name" }
        if let port = parts.port {
            guard let number = Int(port), (1...65535).contains(number) else {
                return "\"\(text)\": the port must be a number from 1 to 65535"
            }
        }
        return nil
    }

    private static func split(_ text: String) -> (host: String, port: String?)? {
        var rest = Substring(text)
        for prefix in ["tcp/", "udp/"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            let host = String(rest[rest.index(after: rest.startIndex)..<close])
            let tail = rest[rest.index(after: close)...]
            if tail.isEmpty { return (host, nil) }
            guard tail.first == ":" else { return nil }
            return (host, String(tail.dropFirst()))
        }
        let pieces = rest.split(separator: ":", omittingEmptySubsequences: false)
        switch pieces.count {
        case 1: return (String(rest), nil)
        case 2: return (String(pieces[0]), String(pieces[1]))
        default: return (String(rest), nil)  // a bare IPv6 address
        }
    }
}
