import Foundation
import Testing

/// sp:SignedEncryptedSupportingTokens with Apache WSS4J 1.6 on scenario 8 (symmetric) and 7 (encrypt only): our
/// request, its UsernameToken encrypted with the Body, is accepted by WSSecurityEngine, which authenticates the
/// token once decrypted; WSS4J's builders encrypting the token are accepted by us; and a token in clear is refused.
@Suite struct EncryptedUsernameTokenInteropTests {
    static let renaming = (from: "SignedSupportingTokens", to: "SignedEncryptedSupportingTokens")

    @Test(arguments: [7, 8])
    func bothWays(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture, renaming: Self.renaming)
        let (secured, file) = try home.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        #expect(secured.stdout.contains("UsernameToken encrypted"), "\(secured.all)")
        #expect(!(try fixture.read(file)).contains("alice"), "the token travels encrypted")
        let verified = try fixture.verify(scenario: scenario, file: file, home: home.root, extra: ["--encrypt-username-token"])
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        #expect(verified.stdout.contains("UsernameToken of alice authenticated"), "\(verified.all)")
        #expect(verified.stdout.contains("UsernameToken encrypted"), "\(verified.all)")

        let (built, builtFile) = try fixture.build(scenario: scenario, home: home.root, extra: ["--encrypt-username-token"])
        try #require(built.status == 0, "\(built.all)")
        #expect(!(try fixture.read(builtFile)).contains("alice"), "WSS4J encrypted the token")
        let accepted = try home.verify(builtFile)
        #expect(accepted.status == 0, "\(accepted.all)\n\((try? fixture.read(builtFile)) ?? "")")
        #expect(accepted.stdout.contains("UsernameToken encrypted (sp:EncryptedSupportingTokens) and decrypted"), "\(accepted.all)")

        let (inClear, clearFile) = try fixture.build(scenario: scenario, home: home.root)
        try #require(inClear.status == 0, "\(inClear.all)")
        let refused = try home.verify(clearFile)
        #expect(refused.status == 1 && refused.stdout.contains("The UsernameToken is not encrypted"), "\(refused.all)")
    }
}
