import Foundation
import Testing
@testable import WSSecurity

/// A decrypted envelope is written from the verified tree when it is first read, not by verify: whenever, wherever and
/// however often it is read, it is the message received with each EncryptedData replaced by its plaintext.
@Suite struct VerifiedEnvelopeTests {
    typealias F = EngineFixture

    @Test func decryptedEnvelopeIsTheMessageWithItsPlaintextInPlace() async throws {
        let engine = SecurityEngine(policy: F.policy(8))
        let secured = String(decoding: try engine.secure(F.envelope(), context: F.client()), as: UTF8.self)
        let start = try #require(secured.range(of: "<EncryptedData "))
        let end = try #require(secured.range(of: "</EncryptedData>"))
        let expected = Data((secured[..<start.lowerBound] + F.payload + secured[end.upperBound...]).utf8)
        let verified = try engine.verify(Data(secured.utf8), context: F.service())

        // Copies read at once on several threads, before anyone else read it, and after another message was verified.
        let reads = await withTaskGroup(of: Data.self) { group in
            for copy in Array(repeating: verified, count: 8) { group.addTask { copy.envelope } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reads.count == 8 && reads.allSatisfy { $0 == expected })
        _ = try engine.verify(try engine.secure(F.envelope(), context: F.client()), context: F.service()).envelope
        #expect(verified.envelope == expected)

        // A value: setting a copy's envelope leaves the original's.
        var edited = verified
        edited.envelope = Data("<replaced/>".utf8)
        #expect(verified.envelope == expected)
        #expect(edited.envelope == Data("<replaced/>".utf8))
    }

    @Test func envelopeWithNothingDecryptedIsTheBytesReceived() throws {
        let engine = SecurityEngine(policy: F.policy(2))
        let secured = try engine.secure(F.envelope(), context: F.client())
        #expect(try engine.verify(secured, context: F.service()).envelope == secured)
    }
}
