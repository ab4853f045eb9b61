import Foundation
import KeyMaterial
import Testing
import TestSupport

/// `ChainVerifier` on real three-level chains made by keytool -gencert (root -> intermediate -> leaf).
@Suite(.serialized) struct ChainVerifierTests {
    func reason(_ result: Result<[Certificate], ChainVerifier.Failure>) -> ChainVerifier.Failure.Reason? {
        if case .failure(let failure) = result { return failure.reason }
        return nil
    }

    @Test func aLeafChainsThroughItsIntermediateAndEachBreakIsNamed() throws {
        let ca = try KeytoolCA()
        defer { ca.remove() }
        let store = KeystoreFormatsTests.sample(.pkcs12)
        let leaf = try ca.sign(csr: store.certificateSigningRequest(alias: "service"))
        let now = Date()

        let full = ChainVerifier(anchors: [ca.root], intermediates: [ca.intermediate])
        #expect(try full.verify(leaf, at: now).get() == [leaf, ca.intermediate, ca.root])
        // An intermediate a truststore holds is an anchor of its own, as in Java.
        #expect(try ChainVerifier(anchors: [ca.intermediate]).verify(leaf, at: now).get() == [leaf, ca.intermediate])
        #expect(try ChainVerifier(anchors: [leaf]).verify(leaf, at: now).get() == [leaf])

        let missing = ChainVerifier(anchors: [ca.root]).verify(leaf, at: now)
        #expect(reason(missing) == .unknownIssuer)
        if case .failure(let failure) = missing { #expect(failure.description.contains("CN=Test Intermediate CA")) }
        #expect(reason(ChainVerifier(anchors: [Fixtures.ecCertificate], intermediates: [ca.intermediate, ca.root]).verify(leaf, at: now)) == .untrustedRoot)
        // The caller's clock decides: before the leaf's start, after the root's end.
        #expect(reason(full.verify(leaf, at: leaf.notBefore.addingTimeInterval(-86_400))) == .notYetValid)
        let late = full.verify(leaf, at: ca.root.notAfter.addingTimeInterval(86_400))
        #expect(reason(late) == .expired)

        // One flipped bit in the leaf's signature.
        var der = [UInt8](leaf.derBytes)
        der[der.count - 5] ^= 0x01
        let tampered = try Certificate(derBytes: Data(der))
        let bad = full.verify(tampered, at: now)
        #expect(reason(bad) == .badSignature)
        if case .failure(let failure) = bad { #expect(failure.subject == leaf.subject) }
    }

    @Test func anExpiredIntermediateIsNamed() throws {
        let ca = try KeytoolCA(intermediateStart: "-400d", intermediateDays: 30)
        defer { ca.remove() }
        let store = KeystoreFormatsTests.sample(.pkcs12)
        let leaf = try ca.sign(csr: store.certificateSigningRequest(alias: "service"))
        let result = ChainVerifier(anchors: [ca.root], intermediates: [ca.intermediate]).verify(leaf, at: Date())
        guard case .failure(let failure) = result else { Issue.record("an expired intermediate was accepted"); return }
        #expect(failure.reason == .expired && failure.subject == ca.intermediate.subject)
        #expect(failure.description == "CN=Test Intermediate CA,O=wssconsole expired on \(DisplayDate.time(ca.intermediate.notAfter))")
    }

    /// What issues certificates as the verifier sees it: keytool's CAs (-ext bc:c) and openssl's req -x509 (CA:TRUE by
    /// default), not a leaf, wssconsole's own key pairs (CA:FALSE) nor keytool's self-signed ones (no basicConstraints),
    /// which cannot issue a chain that verifies.
    @Test func aCAIsTold() throws {
        let ca = try KeytoolCA()
        defer { ca.remove() }
        let leaf = try ca.sign(csr: KeystoreFormatsTests.sample(.pkcs12).certificateSigningRequest(alias: "service"))
        #expect(ca.root.isCA && ca.intermediate.isCA && !leaf.isCA)
        #expect(!(try Certificate.selfSigned(key: PrivateKey.generate(.ecP256), subject: "CN=pair", validityDays: 1)).isCA)
        let store = ["-storetype", "PKCS12", "-keystore", ca.path("plain.p12"), "-storepass", "plain-pass"]
        try KeytoolCA.keytool(["-genkeypair", "-alias", "plain", "-keyalg", "EC", "-dname", "CN=plain"] + store)
        let plain = try KeytoolCA.keytool(["-exportcert", "-rfc", "-alias", "plain"] + store)
        #expect(!(try Certificate(pemString: plain)).isCA)
        let (status, output) = try Program.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                                                    "-keyout", ca.path("o.key"), "-out", ca.path("o.pem"), "-subj", "/CN=openssl", "-days", "1"])
        try #require(status == 0, "\(output)")
        #expect(try Certificate(pemString: String(contentsOfFile: ca.path("o.pem"), encoding: .utf8)).isCA)
    }
}
