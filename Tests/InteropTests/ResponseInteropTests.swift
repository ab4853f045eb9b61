import Foundation
import Testing
import WSSecurity

/// Scenarios whose response is secured (1 is UsernameToken over HTTPS: its response is plain), and those of
/// the symmetric binding, whose response is keyed by the request's EncryptedKey.
enum Responses {
    static let scenarios = [2, 3, 4, 5, 6, 7, 8].filter(Landed.scenarios.contains)
    static let symmetric: Set<Int> = [3, 4, 6, 7, 8]
    /// Wss11 RequireSignatureConfirmation: all but 2.
    static let confirming: Set<Int> = [3, 4, 5, 6, 7, 8]
}

/// wssconsole's service side answers a WSS4J request; WSS4J, as the client that sent it, accepts the answer.
@Suite struct ResponseOursToWSS4JTests {
    @Test(arguments: Responses.scenarios)
    func wss4jAcceptsOurResponse(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let key = Responses.symmetric.contains(scenario) ? fixture.scratch("request-key-\(scenario)") : nil
        let (built, request) = try fixture.build(scenario: scenario, home: home.root, extra: key.map { ["--key-out", $0] } ?? [])
        try #require(built.status == 0, "\(built.all)")
        let (secured, response) = try home.secureResponse(fixture.path("plain11.xml"), request: request)
        try #require(secured.status == 0, "\(secured.all)")
        #expect(secured.stdout.contains("SignatureConfirmation") == Responses.confirming.contains(scenario), "\(secured.all)")

        let verified = try fixture.verifyResponse(scenario: scenario, file: response, request: request, key: key, home: home.root)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(response)) ?? "")")
        if Responses.confirming.contains(scenario) {
            #expect(verified.stdout.contains("SignatureConfirmation of the request's 1 signature value(s), signed"), "\(verified.all)")
        }
        if Responses.symmetric.contains(scenario) {
            #expect(verified.stdout.contains("with the request's EncryptedKey"), "\(verified.all)")
        }

        let tampered = try fixture.write("ours-response-tampered-\(UUID().uuidString).xml", try Tampering.laterExpiry(try fixture.read(response)))
        let rejected = try fixture.verifyResponse(scenario: scenario, file: tampered, request: request, key: key, home: home.root)
        #expect(rejected.status == 1, "\(rejected.all)")
    }

    /// WSS4J only hands out the request's key for the request's EncryptedKeySHA1: a response to another request fails.
    @Test func wss4jRejectsOurResponseToAnotherRequest() throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: 6, fixture: fixture)
        let key = fixture.scratch("request-key-6")
        let (_, request) = try fixture.build(scenario: 6, home: home.root, extra: ["--key-out", key])
        let (_, other) = try fixture.build(scenario: 6, home: home.root)
        let (secured, response) = try home.secureResponse(fixture.path("plain11.xml"), request: other)
        try #require(secured.status == 0, "\(secured.all)")
        let rejected = try fixture.verifyResponse(scenario: 6, file: response, request: request, key: key, home: home.root)
        #expect(rejected.status == 1, "\(rejected.all)")
    }
}

/// WSS4J answers, in the shape of Rampart's service side, a request our client built in this process; our client
/// side accepts the answer with what its request carried.
@Suite struct ResponseWSS4JToOursTests {
    @Test(arguments: Responses.scenarios)
    func weAcceptWSS4JResponse(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let client = try InProcessClient(home: home, fixture: fixture)
        let request = try client.request()
        let (responded, response) = try fixture.respond(scenario: scenario, request: request.file, home: home.root)
        try #require(responded.status == 0, "\(responded.all)")

        let verified = try client.verifyResponse(response, for: request.context)
        #expect(verified.checks.contains { $0.hasPrefix("SignatureConfirmation") } == Responses.confirming.contains(scenario), "\(verified.checks)")
        if Responses.symmetric.contains(scenario) {
            #expect(verified.checks.contains { $0.contains("signed by the session key") }, "\(verified.checks)")
        } else {
            #expect(verified.principal?.contains("demo service") == true, "\(verified.principal ?? "no principal")")
        }

        let tampered = try fixture.write("peer-response-tampered-\(UUID().uuidString).xml", try Tampering.laterExpiry(try fixture.read(response)))
        #expect(throws: SecurityFault.self) { try client.verifyResponse(tampered, for: request.context) }
    }

    /// A response keyed by (or confirming) another request of the same client is refused.
    @Test(arguments: Responses.scenarios.filter(Responses.confirming.contains))
    func weRejectAResponseToAnotherRequest(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let client = try InProcessClient(home: home, fixture: fixture)
        let first = try client.request(), second = try client.request()
        let (responded, response) = try fixture.respond(scenario: scenario, request: second.file, home: home.root)
        try #require(responded.status == 0, "\(responded.all)")
        _ = try client.verifyResponse(response, for: second.context)
        let fault = #expect(throws: SecurityFault.self) { try client.verifyResponse(response, for: first.context) }
        if Responses.symmetric.contains(scenario) {
            #expect(fault?.code == .securityTokenUnavailable, "\(String(describing: fault))")
        }
    }
}
