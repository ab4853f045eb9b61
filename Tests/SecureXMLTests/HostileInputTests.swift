import Foundation
import Testing
@testable import SecureXML

/// Damaged and hostile documents end in a typed error, never a crash or a hang: signed and encrypted messages
/// with bytes changed, dropped or repeated at many places (a fixed seed, so a failure can be replayed).
@Suite struct HostileInputTests {
    /// A small deterministic generator (SplitMix64), so every run damages the same places.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// `count` damaged copies of `bytes`: one byte changed, removed, or a slice repeated.
    static func damaged(_ bytes: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var random = Seeded(state: seed)
        let alphabet = Array("<>/=\"'&;#:xX \n".utf8) + [0, 0xFF, 0xC3]
        return (0..<count).map { _ in
            var copy = bytes
            let at = Int.random(in: 0..<copy.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: copy[at] = alphabet.randomElement(using: &random)!
            case 1: copy.remove(at: at)
            default:
                let end = min(copy.count, at + Int.random(in: 1...40, using: &random))
                copy.insert(contentsOf: copy[at..<end], at: end)
            }
            return copy
        }
    }

    /// The canonical forms of Body and Timestamp in an undamaged envelope.
    static let original: [[UInt8]] = {
        let document = try! Fixtures.parse(Fixtures.envelope)
        return ["Body-1", "TS-1"].map { try! document.element(withID: $0)!.canonicalized() }
    }()

    @Test func damagedSignaturesFailWithTypedErrors() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        try XMLSigner(keyInfo: .certificate).sign(ids: ["Body-1", "TS-1"], key: Fixtures.signingKey, at: .firstChild(of: Fixtures.security(document)))
        var failures = 0
        for bytes in Self.damaged(document.serialized(), count: 400, seed: 1) {
            do {
                let received = try XMLDocument.parse(bytes)
                guard let signature = received.root?.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#").first else { continue }
                let verified = try XMLSignatureVerifier().verify(signature, key: Fixtures.verifyingKey)
                // Whatever still verifies was damaged only where the signature does not reach (KeyInfo, whitespace).
                #expect(try verified.elements.map { try $0.canonicalized() } == Self.original)
            } catch let error as XMLError {
                failures += 1
                #expect(!error.message.isEmpty)
            } catch {
                Issue.record("not an XMLError: \(error)")
            }
        }
        #expect(failures > 0)
    }

    @Test func damagedEncryptionFailsWithTypedErrors() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        try XMLEncryptor(algorithm: .aes256GCM).encrypt([document.root!.children[1]], for: Fixtures.verifyingKey)
        var failures = 0
        for bytes in Self.damaged(document.serialized(), count: 200, seed: 2) {
            do {
                let received = try XMLDocument.parse(bytes)
                _ = try XMLDecryptor().decryptDocument(received, key: Fixtures.signingKey)
                // GCM: what still decrypts is the Body that was encrypted (damage outside the cipher text, such as a
                // namespace URI on the Envelope, may still change what the names mean).
                if let body = received.element(withID: "Body-1") {
                    #expect(body.text == "Widget & bolt")
                    #expect(body.descendants("item", "urn:example:orders").map { $0.attribute("qty") } == ["2"])
                }
            } catch {    // typed: an XMLError and nothing else
                failures += 1
                #expect(!error.message.isEmpty)
            }
        }
        #expect(failures > 0)
    }

    @Test func nestedEncryptionIsBounded() throws {
        // Each layer hides another EncryptedData; decryption stops at the policy's bound instead of going on.
        let key = try XMLKey.generateDataKey(for: .aes128CBC)
        let document = try Fixtures.parse("<root><a>secret</a></root>")
        var target = document.root!.children[0]
        for _ in 0..<6 { target = try XMLEncryptor(algorithm: .aes128GCM).encrypt(target, dataKey: key) }
        let text = Fixtures.text(document)
        do {
            _ = try XMLDecryptor(policy: XMLProcessingPolicy(maxReferences: 3)).decryptDocument(try Fixtures.parse(text), key: key)
            Issue.record("decrypted past the bound")
        } catch let error as XMLError {
            #expect(error.code == .tooManyReferences)
        }
        let parts = try XMLDecryptor().decryptDocument(try Fixtures.parse(text), key: key)
        #expect(parts.count == 6)
    }
}
