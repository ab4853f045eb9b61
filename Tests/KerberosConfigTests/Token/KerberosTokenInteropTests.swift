import Foundation
import InteropPeer
import KerberosConfig
import KeyMaterial
import Testing

/// Our Kerberos token against Apache WSS4J's own (KerberosSecurity and KerberosTokenValidator on Java's GSS-API,
/// what a Rampart or WSO2 client and service run for scenario 16), both ways, with the real KDC of tests/kdc.sh:
/// each side accepts the other's token, names the same client and holds the same session key.
@Suite struct KerberosTokenInteropTests {
    let kdc = TestKDC.shared

    func hex(_ secret: Secret) -> String { secret.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() } }

    func line(_ prefix: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    @Test func wss4jAcceptsOurTokenAndHoldsTheSameSessionKey() throws {
        let folder = try TempFolder()
        let (krb5, jaas, _) = try kdc.wss4jFiles(in: folder)
        let ours = try KerberosTokens.request(configPath: krb5, client: kdc.userPrincipal, credential: .password(Secret(kdc.userPassword)),
                                              service: kdc.servicePrincipal)
        let token = try folder.write("token.b64", Data(ours.token).base64EncodedString())
        let peer = try WSS4JPeer.prepare().run(["kerberos-accept", "--krb5", krb5, "--jaas", jaas, "--service", kdc.servicePrincipal, token])
        #expect(peer.status == 0, "\(peer.all)")
        #expect(line("principal=", in: peer.stdout) == ours.client)
        #expect(line("key=", in: peer.stdout) == hex(ours.sessionKey))
    }

    @Test func weAcceptWSS4JsTokenAndHoldTheSameSessionKey() throws {
        let folder = try TempFolder()
        let (krb5, jaas, password) = try kdc.wss4jFiles(in: folder)
        let token = folder.path + "/token.b64"
        let peer = try WSS4JPeer.prepare().run(["kerberos-request", "--krb5", krb5, "--jaas", jaas, "--client", kdc.userPrincipal,
                                                "--password-file", password, "--service", kdc.servicePrincipal, token])
        #expect(peer.status == 0, "\(peer.all)")
        let bytes = try #require(Data(base64Encoded: String(decoding: try Data(contentsOf: URL(fileURLWithPath: token)), as: UTF8.self)))
        let accepted = try KerberosTokens.accept([UInt8](bytes), keytab: kdc.serviceKeytab, service: kdc.servicePrincipal)
        #expect(accepted.client == kdc.userPrincipal)
        #expect(hex(accepted.sessionKey) == line("key=", in: peer.stdout))
    }
}
