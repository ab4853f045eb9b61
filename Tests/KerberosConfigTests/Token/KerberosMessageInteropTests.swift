import Foundation
import InteropPeer
import KerberosConfig
import Testing
import WSSecurity

/// Scenario 16's whole request against Apache WSS4J 1.6 (what Rampart and WSO2 run), both ways, with the real KDC of
/// tests/kdc.sh: WSS4J's WSSecurityEngine with its KerberosTokenValidator verifies our engine's request, and our
/// engine verifies the request WSS4J's builders make (Timestamp, KerberosSecurity token, hmac-sha1 Signature keyed
/// by its session key). A message changed after signing and a service with a stale keytab are refused.
@Suite struct KerberosMessageInteropTests {
    let kdc = TestKDC.shared
    /// The engine, ticket and contexts of the engine's own Kerberos tests.
    let ours = KerberosEngineTests()

    func verifyWithWSS4J(_ envelope: Data, in folder: TempFolder, name: String, extra: [String] = []) throws -> WSS4JPeer.Result {
        let (krb5, jaas, _) = try kdc.wss4jFiles(in: folder)
        let file = try folder.write(name, String(decoding: envelope, as: UTF8.self))
        return try WSS4JPeer.prepare().run(["kerberos-verify", "--krb5", krb5, "--jaas", jaas, "--service", kdc.servicePrincipal] + extra + [file])
    }

    @Test func wss4jAcceptsOurRequestAndRefusesItWithTheBodyChanged() throws {
        let folder = try TempFolder()
        let secured = try ours.engine.secured(KerberosEngineTests.request, context: ours.client(ticket: try ours.ticket()))
        let accepted = try verifyWithWSS4J(secured.envelope, in: folder, name: "ours.xml")
        #expect(accepted.status == 0, "\(accepted.all)")
        #expect(accepted.stdout.contains("principal=\(kdc.userPrincipal)"), "\(accepted.all)")
        #expect(accepted.stdout.contains("hmac-sha1 by the Kerberos session key"), "\(accepted.all)")
        #expect(accepted.stdout.contains("over Timestamp, Body"), "\(accepted.all)")

        let other = try ours.engine.secured(KerberosEngineTests.request, context: ours.client(ticket: try ours.ticket()))
        let tampered = Data(String(decoding: other.envelope, as: UTF8.self).replacingOccurrences(of: "two boxes", with: "ten boxes").utf8)
        let refused = try verifyWithWSS4J(tampered, in: folder, name: "tampered.xml")
        #expect(refused.status == 1, "\(refused.all)")
        #expect(refused.stdout.contains("rejected: The signature or decryption was invalid"), "\(refused.all)")
    }

    @Test func weAcceptWSS4JsRequestAndRefuseItWithAStaleKeytab() throws {
        let folder = try TempFolder()
        let (krb5, jaas, password) = try kdc.wss4jFiles(in: folder)
        let plain = try folder.write("plain.xml", String(decoding: KerberosEngineTests.request, as: UTF8.self))
        let built = folder.path + "/wss4j.xml"
        let peer = try WSS4JPeer.prepare().run(["kerberos-build", "--krb5", krb5, "--jaas", jaas, "--client", kdc.userPrincipal,
                                                "--password-file", password, "--service", kdc.servicePrincipal, plain, built])
        #expect(peer.status == 0, "\(peer.all)")
        let envelope = try Data(contentsOf: URL(fileURLWithPath: built))
        #expect(String(decoding: envelope, as: UTF8.self).contains("ValueType=\"http://docs.oasis-open.org/wss/oasis-wss-kerberos-token-profile-1.1#GSS_Kerberosv5_AP_REQ\""))

        // The stale keytab first: a refused token is not remembered, so the real keytab then sees no replay.
        let stale = ours.fault { _ = try ours.engine.verify(envelope, context: ours.service(keytab: kdc.staleKeytab)) }
        #expect(stale?.code == .failedAuthentication, "\(String(describing: stale))")

        let verified = try ours.engine.verify(envelope, context: ours.service())
        #expect(verified.principal == kdc.userPrincipal)
        #expect(verified.checks.contains { $0.contains("Timestamp, Body signed by the session key") }, "\(verified.checks)")
        #expect(verified.checks.contains("Kerberos token of \(kdc.userPrincipal) accepted with the service's keys"), "\(verified.checks)")
    }

    /// The Body encrypted too, under suites whose key is shorter than the ticket's aes256-cts session key: both sides
    /// cut the key to the cipher's length (WSS4J's prepareSecretKey), and each accepts the other's message.
    @Test(arguments: [AlgorithmSuite.basic256, .basic128, .tripleDes])
    func anEncryptedBodyUnderEachSuiteBothWays(suite: AlgorithmSuite) throws {
        let engine = ours.encryptingEngine(suite)
        let folder = try TempFolder()
        let cipher = ["Basic256": "aes256-cbc", "Basic128": "aes128-cbc", "TripleDes": "tripledes-cbc"][suite.rawValue]!
        let extra = ["--encrypt-body", "--suite", suite.rawValue]

        let secured = try engine.secured(KerberosEngineTests.request, context: ours.client(ticket: try ours.ticket()))
        let accepted = try verifyWithWSS4J(secured.envelope, in: folder, name: "ours-\(suite.rawValue).xml", extra: extra)
        #expect(accepted.status == 0, "\(accepted.all)")
        #expect(accepted.stdout.contains("Body encrypted with \(cipher) under the Kerberos session key"), "\(accepted.all)")

        let (krb5, jaas, password) = try kdc.wss4jFiles(in: folder)
        let plain = try folder.write("plain.xml", String(decoding: KerberosEngineTests.request, as: UTF8.self))
        let built = folder.path + "/wss4j-\(suite.rawValue).xml"
        let peer = try WSS4JPeer.prepare().run(["kerberos-build", "--krb5", krb5, "--jaas", jaas, "--client", kdc.userPrincipal,
                                                "--password-file", password, "--service", kdc.servicePrincipal] + extra + [plain, built])
        try #require(peer.status == 0, "\(peer.all)")
        let envelope = try Data(contentsOf: URL(fileURLWithPath: built))
        #expect(String(decoding: envelope, as: UTF8.self).contains("xmlenc#\(cipher)") && !String(decoding: envelope, as: UTF8.self).contains("two boxes"))
        let verified = try engine.verify(envelope, context: ours.service())
        #expect(verified.checks.contains("Body encrypted (\(cipher)) and decrypted"), "\(verified.checks)")
    }
}
