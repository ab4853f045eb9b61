import Foundation
import Testing

/// WSS4J's builders each prepend to the header, so a message built without Rampart's arrangement has the Timestamp
/// last and tokens after the Signature. WSS4J 1.6 (and Rampart on it) checks no layout and accepts it; WSO2's
/// policies ask Lax for scenarios 1, 3, 4, 6, 7 and 8, where we accept it too, and Strict for 2 and 5, where
/// WS-SecurityPolicy's declare-before-use rules refuse it (Rampart's own messages are in Strict order, see
/// WSS4JToOursTests).
@Suite struct LayoutInteropTests {
    static let lax = [1, 3, 4, 6, 7, 8].filter(Landed.scenarios.contains)
    static let strict = [2, 5].filter(Landed.scenarios.contains)

    @Test(arguments: lax)
    func weAcceptWSS4JBuilderOrderUnderLax(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let (built, file) = try fixture.build(scenario: scenario, home: home.root, extra: ["--order", "wss4j"])
        try #require(built.status == 0, "\(built.all)")
        #expect(try fixture.read(file).contains("</wsu:Timestamp></wsse:Security>"), "the builders leave the Timestamp last")
        let verified = try home.verify(file)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
    }

    @Test(arguments: strict)
    func strictRefusesWSS4JBuilderOrderThatWSS4JAccepts(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let (built, file) = try fixture.build(scenario: scenario, home: home.root, extra: ["--order", "wss4j"])
        try #require(built.status == 0, "\(built.all)")
        let theirs = try fixture.verify(scenario: scenario, file: file, home: home.root)
        #expect(theirs.status == 0, "WSS4J checks no layout: \(theirs.all)")
        let ours = try home.verify(file)
        #expect(ours.status == 1, "\(ours.all)")
        #expect(ours.stdout.contains("rejected: wsse:InvalidSecurity: The Security header is not in the policy's Strict layout: the Timestamp"), "\(ours.all)")
        #expect(ours.stdout.contains("comes after the Signature"), "\(ours.all)")
    }
}
