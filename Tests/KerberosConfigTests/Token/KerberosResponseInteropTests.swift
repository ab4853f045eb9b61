import Foundation
import InteropPeer
import KerberosConfig
import Testing
import WSSecurity

/// Scenario 16's response against Apache WSS4J 1.6 (what Rampart and WSO2 run), both ways, with the real KDC of
/// tests/kdc.sh: the response carries no token; its hmac-sha1 Signature is keyed by the request's session key and
/// names the token by wsse:KeyIdentifier #Kerberosv5APREQSHA1. WSS4J, as the client, finds that key through its
/// secret-key callback for that SHA-1 only; we, as the client, find it in the request's context.
@Suite struct KerberosResponseInteropTests {
    let kdc = TestKDC.shared
    let ours = KerberosEngineTests()

    /// The session key (hex) and the token's Base64 SHA-1 that name it, as the client kept them from its request.
    func sessionKey(of secured: SecuredMessage) throws -> (hex: String, sha1: String) {
        let key = try #require(secured.requestContext.sessionKey)
        guard case .kerberos(let sha1) = key.source else { throw SecurityFault(.misconfigured, "not a Kerberos session key") }
        return (key.secret.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }, sha1)
    }

    func verifyWithWSS4J(_ envelope: Data, key: (hex: String, sha1: String), in folder: TempFolder, name: String) throws -> WSS4JPeer.Result {
        let file = try folder.write(name, String(decoding: envelope, as: UTF8.self))
        return try WSS4JPeer.prepare().run(["kerberos-verify-response", "--session-key-hex", key.hex, "--token-sha1", key.sha1, file])
    }

    @Test func wss4jAcceptsOurResponseAndRefusesItWithTheBodyChanged() throws {
        let folder = try TempFolder()
        let secured = try ours.engine.secured(KerberosEngineTests.request, context: ours.client(ticket: try ours.ticket()))
        let verified = try ours.engine.verify(secured.envelope, context: ours.service())
        let response = try ours.engine.secured(KerberosEngineTests.response, context: ours.service(.response, request: verified.requestContext))
        let key = try sessionKey(of: secured)

        let accepted = try verifyWithWSS4J(response.envelope, key: key, in: folder, name: "ours.xml")
        #expect(accepted.status == 0, "\(accepted.all)")
        #expect(accepted.stdout.contains("hmac-sha1 by the Kerberos session key over Timestamp, Body, 1 SignatureConfirmation(s)"), "\(accepted.all)")

        let tampered = Data(String(decoding: response.envelope, as: UTF8.self)
            .replacingOccurrences(of: "<m:ok xmlns:m=\"urn:example:orders\"/>", with: "<m:ok xmlns:m=\"urn:example:orders\">no</m:ok>").utf8)
        #expect(tampered != response.envelope)
        let refused = try verifyWithWSS4J(tampered, key: key, in: folder, name: "tampered.xml")
        #expect(refused.status == 1, "\(refused.all)")
        #expect(refused.stdout.contains("rejected: The signature or decryption was invalid"), "\(refused.all)")

        // Another request's token SHA-1: WSS4J's callback has no key for this response's KeyIdentifier.
        let other = try sessionKey(of: try ours.engine.secured(KerberosEngineTests.request, context: ours.client(ticket: try ours.ticket())))
        let unknown = try verifyWithWSS4J(response.envelope, key: (key.hex, other.sha1), in: folder, name: "unknown.xml")
        #expect(unknown.status == 1 && unknown.stdout.contains("rejected: "), "\(unknown.all)")
    }

    @Test func weAcceptWSS4JsResponseAndRefuseItForAnotherRequest() throws {
        let folder = try TempFolder()
        let (krb5, jaas, _) = try kdc.wss4jFiles(in: folder)
        let secured = try ours.engine.secured(KerberosEngineTests.request, context: ours.client(ticket: try ours.ticket()))
        let request = try folder.write("request.xml", String(decoding: secured.envelope, as: UTF8.self))
        let plain = try folder.write("plain.xml", String(decoding: KerberosEngineTests.response, as: UTF8.self))
        let answered = folder.path + "/wss4j-response.xml"
        let peer = try WSS4JPeer.prepare().run(["kerberos-respond", "--krb5", krb5, "--jaas", jaas, "--service", kdc.servicePrincipal,
                                                "--request", request, plain, answered])
        #expect(peer.status == 0, "\(peer.all)")
        #expect(peer.stdout.contains("confirmed 1 request signature value(s)"), "\(peer.all)")
        let envelope = try Data(contentsOf: URL(fileURLWithPath: answered))
        let text = String(decoding: envelope, as: UTF8.self)
        let sha1 = try sessionKey(of: secured).sha1
        #expect(text.contains("#Kerberosv5APREQSHA1") && text.contains(sha1), "\(text)")
        #expect(!text.contains("BinarySecurityToken"), "\(text)")

        let accepted = try ours.engine.verify(envelope, context: ours.client(.response, request: secured.requestContext))
        #expect(accepted.checks.contains("SignatureConfirmation matches the request's signatures"), "\(accepted.checks)")

        let other = try ours.engine.secured(KerberosEngineTests.request, context: ours.client(ticket: try ours.ticket()))
        let refused = ours.fault { _ = try ours.engine.verify(envelope, context: ours.client(.response, request: other.requestContext)) }
        #expect(refused?.code == .securityTokenUnavailable, "\(String(describing: refused))")
    }
}
