import Foundation
import Testing

/// The TripleDes algorithm suites (legacy Rampart policies) with Apache WSS4J 1.6, on scenario 5 (asymmetric) and
/// 8 (symmetric, UsernameToken): our request under a custom policy naming the suite is accepted by WSSecurityEngine,
/// which checks the cipher and key transport are the suite's; WSS4J's builders with that suite are accepted by us;
/// and a Triple DES request is refused by a service whose policy is Basic256.
@Suite struct TripleDesInteropTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let scenario: Int
        let suite: String
        var testDescription: String { "scenario \(scenario), \(suite)" }
    }

    static let cases = [Case(scenario: 5, suite: "TripleDesRsa15"), Case(scenario: 8, suite: "TripleDes"),
                        Case(scenario: 8, suite: "TripleDesRsa15")]

    static func transport(_ suite: String) -> String { suite.hasSuffix("Rsa15") ? "rsa-1_5" : "rsa-oaep-mgf1p" }

    @Test(arguments: cases)
    func wss4jAcceptsOurRequest(_ c: Case) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: c.scenario, fixture: fixture, suite: c.suite)
        let (secured, file) = try home.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        #expect(secured.stdout.contains("Body encrypted (tripledes-cbc)"), "\(secured.all)")
        let verified = try fixture.verify(scenario: c.scenario, file: file, home: home.root, extra: ["--suite", c.suite])
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        #expect(verified.stdout.contains("Body encrypted with tripledes-cbc, key by \(Self.transport(c.suite))"), "\(verified.all)")
    }

    @Test(arguments: cases)
    func weAcceptWSS4JsRequest(_ c: Case) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: c.scenario, fixture: fixture, suite: c.suite)
        let (built, file) = try fixture.build(scenario: c.scenario, home: home.root, extra: ["--suite", c.suite])
        try #require(built.status == 0, "\(built.all)")
        #expect(try fixture.read(file).contains("xmlenc#tripledes-cbc"))
        let verified = try home.verify(file)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        #expect(verified.stdout.contains("Body encrypted (tripledes-cbc) and decrypted"), "\(verified.all)")
    }

    /// The peer's check of the suite is real: our Basic256 request is refused by it under TripleDes; and a Basic256
    /// service refuses WSS4J's Triple DES request.
    @Test func eachSideRefusesTheOtherSuite() throws {
        let fixture = try PeerFixture.get()
        let basic256 = try InteropHome(scenario: 8, fixture: fixture)
        let (secured, file) = try basic256.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        let refusedByPeer = try fixture.verify(scenario: 8, file: file, home: basic256.root, extra: ["--suite", "TripleDes"])
        #expect(refusedByPeer.status == 1, "\(refusedByPeer.all)")
        #expect(refusedByPeer.stdout.contains("the suite demands"), "\(refusedByPeer.all)")

        let (built, tripleDes) = try fixture.build(scenario: 8, home: basic256.root, extra: ["--suite", "TripleDes"])
        try #require(built.status == 0, "\(built.all)")
        let refused = try basic256.verify(tripleDes)
        #expect(refused.status == 1, "\(refused.all)")
        #expect(refused.stdout.contains("wsse:UnsupportedAlgorithm: The EncryptedKey holds a 192-bit key where aes256-cbc takes 256 bits"), "\(refused.all)")
    }
}
