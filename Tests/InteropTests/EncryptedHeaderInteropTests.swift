import Foundation
import Testing

/// A header named in sp:SignedParts and sp:EncryptedParts, with Apache WSS4J 1.6 on scenarios 5 (asymmetric) and 8
/// (symmetric): our request, the header signed and then encrypted into a wsse11:EncryptedHeader, is accepted by
/// WSSecurityEngine, which decrypts and verifies it; WSS4J's builders doing the same (its "Header" encryption part,
/// what Rampart sends) are accepted by us; and the header sent in clear is refused.
@Suite struct EncryptedHeaderInteropTests {
    static let trace = #"<t:Trace xmlns:t="urn:example:trace" soap:mustUnderstand="1">trace-7f3a</t:Trace>"#

    @Test(arguments: [5, 8])
    func bothWaysAndRefusedInClear(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let plain = try fixture.write("plain-trace11.xml", PeerFixture.envelope(soap: PeerFixture.soap11)
            .replacingOccurrences(of: "<soap:Header/>", with: "<soap:Header>\(Self.trace)</soap:Header>"))
        let home = try InteropHome(scenario: scenario, fixture: fixture, edit: (name: "TraceHeader", change: { policy in
            policy.replacingOccurrences(of: "<sp:Body/>", with: #"<sp:Body/><sp:Header Name="Trace" Namespace="urn:example:trace"/>"#)
        }))
        let (secured, file) = try home.secure(plain)
        try #require(secured.status == 0, "\(secured.all)")
        #expect(secured.stdout.contains("Header Trace encrypted"), "\(secured.all)")
        let text = try fixture.read(file)
        #expect(text.contains("<wsse11:EncryptedHeader") && !text.contains("trace-7f3a"), "\(text)")
        let verified = try fixture.verify(scenario: scenario, file: file, home: home.root, extra: ["--header", "{urn:example:trace}Trace"])
        #expect(verified.status == 0, "\(verified.all)\n\(text)")
        #expect(verified.stdout.contains("Header Trace decrypted from its EncryptedHeader, and signed"), "\(verified.all)")

        let (built, builtFile) = try fixture.build(scenario: scenario, home: home.root, extra: ["--header", "{urn:example:trace}Trace"], input: plain)
        try #require(built.status == 0, "\(built.all)")
        let builtText = try fixture.read(builtFile)
        #expect(builtText.contains("EncryptedHeader") && !builtText.contains("trace-7f3a"), "WSS4J encrypted the header: \(builtText)")
        let accepted = try home.verify(builtFile)
        #expect(accepted.status == 0, "\(accepted.all)\n\(builtText)")
        #expect(accepted.stdout.contains("Trace encrypted and decrypted") && accepted.stdout.contains("header Trace"), "\(accepted.all)")

        let (inClear, clearFile) = try fixture.build(scenario: scenario, home: home.root, input: plain)
        try #require(inClear.status == 0, "\(inClear.all)")
        let refused = try home.verify(clearFile)
        #expect(refused.status == 1 && refused.stdout.contains("The header Trace is not"), "\(refused.all)")
    }
}
