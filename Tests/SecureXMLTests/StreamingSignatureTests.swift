import Foundation
import Testing
@testable import SecureXML

/// StreamingSigner and StreamingVerifier against the tree signer and verifier, both ways, for every algorithm, and the
/// defences, each with its own error.
@Suite struct StreamingSignatureTests {
    static let legacy = XMLProcessingPolicy(allowSHA1: true)
    static let security = StreamingSigner.Target.firstNamed("Security", namespace: nil)

    func streamSigned(_ text: String = Fixtures.envelope, signer: StreamingSigner = StreamingSigner(), key: XMLKey = Fixtures.signingKey,
                      into target: StreamingSigner.Target = security, at position: StreamingSigner.Position = .firstChild) throws -> String {
        let bytes = Array(text.utf8)
        let insertion = try signer.sign(bytes, ids: ["Body-1", "TS-1"], key: key, into: target, at: position)
        return String(decoding: insertion.applied(to: bytes), as: UTF8.self)
    }

    func streamVerify(_ text: String, key: XMLKey = Fixtures.verifyingKey, policy: XMLProcessingPolicy = .default) throws -> [StreamVerifiedSignature] {
        try StreamingVerifier(policy: policy).verify(Array(text.utf8), key: key)
    }

    func code(_ body: () throws -> Void) -> XMLError.Code? {
        do { try body(); return nil } catch let error as XMLError { return error.code } catch { return nil }
    }

    @Test(arguments: XMLSecInteropTests.signatureCases.filter { $0.c14n == .exclusive })
    func streamSignedVerifiesOnTheTreeAndStreamed(_ c: XMLSecInteropTests.SignatureCase) throws {
        let key = c.algorithm.isHMAC ? Fixtures.hmacKey : Fixtures.signingKey
        let signer = StreamingSigner(algorithm: c.algorithm, digest: c.digest, inclusivePrefixes: c.prefixes, policy: Self.legacy)
        let text = try streamSigned(signer: signer, key: key)
        // Nothing but the Signature was added.
        let start = try #require(text.range(of: "<ds:Signature"))
        let end = try #require(text.range(of: "</ds:Signature>"))
        #expect(String(text[..<start.lowerBound]) + String(text[end.upperBound...]) == Fixtures.envelope)
        let document = try Fixtures.parse(text)
        let signature = try #require(document.root?.descendants("Signature", Namespace.dsig).first)
        let tree = try XMLSignatureVerifier(policy: Self.legacy).verify(signature, key: c.algorithm.isHMAC ? key : Fixtures.verifyingKey)
        #expect(tree.elements.map(\.path) == ["/soap:Envelope/soap:Body", "/soap:Envelope/soap:Header/wsse:Security/wsu:Timestamp"])
        let streamed = try streamVerify(text, key: c.algorithm.isHMAC ? key : Fixtures.verifyingKey, policy: Self.legacy)
        #expect(streamed.count == 1)
        #expect(streamed.first?.references.map(\.path) == tree.elements.map(\.path))
        #expect(streamed.first?.references.map(\.line) == tree.elements.map(\.line))
        #expect(streamed.first?.path == "/soap:Envelope/soap:Header/wsse:Security/ds:Signature")
    }

    @Test func treeSignedVerifiesStreamed() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        try XMLSigner(inclusivePrefixes: ["soap"]).sign(ids: ["Body-1", "TS-1"], key: Fixtures.signingKey, at: .lastChild(of: document.root!))
        let verified = try streamVerify(Fixtures.text(document))
        #expect(verified.first?.references.map(\.name) == ["Body", "Timestamp"])
        #expect(verified.first?.references.first?.namespace == Fixtures.soap)
        #expect(verified.first?.path == "/soap:Envelope/ds:Signature")
    }

    @Test func placements() throws {
        let empty = Fixtures.envelope.replacingOccurrences(of: "<soap:Header>", with: "<soap:Header wsu:Id=\"H\"/><soap:Ignored>")
            .replacingOccurrences(of: "</soap:Header>", with: "</soap:Ignored>")
        let opened = try streamSigned(empty, into: .id("H"), at: .lastChild)
        #expect(opened.contains("<soap:Header wsu:Id=\"H\"><ds:Signature"))
        #expect(opened.contains("</ds:Signature></soap:Header><soap:Ignored>"))
        #expect(try streamVerify(opened).count == 1)
        let last = try streamSigned(into: .root, at: .lastChild)
        #expect(last.hasSuffix("</ds:Signature></soap:Envelope>"))
        #expect(code { _ = try streamSigned(into: .firstNamed("Security", namespace: "urn:other")) } == .referenceNotFound)
    }
}
