import Foundation
import Testing

/// An empty Body (a ping, `message envelope` without --body) under the scenarios that encrypt it, with Apache WSS4J
/// 1.6: the content encrypted by our client (padding only) is decrypted by WSSecurityEngine, so the empty
/// plaintext our service now accepts is what a peer makes of it too.
@Suite struct EmptyBodyInteropTests {
    @Test(arguments: [5, 8])
    func wss4jAcceptsOurEncryptedEmptyBody(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let home = try InteropHome(scenario: scenario, fixture: fixture)
        let plain = try fixture.write("empty-body-\(scenario)-\(UUID().uuidString).xml", """
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
              <soapenv:Header/>
              <soapenv:Body/>
            </soapenv:Envelope>
            """)
        let (secured, file) = try home.secure(plain)
        try #require(secured.status == 0, "\(secured.all)")
        #expect(try fixture.read(file).contains("#Content"), "the Body's content travels encrypted")
        let theirs = try fixture.verify(scenario: scenario, file: file, home: home.root)
        #expect(theirs.status == 0, "\(theirs.all)")
        let ours = try home.verify(file)
        #expect(ours.status == 0 && ours.stdout.contains("Body encrypted"), "\(ours.all)")
    }
}
