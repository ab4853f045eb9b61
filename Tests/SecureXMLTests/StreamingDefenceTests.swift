import Foundation
import Testing
@testable import SecureXML

/// The defences of the streaming verifier and signer, each with its own error, and the peer proof with xmlsec1 on
/// a 1 MB message.
@Suite struct StreamingDefenceTests {
    let base = StreamingSignatureTests()

    func verifyCode(_ text: String, key: XMLKey = Fixtures.verifyingKey, policy: XMLProcessingPolicy = .default) -> XMLError.Code? {
        base.code { _ = try base.streamVerify(text, key: key, policy: policy) }
    }

    @Test func aChangedByteInTheBodyFails() throws {
        let text = try base.streamSigned()
        #expect(verifyCode(text) == nil)
        #expect(verifyCode(text.replacingOccurrences(of: "Widget", with: "Widgey")) == .signatureFailed)
        #expect(verifyCode(text, key: Fixtures.otherVerifyingKey) == .signatureFailed)
        #expect(verifyCode(text.replacingOccurrences(of: "<wsu:Created>2024", with: "<wsu:Created>2025")) == .signatureFailed)
    }

    @Test func duplicatedAndWrappedIDsFail() throws {
        let text = try base.streamSigned()
        let original = #"<soap:Body wsu:Id="Body-1"><m:order xmlns:m="urn:example:orders"><m:item qty="2">Widget &amp; bolt</m:item></m:order></soap:Body>"#
        let wrapped = text
            .replacingOccurrences(of: original, with: #"<soap:Body wsu:Id="Body-1"><evil/></soap:Body>"#)
            .replacingOccurrences(of: "</soap:Header>", with: "<Wrapper>" + original + "</Wrapper></soap:Header>")
        #expect(verifyCode(wrapped) == .duplicateID)
        #expect(verifyCode(text.replacingOccurrences(of: "<m:item qty", with: "<m:item ID=\"TS-1\" qty")) == .duplicateID)
        #expect(base.code { _ = try base.streamSigned(Fixtures.envelope.replacingOccurrences(of: "qty=", with: "xml:id=\"Body-1\" qty=")) }
                == .duplicateID)
    }

    @Test func aMovedElementIsReportedWhereItIs() throws {
        // The signed Body moves into a header and an unsigned Body takes its place: the digests still match, and what the
        // verifier reports as covered is the moved element, so the caller's coverage check sees no signed Body.
        let text = try base.streamSigned()
        let original = #"<soap:Body wsu:Id="Body-1"><m:order xmlns:m="urn:example:orders"><m:item qty="2">Widget &amp; bolt</m:item></m:order></soap:Body>"#
        let moved = text.replacingOccurrences(of: original, with: "<soap:Body><evil/></soap:Body>")
            .replacingOccurrences(of: "</soap:Header>", with: "<Wrapper>" + original + "</Wrapper></soap:Header>")
        let verified = try base.streamVerify(moved)
        #expect(verified.first?.references.first?.path == "/soap:Envelope/soap:Header/Wrapper/soap:Body")
    }

    @Test func doctypeAndNonUTF8() throws {
        let doctype = "<!DOCTYPE soap:Envelope [<!ENTITY x \"y\">]>\n" + (try base.streamSigned())
        #expect(verifyCode(doctype) == .doctypeForbidden)
        #expect(base.code { _ = try base.streamSigned("<!DOCTYPE r SYSTEM \"http://127.0.0.1:1/x.dtd\">\n" + Fixtures.envelope) } == .doctypeForbidden)
        let latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + Fixtures.envelope
        #expect(base.code { _ = try base.streamSigned(latin1) } == .streamingUnsupported)
        #expect(verifyCode("<r><a") == .malformed)
    }

    @Test func hmacTruncationSHA1AndShape() throws {
        let hmac = try base.streamSigned(signer: StreamingSigner(algorithm: .hmacSHA256), key: Fixtures.hmacKey)
        let truncated = hmac.replacingOccurrences(
            of: #"<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"/>"#,
            with: #"<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"><ds:HMACOutputLength>8</ds:HMACOutputLength></ds:SignatureMethod>"#)
        #expect(truncated != hmac)
        #expect(verifyCode(truncated, key: Fixtures.hmacKey) == .hmacTruncation)
        #expect(verifyCode(hmac, key: Fixtures.hmacKey) == nil)
        let sha1 = try base.streamSigned(signer: StreamingSigner(algorithm: .rsaSHA1, policy: StreamingSignatureTests.legacy))
        #expect(verifyCode(sha1) == .algorithmNotAllowed)
        #expect(verifyCode(sha1, policy: StreamingSignatureTests.legacy) == nil)
        #expect(base.code { _ = try base.streamSigned(signer: StreamingSigner(digest: .sha1)) } == .algorithmNotAllowed)
        let text = try base.streamSigned()
        #expect(verifyCode(text.replacingOccurrences(of: ##"URI="#Body-1""##, with: ##"URI="#Nobody""##)) == .referenceNotFound)
        #expect(verifyCode(text.replacingOccurrences(of: ##"URI="#Body-1""##, with: ##"URI="http://127.0.0.1:1/b""##)) == .referenceNotAllowed)
        #expect(verifyCode(text, policy: XMLProcessingPolicy(maxReferences: 1)) == .tooManyReferences)
        let exc = #"<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>"#
        let xslt = text.replacingOccurrences(of: exc, with: exc + #"<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>"#)
        #expect(verifyCode(xslt) == .transformNotAllowed)
        #expect(base.code { _ = try base.streamSigned(key: Fixtures.hmacKey) } == .keyMismatch)
        // The Signature would digest itself inside an element it signs.
        #expect(base.code { _ = try base.streamSigned(into: .id("Body-1")) } == .signatureMalformed)
    }

    @Test func inclusiveC14NIsLeftToTheTreePath() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        try XMLSigner(canonicalization: .inclusive).sign(ids: ["Body-1"], key: Fixtures.signingKey, at: .firstChild(of: Fixtures.security(document)))
        #expect(verifyCode(Fixtures.text(document)) == .streamingUnsupported)
    }

    // MARK: the peer, on a 1 MB message

    static let large: String = {
        let items = (0..<13_500).map { "\n      <m:item sku=\"SKU-\(100000 + $0)\" qty=\"\($0 % 9 + 1)\">Widget \($0), blue &amp; green</m:item>" }
        return Fixtures.envelope.replacingOccurrences(of: #"<m:item qty="2">Widget &amp; bolt</m:item>"#, with: items.joined())
    }()

    @Test func xmlsec1VerifiesAStreamSignedMegabyte() throws {
        #expect(Self.large.utf8.count > 1 << 20)
        let signed = try base.streamSigned(Self.large)
        let file = Fixtures.file("stream-signed-1m.xml", signed)
        let result = try XMLSecInteropTests.xmlsec1(["--verify", "--enabled-reference-uris", "same-doc", "--pubkey-cert-pem", Fixtures.rsaCertificatePEM, file])
        #expect(result.status == 0, "\(result.stderr)")
        let tampered = Fixtures.file("stream-signed-1m-tampered.xml", signed.replacingOccurrences(of: "Widget 13499,", with: "Widget 13498,"))
        #expect(try XMLSecInteropTests.xmlsec1(["--verify", "--pubkey-cert-pem", Fixtures.rsaCertificatePEM, tampered]).status != 0)
    }

    @Test func weStreamVerifyAnXMLSec1SignedMegabyte() throws {
        func reference(_ id: String) -> String {
            "<ds:Reference URI=\"#\(id)\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
                + #"<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>"#
        }
        let signature = #"<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>"#
            + #"<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>"#
            + #"<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>"# + reference("Body-1") + reference("TS-1")
            + "</ds:SignedInfo><ds:SignatureValue/></ds:Signature>"
        // After the Body this time: the verifier finds the Signature wherever it is.
        let template = Self.large.replacingOccurrences(of: "</soap:Envelope>", with: signature + "</soap:Envelope>")
        let output = Fixtures.folder + "/xmlsec1-signed-1m.xml"
        let result = try XMLSecInteropTests.xmlsec1(["--sign", "--output", output] + XMLSecInteropTests.signKeyArguments(.rsaSHA256, verify: false)
                                                    + [Fixtures.file("template-1m.xml", template)])
        try #require(result.status == 0, "\(result.stderr)")
        let signed = try String(contentsOfFile: output, encoding: .utf8)
        let verified = try base.streamVerify(signed)
        #expect(verified.first?.references.map(\.id) == ["Body-1", "TS-1"])
        #expect(verified.first?.references.map(\.name) == ["Body", "Timestamp"])
        #expect(verified.first?.path == "/soap:Envelope/ds:Signature")
        #expect(verifyCode(signed.replacingOccurrences(of: "Widget 5000,", with: "Widget 5001,")) == .signatureFailed)
    }
}
