import Foundation
import KeyMaterial
import Testing
@testable import InteropPeer
import WSSecurity

/// Scenarios 9-15 against Apache WSS4J 1.6.19: a token issued by our service (as STS) to our client; WSS4J, given
/// the token's identifier and secret through its callback (as Rampart hands them over), builds messages under it
/// that our service accepts, and accepts the messages our client builds. A wrong secret is refused on both sides.
@Suite struct SecureConversationInteropTests {
    /// One run's keys: the service's key pair, the client's (trusted by the service for bootstrap A).
    static let clientKey = try! PrivateKey.generate(.rsa(bits: 2048))
    static let clientCertificate = try! Certificate.selfSigned(key: clientKey, subject: "CN=sct client", validityDays: 30)
    static let serviceKey = try! PrivateKey.generate(.rsa(bits: 2048))
    static let serviceCertificate = try! Certificate.selfSigned(key: serviceKey, subject: "CN=sct service", validityDays: 30)

    static func client() -> SecurityContext {
        SecurityContext(role: .client, ownKey: (clientKey, [clientCertificate]), peerCertificate: serviceCertificate, trusted: [serviceCertificate])
    }

    static func service() -> SecurityContext {
        SecurityContext(role: .service, ownKey: (serviceKey, [serviceCertificate]), trusted: [clientCertificate])
    }

    static let envelope = Data(#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header/><soap:Body><m:order xmlns:m="urn:example:orders">two boxes</m:order></soap:Body></soap:Envelope>"#.utf8)

    /// A token from a real issue exchange under the scenario's bootstrap policy, and its secret in a 0600 file.
    func establish(_ scenario: Int, fixture: PeerFixture) throws -> (SecureConversationService, SecurityContextToken, String) {
        let policy = ScenarioCatalogue.scenario(scenario)!.policy(for: HostSettings())
        let service = SecureConversationService(policy: policy, store: SecurityContextStore())
        let client = SecureConversationClient(policy: policy, serviceAddress: "https://localhost/services/Orders")
        let pending = try client.issueRequest(context: Self.client())
        let answer = try service.issue(pending.secured.envelope, context: Self.service())
        let token = try client.accept(answer.response, for: pending, context: Self.client()).0
        let file = try secretFile(token.secret.withUnsafeBytes { Data($0) }, fixture: fixture)
        return (service, token, file)
    }

    func secretFile(_ secret: Data, fixture: PeerFixture) throws -> String {
        let path = fixture.scratch("sct-secret")
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        try Data(secret.base64EncodedString().utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func peerSCT(_ fixture: PeerFixture, _ arguments: [String]) throws -> (Int32, String) {
        let output = try ChildProcess.run(fixture.peer.java, ["-cp", fixture.peer.classpath, "PeerSCT"] + arguments, timeout: 120)
        return (output.status, output.stdout + output.stderr)
    }

    static func protect(_ scenario: Int) -> String { scenario == 9 || scenario == 12 ? "sign" : "sign,encrypt" }

    @Test(arguments: [9, 10, 11, 12, 13])
    func wss4jMessagesUnderOurTokenAreAccepted(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let (service, token, secret) = try establish(scenario, fixture: fixture)
        let plain = try fixture.write("sct-plain.xml", String(decoding: Self.envelope, as: UTF8.self))
        let built = fixture.scratch("sct-wss4j")
        let (status, output) = try peerSCT(fixture, ["build", "--identifier", token.identifier, "--secret-file", secret,
                                                      "--protect", Self.protect(scenario), plain, built])
        #expect(status == 0, "\(output)")
        let message = try Data(contentsOf: URL(fileURLWithPath: built))
        let verified = try service.verify(message, context: Self.service())
        #expect(String(decoding: verified.envelope, as: UTF8.self).contains("two boxes</m:order>"))
        #expect(verified.checks.first?.contains(token.identifier) == true, "\(verified.checks)")

        let wrong = try secretFile(try SecureRandom.bytes(32), fixture: fixture)
        let forged = fixture.scratch("sct-wss4j-forged")
        _ = try peerSCT(fixture, ["build", "--identifier", token.identifier, "--secret-file", wrong, "--protect", Self.protect(scenario), plain, forged])
        #expect(throws: SecurityFault.self) { try service.verify(try Data(contentsOf: URL(fileURLWithPath: forged)), context: Self.service()) }
    }

    @Test(arguments: [9, 10, 11, 12, 13])
    func ourMessagesUnderTheTokenAreAcceptedByWSS4J(scenario: Int) throws {
        let fixture = try PeerFixture.get()
        let (service, token, secret) = try establish(scenario, fixture: fixture)
        var context = Self.client()
        context.conversation = token
        let secured = try SecurityEngine(policy: service.policy).secure(Self.envelope, context: context)
        let path = try fixture.write("sct-ours-\(scenario).xml", String(decoding: secured, as: UTF8.self))
        let (status, output) = try peerSCT(fixture, ["verify", "--identifier", token.identifier, "--secret-file", secret,
                                                      "--protect", scenario == 10 ? "encrypt" : Self.protect(scenario), path])
        #expect(status == 0 && output.contains("accepted"), "\(output)")

        let wrong = try secretFile(try SecureRandom.bytes(32), fixture: fixture)
        let (refused, why) = try peerSCT(fixture, ["verify", "--identifier", token.identifier, "--secret-file", wrong, "--protect", "sign", path])
        #expect(refused == 1 && why.contains("rejected"), "\(why)")
    }
}
