import Foundation
import KeyMaterial
import Testing
import TestSupport
@testable import WSSecurity

/// The engine's trusted-signer check on real three-level chains made by keytool -gencert: the service trusts
/// the root only, and the intermediate comes from the context (a truststore's CA chain).
@Suite(.serialized) struct EngineTrustChainTests {
    typealias F = EngineFixture

    /// A scenario 2 request signed by the client key, whose certificate the CA's intermediate issued.
    func signedRequest(_ ca: KeytoolCA) throws -> Data {
        let request = Keystore(format: .pkcs12, entries: [.privateKey(alias: "client", key: F.clientKey, chain: [F.clientCertificate])])
        let leaf = try ca.sign(csr: request.certificateSigningRequest(alias: "client"))
        var client = F.client()
        client.ownKey = (F.clientKey, [leaf])
        return try SecurityEngine(policy: F.policy(2)).secure(F.envelope(), context: client)
    }

    func fault(_ message: Data, _ context: SecurityContext) -> SecurityFault? {
        do {
            _ = try SecurityEngine(policy: F.policy(2)).verify(message, context: context)
            return nil
        } catch {
            return error
        }
    }

    @Test func aSignerIsTrustedThroughItsIntermediateOnly() throws {
        let ca = try KeytoolCA()
        defer { ca.remove() }
        let message = try signedRequest(ca)
        var service = F.service(trusted: [ca.root])
        let missing = fault(message, service)
        #expect(missing?.code == .failedAuthentication && missing?.message.contains("neither trusted nor among") == true, "\(String(describing: missing))")
        service.intermediates = [ca.intermediate]
        #expect(fault(message, service) == nil)
        // The intermediate alone links; it is not an anchor.
        let noRoot = fault(message, { var context = F.service(trusted: [F.serviceCertificate]); context.intermediates = [ca.intermediate, ca.root]; return context }())
        #expect(noRoot?.code == .failedAuthentication && noRoot?.message.contains("a root that is not trusted") == true, "\(String(describing: noRoot))")
    }

    @Test func anExpiredIntermediateIsNamedInTheFault() throws {
        let ca = try KeytoolCA(intermediateStart: "-400d", intermediateDays: 30)
        defer { ca.remove() }
        var service = F.service(trusted: [ca.root])
        service.intermediates = [ca.intermediate]
        let expired = fault(try signedRequest(ca), service)
        #expect(expired?.code == .failedAuthentication && expired?.message.contains("CN=Test Intermediate CA,O=wssconsole expired on") == true,
                "\(String(describing: expired))")
    }
}
