import Foundation
import SecureXML

/// wsu:Timestamp: when the message was created and when it expires.
struct Timestamp {
    let created: Date
    let expires: Date?

    /// Writes a Timestamp of `ttl` seconds at the top of `security`; returns its wsu:Id.
    static func write(into security: XMLElement, now: Date, ttl: Int, milliseconds: Bool) -> String {
        let id = SOAPEnvelope.newID("TS")
        let element = security.appendElement("Timestamp", namespace: WSS.wsu, prefix: "wsu")
        element.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", id)
        element.appendElement("Created", namespace: WSS.wsu, prefix: "wsu", text: format(now, milliseconds: milliseconds))
        element.appendElement("Expires", namespace: WSS.wsu, prefix: "wsu",
                              text: format(now.addingTimeInterval(TimeInterval(ttl)), milliseconds: milliseconds))
        return id
    }

    /// Reads a Timestamp: exactly one Created, at most one Expires after it, nothing else.
    init(_ element: XMLElement) throws(SecurityFault) {
        let children = element.children
        guard let first = children.first, first.is("Created", WSS.wsu), let created = Self.parse(first.text) else {
            throw SecurityFault(.invalidSecurity, "The Timestamp must start with a valid wsu:Created")
        }
        self.created = created
        switch children.count {
        case 1: expires = nil
        case 2:
            guard children[1].is("Expires", WSS.wsu), let expires = Self.parse(children[1].text) else {
                throw SecurityFault(.invalidSecurity, "The Timestamp's wsu:Expires is not valid")
            }
            guard expires >= created else { throw SecurityFault(.invalidSecurity, "The Timestamp expires before it was created") }
            self.expires = expires
        default: throw SecurityFault(.invalidSecurity, "The Timestamp holds more than Created and Expires")
        }
    }

    /// Throws `.messageExpired` when the timestamp is stale or from the future (Rampart's rules: TTL from
    /// Created and Expires, both with the clock skew allowed).
    func checkFresh(now: Date, ttl: Int, skew: Int) throws(SecurityFault) {
        let skew = TimeInterval(skew)
        if created > now.addingTimeInterval(skew) {
            throw SecurityFault(.messageExpired, "The Timestamp was created in the future (\(Self.format(created, milliseconds: true)))")
        }
        if let expires, expires.addingTimeInterval(skew) < now {
            throw SecurityFault(.messageExpired, "The Timestamp expired at \(Self.format(expires, milliseconds: true))")
        }
        if created.addingTimeInterval(TimeInterval(ttl) + skew) < now {
            throw SecurityFault(.messageExpired, "The Timestamp is older than its time to live of \(ttl) s")
        }
    }

    static func format(_ date: Date, milliseconds: Bool) -> String { DateTimeText.format(date, milliseconds: milliseconds) }

    /// An xsd:dateTime in UTC or with an offset, with or without fractional seconds.
    static func parse(_ text: String) -> Date? { DateTimeText.parse(text) }
}
