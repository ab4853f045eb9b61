import Foundation
import Testing

/// Scenarios whose engine part is on main; the others join this list as the engine lands them.
enum Landed {
    static let scenarios = [1, 2, 3, 4, 5, 6, 7, 8]
}

/// wssconsole's client side → Apache WSS4J's WSSecurityEngine, with the keys of the home.
@Suite struct OursToWSS4JTests {
    @Test(arguments: Landed.scenarios)
    func wss4jAcceptsOurRequest(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let (secured, file) = try home.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        let verified = try fixture.verify(scenario: scenario, file: file, home: home.root)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")

        let tampered = try fixture.write("ours-tampered-\(UUID().uuidString).xml", try Tampering.apply(scenario: scenario, to: try fixture.read(file)))
        let rejected = try fixture.verify(scenario: scenario, file: tampered, home: home.root)
        #expect(rejected.status == 1, "\(rejected.all)")
    }

    /// SOAP 1.2 under the asymmetric and the symmetric binding.
    @Test(arguments: [2, 8].filter(Landed.scenarios.contains))
    func wss4jAcceptsOurSOAP12Request(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let (secured, file) = try home.secure(fixture.path("plain12.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        #expect(try fixture.read(file).contains(PeerFixture.soap12))
        let verified = try fixture.verify(scenario: scenario, file: file, home: home.root)
        #expect(verified.status == 0, "\(verified.all)")
    }
}

/// Apache WSS4J's builders → wssconsole's service side.
@Suite struct WSS4JToOursTests {
    @Test(arguments: Landed.scenarios)
    func weAcceptWSS4JRequest(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let (built, file) = try fixture.build(scenario: scenario, home: home.root)
        try #require(built.status == 0, "\(built.all)")
        let verified = try home.verify(file)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")

        let tampered = try fixture.write("peer-tampered-\(UUID().uuidString).xml", try Tampering.apply(scenario: scenario, to: try fixture.read(file)))
        let rejected = try home.verify(tampered)
        #expect(rejected.status == 1, "\(rejected.all)")
    }

    /// Key references other than the defaults (BST for the asymmetric signature, thumbprint for EncryptedKey),
    /// and SOAP 1.2.
    @Test(arguments: [(2, "--keyref", "issuerserial"), (2, "--keyref", "skid"), (2, "--keyref", "thumbprint"),
                      (5, "--enc-keyref", "issuerserial"), (6, "--keyref", "skid"), (8, "--keyref", "issuerserial"),
                      (2, "--soap12", ""), (8, "--soap12", "")].filter { Landed.scenarios.contains($0.0) })
    func weAcceptWSS4JVariant(scenario: Int, option: String, value: String) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let soap12 = option == "--soap12"
        let (built, file) = try fixture.build(scenario: scenario, home: home.root, soap12: soap12, extra: soap12 ? [] : [option, value])
        try #require(built.status == 0, "\(built.all)")
        let verified = try home.verify(file)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        // Scenario 2's policy includes the client's certificate (AlwaysToRecipient): named instead, it is said, not refused.
        let named = scenario == 2 && option == "--keyref" && value != "bst"
        #expect(verified.stdout.contains("named by reference, not carried in the message") == named, "\(verified.all)")
    }

    /// The Body changed in clear under a signing scenario: both engines must refuse it.
    @Test(arguments: [2, 3].filter(Landed.scenarios.contains))
    func bothRejectAChangedBody(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let (_, file) = try fixture.build(scenario: scenario, home: home.root)
        let tampered = try fixture.write("body-tampered-\(UUID().uuidString).xml", try Tampering.body(try fixture.read(file)))
        #expect(try home.verify(tampered).status == 1)
        #expect(try fixture.verify(scenario: scenario, file: tampered, home: home.root).status == 1)
    }
}
