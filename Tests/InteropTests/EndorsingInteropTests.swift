import Foundation
import Testing

/// sp:EndorsingSupportingTokens with an X.509 token, with Apache WSS4J 1.6: under scenario 1's transport binding
/// (WCF's CertificateOverTransport) the client's certificate signs the Timestamp, under 5's asymmetric and 8's
/// symmetric binding (WCF's MutualCertificate) the binding's Signature. Our request is accepted by WSSecurityEngine,
/// WSS4J's builders endorsing the same way are accepted by us, and a request without the endorsement is refused.
@Suite struct EndorsingInteropTests {
    static let endorsing = #"<sp:EndorsingSupportingTokens><wsp:Policy><sp:X509Token sp:IncludeToken="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy/IncludeToken/AlwaysToRecipient">"#
        + "<wsp:Policy><sp:WssX509V3Token10/></wsp:Policy></sp:X509Token></wsp:Policy></sp:EndorsingSupportingTokens>"

    @Test func bothWaysAndRefusedWithout() throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: 1, fixture: fixture, edit: (name: "Endorsed", change: { policy in
            policy.replacingOccurrences(of: "</sp:SignedSupportingTokens>", with: "</sp:SignedSupportingTokens>" + Self.endorsing)
        }))
        let (secured, file) = try home.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        #expect(secured.stdout.contains("Timestamp endorsed (sp:EndorsingSupportingTokens"), "\(secured.all)")
        let verified = try fixture.verify(scenario: 1, file: file, home: home.root, extra: ["--endorse"])
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        #expect(verified.stdout.contains("Timestamp endorsed by"), "\(verified.all)")

        let (built, builtFile) = try fixture.build(scenario: 1, home: home.root, extra: ["--endorse"])
        try #require(built.status == 0, "\(built.all)")
        let accepted = try home.verify(builtFile)
        #expect(accepted.status == 0, "\(accepted.all)\n\((try? fixture.read(builtFile)) ?? "")")
        #expect(accepted.stdout.contains("Timestamp endorsed by CN=wssconsole demo client"), "\(accepted.all)")

        let (plain, plainFile) = try fixture.build(scenario: 1, home: home.root)
        try #require(plain.status == 0, "\(plain.all)")
        let refused = try home.verify(plainFile)
        #expect(refused.status == 1 && refused.stdout.contains("not signed by the client's certificate"), "\(refused.all)")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let scenario: Int
        let encryptSignature: Bool
        var signed = false
        var testDescription: String {
            "scenario \(scenario)" + (signed ? ", signed endorsing" : "") + (encryptSignature ? " with sp:EncryptSignature" : "")
        }
    }

    /// With sp:EncryptSignature (WCF's default, so its MutualCertificate) both Signatures travel encrypted. Under
    /// sp:SignedEndorsingSupportingTokens the binding's Signature also covers the endorsing BinarySecurityToken, and
    /// a request endorsed without that is refused.
    @Test(arguments: [Case(scenario: 5, encryptSignature: false), Case(scenario: 8, encryptSignature: false),
                      Case(scenario: 5, encryptSignature: true), Case(scenario: 8, encryptSignature: true),
                      Case(scenario: 5, encryptSignature: false, signed: true), Case(scenario: 8, encryptSignature: true, signed: true)])
    func theSignatureEndorsedBothWaysAndRefusedWithout(_ c: Case) throws {
        let scenario = c.scenario
        let fixture = try PeerFixture.get()
        let encryptSignature = c.encryptSignature
        let assertion = c.signed ? Self.endorsing.replacingOccurrences(of: "EndorsingSupportingTokens", with: "SignedEndorsingSupportingTokens")
            : Self.endorsing
        let name = (c.signed ? "SignedEndorsed" : "Endorsed") + (encryptSignature ? "EncSig" : "")
        let home = try InteropHome(scenario: scenario, fixture: fixture, edit: (name: name, change: { policy in
            let endorsed = policy.replacingOccurrences(of: "<sp:SignedParts>", with: assertion + "<sp:SignedParts>")
            return encryptSignature ? endorsed.replacingOccurrences(of: "<sp:OnlySignEntireHeadersAndBody/>",
                                                                    with: "<sp:OnlySignEntireHeadersAndBody/><sp:EncryptSignature/>") : endorsed
        }))
        let encrypting = encryptSignature ? ["--encrypt-signature"] : []
        let flags = [c.signed ? "--signed-endorse" : "--endorse"] + encrypting
        let (secured, file) = try home.secure(fixture.path("plain11.xml"))
        try #require(secured.status == 0, "\(secured.all)")
        #expect(secured.stdout.contains("Signature endorsed (sp:\(c.signed ? "Signed" : "")EndorsingSupportingTokens"), "\(secured.all)")
        #expect(secured.stdout.contains("Endorsing Signature encrypted") == encryptSignature, "\(secured.all)")
        let verified = try fixture.verify(scenario: scenario, file: file, home: home.root, extra: flags)
        #expect(verified.status == 0, "\(verified.all)\n\((try? fixture.read(file)) ?? "")")
        #expect(verified.stdout.contains("Signature endorsed by"), "\(verified.all)")

        let (built, builtFile) = try fixture.build(scenario: scenario, home: home.root, extra: flags)
        try #require(built.status == 0, "\(built.all)")
        let accepted = try home.verify(builtFile)
        #expect(accepted.status == 0, "\(accepted.all)\n\((try? fixture.read(builtFile)) ?? "")")
        #expect(accepted.stdout.contains("Signature endorsed by CN=wssconsole demo client"), "\(accepted.all)")

        let (plain, plainFile) = try fixture.build(scenario: scenario, home: home.root, extra: c.signed ? ["--endorse"] + encrypting : encrypting)
        try #require(plain.status == 0, "\(plain.all)")
        let refused = try home.verify(plainFile)
        #expect(refused.status == 1 && refused.stdout.contains(c.signed ? "BinarySecurityToken is not signed by the message's Signature" : "Signature is not endorsed"), "\(refused.all)")
        if c.signed {
            // The peer's check can fail too: WSS4J's builder endorsing without signing the token is not signed endorsing.
            let peerRefused = try fixture.verify(scenario: scenario, file: plainFile, home: home.root, extra: flags)
            #expect(peerRefused.status == 1 && peerRefused.stdout.contains("endorsing BinarySecurityToken"), "\(peerRefused.all)")
        }
    }
}
