import Foundation
import Testing

/// Borderline times in one request, judged by wssconsole (as Micro Integrator 4.x: Rampart 1.7.0-wso2v1 over WSO2's
/// WSS4J 1.6.0-wso2v6 fork) and by the Apache WSS4J 1.6.19 peer (strict; timeStampTTL 300 s and timeStampFutureTTL
/// 60 s from Created; utTTL 300 s for a UsernameToken's Created). Rampart allows timestampMaxSkew (300 s) either side
/// and never ages Created, so some the peer refuses MI accepts: those cases say so. Every margin is a minute or more,
/// far beyond the seconds between the edit and the two verdicts.
@Suite struct TimestampInteropTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        /// Seconds from now for the Timestamp's Created and Expires, and the UsernameToken's Created.
        let created: TimeInterval, expires: TimeInterval, tokenCreated: TimeInterval
        /// rampart:timestampStrict true in the service's policy.
        var strict = false
        let ours: Bool, peer: Bool
    }

    static let cases: [Case] = [
        Case(description: "Created 120 s ahead: within Rampart's skew, past WSS4J's future TTL", created: 120, expires: 420, tokenCreated: 0, ours: true, peer: false),
        Case(description: "Created 400 s ahead: past both", created: 400, expires: 700, tokenCreated: 0, ours: false, peer: false),
        Case(description: "Created 700 s ago, Expires ahead: Rampart does not age Created", created: -700, expires: 300, tokenCreated: 0, ours: true, peer: false),
        Case(description: "Expires 60 s ago: within Rampart's skew, refused by strict WSS4J", created: -240, expires: -60, tokenCreated: 0, ours: true, peer: false),
        Case(description: "Expires 60 s ago under timestampStrict: both refuse", created: -240, expires: -60, tokenCreated: 0, strict: true, ours: false, peer: false),
        Case(description: "Expires 400 s ago: past both", created: -700, expires: -400, tokenCreated: 0, ours: false, peer: false),
        Case(description: "UsernameToken Created 700 s ago: MI does not age it, WSS4J's utTTL does", created: 0, expires: 300, tokenCreated: -700, ours: true, peer: false),
    ]

    @Test(arguments: cases)
    func bothJudgeABorderlineTime(_ test: Case) throws {
        let fixture = try PeerFixture.get()
        let strict: (name: String, change: @Sendable (String) -> String)? = test.strict ? ("TimestampStrict", {
            $0.replacingOccurrences(of: "timestampStrict>false<", with: "timestampStrict>true<")
        }) : nil
        let home = try InteropHome(scenario: 1, fixture: fixture, edit: strict)
        let (built, file) = try fixture.build(scenario: 1, home: home.root)
        try #require(built.status == 0, "\(built.all)")
        let now = Date()
        let message = try Self.moving(try fixture.read(file), now: now, test)
        let edited = try fixture.write("timestamp-\(UUID().uuidString).xml", message)

        let ours = try home.verify(edited)
        #expect(ours.status == (test.ours ? 0 : 1), "\(ours.all)\n\(message)")
        if !test.ours { #expect(ours.all.contains("MessageExpired"), "\(ours.all)") }
        let peer = try fixture.verify(scenario: 1, file: edited, home: home.root)
        #expect(peer.status == (test.peer ? 0 : 1), "\(peer.all)\n\(message)")
        if !test.peer { #expect(peer.stdout.lowercased().contains("expired"), "\(peer.all)") }
    }

    /// rampart:timestampTTL 0 (hand-written policies have it; `apply` refuses it): our client writes no Expires, as
    /// Rampart's does. One at Created would have expired as it was sent, and the strict peer would refuse it.
    @Test func aTimestampTTLOfZeroSendsNoExpires() throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: 2, fixture: fixture, edit: ("TTLZero", {
            $0.replacingOccurrences(of: "timestampTTL>300<", with: "timestampTTL>0<")
        }))
        let (secured, file) = try home.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        let message = try fixture.read(file)
        #expect(message.contains(":Created>") && !message.contains("Expires"), "\(message)")
        let peer = try fixture.verify(scenario: 2, file: file, home: home.root)
        #expect(peer.status == 0, "\(peer.all)")
        let ours = try home.verify(file)
        #expect(ours.status == 0, "\(ours.all)")
    }

    /// The peer's message with its (unsigned, under the transport binding) Timestamp and UsernameToken Created moved.
    static func moving(_ message: String, now: Date, _ test: Case) throws -> String {
        func at(_ offset: TimeInterval) -> String { ISO8601DateFormatter.string(from: now.addingTimeInterval(offset), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds]) }
        var text = message
        try replace(#"(<(\w+):Timestamp\b[^>]*>).*?(</\2:Timestamp>)"#, in: &text,
                    with: "$1<$2:Created>\(at(test.created))</$2:Created><$2:Expires>\(at(test.expires))</$2:Expires>$3")
        try replace(#"(<(\w+):UsernameToken\b.*?<(\w+):Created>)[^<]*(</\3:Created>)"#, in: &text, with: "$1\(at(test.tokenCreated))$4")
        return text
    }

    struct NoMatch: Error, CustomStringConvertible { let description: String }

    static func replace(_ pattern: String, in text: inout String, with template: String) throws {
        let regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        guard regex.numberOfMatches(in: text, range: range) == 1 else { throw NoMatch(description: "\(pattern) matches no single place in \(text)") }
        text = regex.stringByReplacingMatches(in: text, range: range, withTemplate: template)
    }
}
