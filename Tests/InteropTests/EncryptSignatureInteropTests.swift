import Foundation
import Testing

/// sp:EncryptSignature with Apache WSS4J 1.6, on scenario 5 (asymmetric) and 8 (symmetric) plus the assertion:
/// our Signature, encrypted in place, is decrypted and verified by WSSecurityEngine; WSS4J's WSSecEncrypt with
/// `{Element}{xmldsig}Signature` is accepted by us; a Signature in clear is refused by us (and by the peer's
/// Rampart-like check) under the assertion.
@Suite struct EncryptSignatureInteropTests {
    static let scenarios = [5, 8]
    static let signatureName = "{http://www.w3.org/2000/09/xmldsig#}Signature"

    @Test(arguments: scenarios)
    func wss4jDecryptsAndVerifiesOurEncryptedSignature(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture, adding: "EncryptSignature")
        let (secured, file) = try home.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        #expect(!(try fixture.read(file)).contains("SignatureValue"), "the Signature left encrypted")
        let verified = try fixture.verify(scenario: scenario, file: file, home: home.root, extra: ["--encrypt-signature"])
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        let decrypted = verified.stdout.split(separator: "\n").first { $0.contains("Decrypted elements:") }
        #expect(decrypted?.contains(Self.signatureName) == true, "\(verified.all)")
        #expect(verified.stdout.contains("Signature ") && verified.stdout.contains("over "), "WSS4J verified the decrypted Signature")
    }

    @Test(arguments: scenarios)
    func weAcceptWSS4JsEncryptedSignature(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture, adding: "EncryptSignature")
        let (built, file) = try fixture.build(scenario: scenario, home: home.root, extra: ["--encrypt-signature"])
        try #require(built.status == 0, "\(built.all)")
        #expect(!(try fixture.read(file)).contains("SignatureValue"), "WSS4J encrypted its Signature")
        let verified = try home.verify(file)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        #expect(verified.stdout.contains("Signature encrypted (sp:EncryptSignature)"), "\(verified.all)")
        #expect(verified.stdout.contains("Body") && verified.stdout.contains("signed by the"), "\(verified.all)")
    }

    @Test(arguments: scenarios)
    func aSignatureInClearIsRefusedUnderTheAssertion(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture, adding: "EncryptSignature")
        let (built, file) = try fixture.build(scenario: scenario, home: home.root)
        try #require(built.status == 0, "\(built.all)")
        #expect(try fixture.read(file).contains("SignatureValue"))
        let ours = try home.verify(file)
        #expect(ours.status == 1, "\(ours.all)")
        #expect(ours.stdout.contains("wsse:InvalidSecurity: The Signature is not encrypted, as the policy's sp:EncryptSignature requires"), "\(ours.all)")
        let theirs = try fixture.verify(scenario: scenario, file: file, home: home.root, extra: ["--encrypt-signature"])
        #expect(theirs.status == 1, "\(theirs.all)")
    }

    /// Our service's response (SignatureConfirmation in clear, as Rampart) → WSS4J as the client that sent the request.
    @Test(arguments: scenarios)
    func wss4jAcceptsOurResponseWithAnEncryptedSignature(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture, adding: "EncryptSignature")
        let key = scenario == 8 ? fixture.scratch("request-key-\(scenario)") : nil
        // The client remembers its SignatureValue: the request carries it encrypted for the service.
        let sent = fixture.scratch("request-signature-\(scenario)")
        let (built, request) = try fixture.build(scenario: scenario, home: home.root,
                                                 extra: ["--encrypt-signature", "--signature-out", sent] + (key.map { ["--key-out", $0] } ?? []))
        try #require(built.status == 0, "\(built.all)")
        let (secured, response) = try home.secureResponse(fixture.path("plain11.xml"), request: request)
        try #require(secured.status == 0, "\(secured.all)")
        #expect(!(try fixture.read(response)).contains("SignatureValue"))
        let verified = try fixture.verifyResponse(scenario: scenario, file: response, request: request, key: key, home: home.root,
                                                  extra: ["--encrypt-signature", "--signature-file", sent])
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(response)) ?? "")")
        #expect(verified.stdout.contains("Signature decrypted before it was verified"), "\(verified.all)")
        #expect(verified.stdout.contains("SignatureConfirmation of the request's 1 signature value(s), signed"), "\(verified.all)")
    }

    /// WSS4J's response with its Signature encrypted → our client, in this process.
    @Test(arguments: scenarios)
    func weAcceptWSS4JsResponseWithAnEncryptedSignature(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture, adding: "EncryptSignature")
        let client = try InProcessClient(home: home, fixture: fixture)
        let request = try client.request()
        let (responded, response) = try fixture.respond(scenario: scenario, request: request.file, home: home.root, extra: ["--encrypt-signature"])
        try #require(responded.status == 0, "\(responded.all)")
        #expect(!(try fixture.read(response)).contains("SignatureValue"))
        let verified = try client.verifyResponse(response, for: request.context)
        #expect(verified.checks.contains { $0.contains("Signature encrypted (sp:EncryptSignature)") }, "\(verified.checks)")
        #expect(verified.checks.contains { $0.hasPrefix("SignatureConfirmation") }, "\(verified.checks)")
    }
}
