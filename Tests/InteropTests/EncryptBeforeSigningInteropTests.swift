import Foundation
import Testing

/// sp:EncryptBeforeSigning with Apache WSS4J 1.6, on scenario 5 (asymmetric) and 8 (symmetric) plus the assertion:
/// our request, its Body encrypted and then signed, is accepted by WSSecurityEngine (which walks the header in
/// order, so verifies the Signature over the EncryptedData before decrypting); WSS4J's builders in that order are
/// accepted by us; and each order is refused by us under a policy asking for the other.
@Suite struct EncryptBeforeSigningInteropTests {
    static let scenarios = [5, 8]

    @Test(arguments: scenarios)
    func wss4jAcceptsOurRequestEncryptedBeforeSigning(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture, adding: "EncryptBeforeSigning")
        let (secured, file) = try home.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        #expect(secured.stdout.contains("sp:EncryptBeforeSigning"), "\(secured.all)")
        let verified = try fixture.verify(scenario: scenario, file: file, home: home.root, extra: ["--encrypt-before-signing"])
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        #expect(verified.stdout.contains("Body encrypted before it was signed"), "\(verified.all)")
    }

    @Test(arguments: scenarios)
    func weAcceptWSS4JsRequestEncryptedBeforeSigning(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture, adding: "EncryptBeforeSigning")
        let (built, file) = try fixture.build(scenario: scenario, home: home.root, extra: ["--encrypt-before-signing"])
        try #require(built.status == 0, "\(built.all)")
        let verified = try home.verify(file)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        #expect(verified.stdout.contains("Body encrypted before it was signed (sp:EncryptBeforeSigning)"), "\(verified.all)")
    }

    @Test(arguments: scenarios)
    func eachOrderIsRefusedUnderTheOther(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let encryptFirst = try InteropHome(scenario: scenario, fixture: fixture, adding: "EncryptBeforeSigning")
        let (signedFirst, signedFile) = try fixture.build(scenario: scenario, home: encryptFirst.root)
        try #require(signedFirst.status == 0, "\(signedFirst.all)")
        let refused = try encryptFirst.verify(signedFile)
        #expect(refused.status == 1, "\(refused.all)")
        #expect(refused.stdout.contains("wsse:InvalidSecurity: The Body was signed before it was encrypted"), "\(refused.all)")

        let signFirst = try InteropHome(scenario: scenario, fixture: fixture)
        let (encryptedFirst, encryptedFile) = try fixture.build(scenario: scenario, home: signFirst.root, extra: ["--encrypt-before-signing"])
        try #require(encryptedFirst.status == 0, "\(encryptedFirst.all)")
        let alsoRefused = try signFirst.verify(encryptedFile)
        #expect(alsoRefused.status == 1, "\(alsoRefused.all)")
        #expect(alsoRefused.stdout.contains("wsse:InvalidSecurity: The Body was encrypted before it was signed"), "\(alsoRefused.all)")
    }

    /// With sp:EncryptSignature too, both ways: WSSecurityEngine opens the Signature, verifies it over the Body's
    /// EncryptedData, then decrypts the Body; and we accept WSS4J's builders in that shape.
    @Test(arguments: scenarios)
    func withEncryptSignatureBothWays(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture, adding: "EncryptBeforeSigning", "EncryptSignature")
        let flags = ["--encrypt-before-signing", "--encrypt-signature"]
        let (secured, file) = try home.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        #expect(secured.stdout.contains("sp:EncryptSignature") && secured.stdout.contains("sp:EncryptBeforeSigning"), "\(secured.all)")
        let verified = try fixture.verify(scenario: scenario, file: file, home: home.root, extra: flags)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        #expect(verified.stdout.contains("Body encrypted before it was signed"), "\(verified.all)")

        let (built, builtFile) = try fixture.build(scenario: scenario, home: home.root, extra: flags)
        try #require(built.status == 0, "\(built.all)")
        #expect(!(try fixture.read(builtFile)).contains("<ds:Signature"), "WSS4J encrypted its Signature")
        let accepted = try home.verify(builtFile)
        #expect(accepted.status == 0, "\(accepted.all)\n\((try? fixture.read(builtFile)) ?? "")")
        #expect(accepted.stdout.contains("Body encrypted before it was signed (sp:EncryptBeforeSigning)"), "\(accepted.all)")
        #expect(accepted.stdout.contains("Signature encrypted (sp:EncryptSignature)"), "\(accepted.all)")
    }
}
