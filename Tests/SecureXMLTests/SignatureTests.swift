import Foundation
import Testing
import KeyMaterial
@testable import SecureXML

@Suite struct SignatureTests {
    func signed(_ signer: XMLSigner = XMLSigner(), key: XMLKey = Fixtures.signingKey, ids: [String] = ["Body-1", "TS-1"]) throws -> String {
        let document = try Fixtures.parse(Fixtures.envelope)
        try signer.sign(ids: ids, key: key, at: .firstChild(of: Fixtures.security(document)))
        return Fixtures.text(document)
    }

    func verify(_ text: String, key: XMLKey = Fixtures.verifyingKey, policy: XMLProcessingPolicy = .default) throws -> VerifiedSignature {
        let document = try Fixtures.parse(text)
        let signature = try #require(document.root?.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#").first)
        return try XMLSignatureVerifier(policy: policy).verify(signature, key: key)
    }

    func code(_ body: () throws -> Any) -> XMLError.Code? {
        do { _ = try body(); return nil } catch let error as XMLError { return error.code } catch { return nil }
    }

    @Test(arguments: [SignatureAlgorithm.rsaSHA256, .rsaSHA512, .rsaSHA1, .hmacSHA256, .hmacSHA1])
    func roundTripReportsCoverage(algorithm: SignatureAlgorithm) throws {
        let policy = XMLProcessingPolicy(allowSHA1: true)
        let signKey = algorithm.isHMAC ? Fixtures.hmacKey : Fixtures.signingKey
        let verifyKey = algorithm.isHMAC ? Fixtures.hmacKey : Fixtures.verifyingKey
        for digest in DigestAlgorithm.allCases {
            let text = try signed(XMLSigner(algorithm: algorithm, digest: digest, policy: policy), key: signKey)
            let result = try verify(text, key: verifyKey, policy: policy)
            #expect(result.algorithm == algorithm)
            #expect(result.references.map(\.id) == ["Body-1", "TS-1"])
            #expect(result.elements.map(\.path) == ["/soap:Envelope/soap:Body", "/soap:Envelope/soap:Header/wsse:Security/wsu:Timestamp"])
            #expect(result.references.allSatisfy { $0.digest == digest && $0.transforms == [.exclusive] })
            #expect(result.key === verifyKey)
        }
    }

    @Test func privateKeyAlsoVerifies() throws {
        _ = try verify(try signed(), key: Fixtures.signingKey)
    }

    @Test func tamperingAndWrongKeysFail() throws {
        let text = try signed()
        #expect(code { try verify(text.replacingOccurrences(of: "Widget", with: "Gadget")) } == .signatureFailed)
        #expect(code { try verify(text.replacingOccurrences(of: "2024-01-01", with: "2034-01-01")) } == .signatureFailed)
        #expect(code { try verify(text, key: Fixtures.otherVerifyingKey) } == .signatureFailed)
        #expect(code { try verify(text, key: Fixtures.hmacKey) } == .keyMismatch)
        // Whitespace inside the signed Body changes its canonical form.
        #expect(code { try verify(text.replacingOccurrences(of: "<m:item", with: " <m:item")) } == .signatureFailed)
    }

    /// An element edited after signing is named (a Timestamp changed by hand, say); a wrong key is told apart.
    @Test func theChangedElementIsNamed() throws {
        let text = try signed()
        func message(_ body: () throws -> Any) -> String? {
            do { _ = try body(); return nil } catch let error as XMLError { return error.message } catch { return nil }
        }
        #expect(message { try verify(text.replacingOccurrences(of: "2024-01-01", with: "2034-01-01")) }
                == "The signature does not verify: the element #TS-1 was changed after signing")
        #expect(message { try verify(text.replacingOccurrences(of: "Widget", with: "Gadget")) }
                == "The signature does not verify: the element #Body-1 was changed after signing")
        #expect(message { try verify(text, key: Fixtures.otherVerifyingKey) }
                == "The signature does not verify: SignedInfo was changed, or the key is not the signer's")
    }

    @Test func keyInfoCarriesTheCertificateOrAName() throws {
        let withCertificate = try signed(XMLSigner(keyInfo: .certificate))
        #expect(withCertificate.contains(Fixtures.rsaCertificate.derBytes.base64EncodedString()))
        _ = try verify(withCertificate)
        let named = try signed(XMLSigner(keyInfo: .keyName("service")))
        #expect(named.contains("<ds:KeyName>service</ds:KeyName>"))
    }

    @Test func inclusivePrefixesAreWrittenAndReported() throws {
        let text = try signed(XMLSigner(inclusivePrefixes: ["soap", "wsu"]))
        #expect(text.contains(#"PrefixList="soap wsu""#))
        let result = try verify(text)
        #expect(result.references.allSatisfy { $0.inclusivePrefixes == ["soap", "wsu"] })
    }

    @Test func signingRefusesWhatVerifyingWouldRefuse() throws {
        #expect(code { try signed(XMLSigner(algorithm: .rsaSHA1)) } == .algorithmNotAllowed)
        #expect(code { try signed(XMLSigner(digest: .sha1)) } == .algorithmNotAllowed)
        #expect(code { try signed(key: Fixtures.verifyingKey) } == .keyMismatch)
        #expect(code { try signed(key: Fixtures.hmacKey) } == .keyMismatch)
        #expect(code { try signed(ids: ["missing"]) } == .referenceNotFound)
        #expect(code { try signed(ids: ["a b"]) } == .referenceNotAllowed)
        #expect(code { try signed(ids: []) } == .signatureMalformed)
    }

    @Test func aSignatureInsideWhatItSignsIsRefusedAndTheDocumentKept() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        let before = Fixtures.text(document)
        let body = document.root!.children[1]
        #expect(code { try XMLSigner().sign(ids: ["Body-1"], key: Fixtures.signingKey, at: .lastChild(of: body)) } == .signatureMalformed)
        #expect(Fixtures.text(document) == before)
    }

    @Test func idsAddedByEditsAreRegisteredAsTheyGo() throws {
        // A new element's new ID is registered at once, so signing need not walk the tree; a value changed, or one
        // already taken, is left to the next walk, which refuses the duplicate.
        let document = try Fixtures.parse(Fixtures.envelope)
        let header = document.root!.children[0]
        let token = header.appendElement("Token", namespace: "urn:t")
        token.setAttribute("Id", namespace: Fixtures.wsu, prefix: "wsu", "T-1")
        token.setAttribute("kind", "x")
        #expect(document.idsCurrent && document.element(withID: "T-1")?.node == token.node)
        token.setAttribute("Id", namespace: Fixtures.wsu, prefix: "wsu", "T-2")
        #expect(!document.idsCurrent)
        try document.registerIDs()
        #expect(document.element(withID: "T-2")?.node == token.node && document.element(withID: "T-1") == nil)
        header.appendElement("Other").setAttribute("Id", "T-2")
        #expect(!document.idsCurrent)
        #expect(code { try document.registerIDs() } == .duplicateID)
    }

    @Test func idsEditedAfterParsingAreSeenBySigning() throws {
        // Parsing registers the IDs once; an edit must make the signer look again.
        let document = try Fixtures.parse(Fixtures.envelope)
        let header = document.root!.children[0]
        header.setAttribute("Id", namespace: Fixtures.wsu, prefix: "wsu", "Header-1")
        let signature = try XMLSigner().sign(ids: ["Header-1"], key: Fixtures.signingKey, at: .lastChild(of: document.root!))
        #expect(try XMLSignatureVerifier().verify(signature, key: Fixtures.verifyingKey).references.map(\.element) == [header])
        document.root!.children[1].appendElement("Extra").setAttribute("Id", "Header-1")
        #expect(code { try XMLSigner().sign(ids: ["Header-1"], key: Fixtures.signingKey, at: .lastChild(of: document.root!)) } == .duplicateID)
    }
}
