import Foundation
import Testing

/// The peer itself, before it judges wssconsole: what WSS4J builds, WSS4J accepts, and a tampered copy it rejects.
@Suite struct PeerSanityTests {
    @Test(arguments: 1...8)
    func wss4jAcceptsItsOwnRequest(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let (built, file) = try fixture.build(scenario: scenario)
        #expect(built.status == 0, "\(built.all)")
        let verified = try fixture.verify(scenario: scenario, file: file)
        #expect(verified.status == 0, "\(verified.all)")
        #expect(verified.stdout.hasPrefix("accepted"))

        let tampered = try fixture.write("tampered-\(UUID().uuidString).xml", try Tampering.apply(scenario: scenario, to: try fixture.read(file)))
        let rejected = try fixture.verify(scenario: scenario, file: tampered)
        #expect(rejected.status == 1, "\(rejected.all)")
        #expect(rejected.stdout.hasPrefix("rejected: "))
    }

    /// SOAP 1.2 and the other key references, each in a scenario where it applies.
    @Test(arguments: [(2, "--keyref", "issuerserial"), (2, "--keyref", "skid"), (5, "--keyref", "thumbprint"),
                      (5, "--enc-keyref", "issuerserial"), (6, "--keyref", "skid"), (8, "--soap12", "")])
    func wss4jAcceptsItsOwnVariant(scenario: Int, option: String, value: String) throws {
        let fixture = try PeerFixture.get()
        let soap12 = option == "--soap12"
        let (built, file) = try fixture.build(scenario: scenario, soap12: soap12, extra: soap12 ? [] : [option, value])
        #expect(built.status == 0, "\(built.all)")
        if soap12 { #expect(try fixture.read(file).contains(PeerFixture.soap12)) }
        let verified = try fixture.verify(scenario: scenario, file: file)
        #expect(verified.status == 0, "\(verified.all)")
    }

    /// A policy demand WSS4J itself does not make: the Body must be signed under scenario 2, encrypted under 4.
    @Test func demandsBeyondTheCryptoAreChecked() throws {
        let fixture = try PeerFixture.get()
        let (_, signedOnly) = try fixture.build(scenario: 3)   // HMAC-signed Body, not encrypted
        let notEncrypted = try fixture.verify(scenario: 4, file: signedOnly)
        #expect(notEncrypted.status == 1)
        #expect(notEncrypted.stdout.contains("SOAP Body (encrypted) is not covered"), "\(notEncrypted.all)")
        let (_, encryptedOnly) = try fixture.build(scenario: 4)
        let notSigned = try fixture.verify(scenario: 3, file: encryptedOnly)
        #expect(notSigned.status == 1)
        #expect(notSigned.stdout.contains("SOAP Body is not covered"), "\(notSigned.all)")
    }

    @Test func noSecurityHeaderIsRejected() throws {
        let fixture = try PeerFixture.get()
        let result = try fixture.verify(scenario: 2, file: fixture.path("plain11.xml"))
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("rejected: "), "\(result.all)")
    }
}
