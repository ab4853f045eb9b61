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
        let home = try InteropHome(scenario: scenario, fixture: fixture, encryptSignature: true)
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
        let home = try InteropHome(scenario: scenario, fixture: fixture, encryptSignature: true)
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
        let home = try InteropHome(scenario: scenario, fixture: fixture, encryptSignature: true)
        let (built, file) = try fixture.build(scenario: scenario, home: home.root)
        try #require(built.status == 0, "\(built.all)")
        #expect(try fixture.read(file).contains("SignatureValue"))
        let ours = try home.verify(file)
        #expect(ours.status == 1, "\(ours.all)")
        #expect(ours.stdout.contains("wsse:InvalidSecurity: The Signature is not encrypted, as the policy's sp:EncryptSignature requires"), "\(ours.all)")
        let theirs = try fixture.verify(scenario: scenario, file: file, home: home.root, extra: ["--encrypt-signature"])
        #expect(theirs.status == 1, "\(theirs.all)")
    }
}
