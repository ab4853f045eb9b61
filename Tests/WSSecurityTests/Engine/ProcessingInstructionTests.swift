import Foundation
import Testing
@testable import WSSecurity

/// SOAP forbids processing instructions in a message (SOAP 1.1 section 3, SOAP 1.2 Part 1 section 5), and Axiom,
/// under WSO2, refuses one: the engine refuses them both ways, anywhere in the document, saying the line and never
/// the instruction's text. The XML declaration is not one.
@Suite struct ProcessingInstructionTests {
    typealias F = EngineFixture
    static let instruction = "<?foo bar?>"

    func fault(_ body: () throws(SecurityFault) -> Void) -> SecurityFault? {
        do { try body(); return nil } catch { return error }
    }

    /// `text` with the instruction put before `marker` (or at an end), and the line it then stands on.
    func inserted(_ text: String, before marker: String) throws -> (Data, Int) {
        let at = try #require(text.range(of: marker)).lowerBound
        let line = text[..<at].count { $0 == "\n" } + 1
        return (Data((text[..<at] + Self.instruction + text[at...]).utf8), line)
    }

    func expectRefused(_ fault: SecurityFault?, line: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fault?.code == .invalidSecurity, "\(String(describing: fault))", sourceLocation: sourceLocation)
        let message = fault?.message ?? ""
        #expect(message.contains("line \(line): A processing instruction"), "\(message)", sourceLocation: sourceLocation)
        #expect(!message.contains("foo") && !message.contains("bar"), "\(message)", sourceLocation: sourceLocation)
    }

    @Test func refusedInboundInTheHeaderTheBodyAndAroundTheEnvelope() throws {
        let engine = SecurityEngine(policy: F.policy(1))
        let text = String(decoding: try engine.secure(F.envelope(), context: F.client()), as: UTF8.self)
        _ = try engine.verify(Data(text.utf8), context: F.service())
        for marker in ["<wsse:Security", "<a:To", "two boxes", "</soapenv:Body>"] {
            let (message, line) = try inserted(text, before: marker)
            expectRefused(fault { () throws(SecurityFault) in _ = try engine.verify(message, context: F.service()) }, line: line)
        }
        // Prolog and epilogue: still in the document, which SOAP 1.2's infoset and Axiom refuse too.
        for message in [Self.instruction + "\n" + text, text + "\n" + Self.instruction] {
            let line = message.hasPrefix("<?foo") ? 1 : text.count { $0 == "\n" } + 2
            expectRefused(fault { () throws(SecurityFault) in _ = try engine.verify(Data(message.utf8), context: F.service()) }, line: line)
        }
        let declared = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + text
        _ = try engine.verify(Data(declared.utf8), context: F.service())
    }

    /// The client verifying a response goes through the same parse.
    @Test func refusedInAResponse() throws {
        let engine = SecurityEngine(policy: F.policy(2))
        let request = try engine.secured(F.envelope(), context: F.client())
        let verified = try engine.verify(request.envelope, context: F.service())
        let response = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        let (message, line) = try inserted(String(decoding: response, as: UTF8.self), before: "<m:order")
        expectRefused(fault { () throws(SecurityFault) in
            _ = try engine.verify(message, context: F.client(.response, request: request.requestContext))
        }, line: line)
    }

    @Test func refusedOutboundBeforeAnythingIsSecured() throws {
        let plain = String(decoding: F.envelope(), as: UTF8.self)
        let (message, line) = try inserted(plain, before: "<m:item")
        expectRefused(fault { () throws(SecurityFault) in _ = try SecurityEngine(policy: F.policy(2)).secure(message, context: F.client()) },
                      line: line)
        let declared = #"<?xml version="1.0"?>"# + plain
        #expect(try SecurityEngine(policy: F.policy(2)).secure(Data(declared.utf8), context: F.client()).count > 0)
    }

    /// Decryption cannot put one back: a Body encrypted under scenario 4 (encryption only, AES-CBC) whose first
    /// plaintext block, a comment, an attacker turns into a processing instruction by changing the IV alone. It
    /// fails as every decryption does (one fault, one message: no oracle on the plaintext), while the same change
    /// into another comment is accepted, so the flip itself is sound.
    @Test func decryptedContentCannotSmuggleOneIn() throws {
        let comment = "<!--abcdefghi-->"
        let engine = SecurityEngine(policy: F.policy(4))
        let secured = String(decoding: try engine.secure(F.envelope(payload: comment + F.payload), context: F.client()), as: UTF8.self)
        func flipped(to block: String) throws -> Data {
            let body = try #require(secured.range(of: "<soapenv:Body"))
            let value = try #require(secured.range(of: #"(?<=CipherValue>)[^<]+"#, options: .regularExpression, range: body.upperBound..<secured.endIndex))
            var bytes = try #require(Data(base64Encoded: String(secured[value]), options: .ignoreUnknownCharacters))
            for (index, (old, new)) in zip(comment.utf8, block.utf8).enumerated() { bytes[index] ^= old ^ new }
            return Data(secured.replacingCharacters(in: value, with: bytes.base64EncodedString()).utf8)
        }
        let other = try engine.verify(try flipped(to: "<!--ABCDEFGHI-->"), context: F.service())
        #expect(String(decoding: other.envelope, as: UTF8.self).contains("<!--ABCDEFGHI-->"))
        let smuggled = try flipped(to: "<?abcdefghijkl?>")
        let refused = fault { () throws(SecurityFault) in _ = try engine.verify(smuggled, context: F.service()) }
        #expect(refused?.code == .failedCheck, "\(String(describing: refused))")
        #expect(refused?.message == "The encrypted data could not be decrypted with the given key", "\(String(describing: refused))")
    }
}
