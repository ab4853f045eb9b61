import Foundation
import Testing
@testable import SecureXML

/// Damaged stream-signed documents end in a typed error, never a crash or a hang, and the streaming verifier
/// accepts exactly what the tree verifier accepts: the same seeded damage as `HostileInputTests`, both verdicts
/// compared for each copy.
@Suite struct StreamingHostileInputTests {
    let base = StreamingSignatureTests()

    /// The tree verifier's verdict on a document: the canonical forms it covered, or nil when it refuses it.
    func treeVerdict(_ bytes: [UInt8]) -> [[UInt8]]? {
        guard let document = try? XMLDocument.parse(bytes),
              let signature = document.root?.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#").first,
              let verified = try? XMLSignatureVerifier().verify(signature, key: Fixtures.verifyingKey) else { return nil }
        return try? verified.elements.map { try $0.canonicalized() }
    }

    @Test func damagedStreamSignedDocumentsFailWithTypedErrorsAsOnTheTree() throws {
        let signed = Array(try base.streamSigned().utf8)
        #expect(treeVerdict(signed) == HostileInputTests.original)
        var refused = 0, accepted = 0
        for bytes in HostileInputTests.damaged(signed, count: 400, seed: 7) {
            let treeAccepts = treeVerdict(bytes) == HostileInputTests.original
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let verified = try StreamingVerifier().verify(bytes, key: Fixtures.verifyingKey)
                guard !verified.isEmpty else {
                    // No ds:Signature left: nothing verified (`xml verify` says so and exits 1).
                    refused += 1
                    #expect(!treeAccepts, "the tree accepted a document without its Signature: \(text)")
                    continue
                }
                #expect(verified.count == 1 && verified[0].references.map(\.id) == ["Body-1", "TS-1"])
                // Accepted: the damage is where the signature does not reach, and the tree agrees.
                accepted += 1
                #expect(treeAccepts, "streamed accepted what the tree refused: \(text)")
            } catch {
                refused += 1
                #expect(!error.message.isEmpty)
                #expect(!treeAccepts || error.code == .streamingUnsupported,
                        "streamed refused (\(error.code): \(error.message)) what the tree accepted: \(text)")
            }
        }
        #expect(refused > 0 && accepted > 0, "\(refused) refused, \(accepted) accepted")
    }
}
