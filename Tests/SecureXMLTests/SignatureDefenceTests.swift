import Foundation
import Testing
import CLibXML2
@testable import SecureXML

/// One test per defence of the signature layer (issue 3, point 4).
@Suite struct SignatureDefenceTests {
    static let exc = #"<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>"#

    func signed(_ signer: XMLSigner = XMLSigner(), key: XMLKey = Fixtures.signingKey) throws -> String {
        let document = try Fixtures.parse(Fixtures.envelope)
        try signer.sign(ids: ["Body-1", "TS-1"], key: key, at: .firstChild(of: Fixtures.security(document)))
        return Fixtures.text(document)
    }

    func code(_ text: String, key: XMLKey = Fixtures.verifyingKey, policy: XMLProcessingPolicy = .default) -> XMLError.Code? {
        do {
            let document = try Fixtures.parse(text)
            let signature = try #require(document.root?.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#").first)
            _ = try XMLSignatureVerifier(policy: policy).verify(signature, key: key)
            return nil
        } catch let error as XMLError { return error.code } catch { return nil }
    }

    @Test func truncatedHMACIsRefused() throws {
        let text = try signed(XMLSigner(algorithm: .hmacSHA256), key: Fixtures.hmacKey)
        let truncated = text.replacingOccurrences(
            of: #"<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"/>"#,
            with: #"<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"><ds:HMACOutputLength>8</ds:HMACOutputLength></ds:SignatureMethod>"#)
        #expect(truncated != text)
        #expect(code(truncated, key: Fixtures.hmacKey) == .hmacTruncation)
        #expect(code(text, key: Fixtures.hmacKey) == nil)
    }

    @Test func wrappedBodyWithTheSameIDIsRefusedAtParse() throws {
        // The classic wrapping attack: the signed Body moves into a header, an evil Body takes its ID.
        let text = try signed()
        let original = #"<soap:Body wsu:Id="Body-1"><m:order xmlns:m="urn:example:orders"><m:item qty="2">Widget &amp; bolt</m:item></m:order></soap:Body>"#
        let wrapped = text
            .replacingOccurrences(of: original, with: #"<soap:Body wsu:Id="Body-1"><evil/></soap:Body>"#)
            .replacingOccurrences(of: "</soap:Header>", with: "<Wrapper>" + original + "</Wrapper></soap:Header>")
        #expect(code(wrapped) == .duplicateID)
        // Any of the ID attributes counts, across kinds.
        for (a, b) in [("wsu:Id", "Id"), ("Id", "ID"), ("ID", "xml:id"), ("xml:id", "xml:id")] {
            let both = #"<r xmlns:wsu="\#(Fixtures.wsu)"><a \#(a)="x"/><b \#(b)="x"/></r>"#
            do { _ = try Fixtures.parse(both); Issue.record("accepted \(a) and \(b)") } catch let error as XMLError {
                #expect(error.code == .duplicateID)
            }
        }
    }

    @Test func duplicateIDAddedAfterParsingIsRefused() throws {
        let document = try Fixtures.parse(try signed())
        document.root!.appendElement("Body", namespace: Fixtures.soap).setAttribute("Id", namespace: Fixtures.wsu, prefix: "wsu", "Body-1")
        let signature = document.root!.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]
        do { _ = try XMLSignatureVerifier().verify(signature, key: Fixtures.verifyingKey); Issue.record("verified") } catch {
            #expect(error.code == .duplicateID)
        }
    }

    @Test func referenceToANodeOutsideTheDocumentIsRefused() throws {
        let document = try Fixtures.parse(try signed())
        // Unlinked but not freed: libxml2 keeps its ID, so xmlsec alone would digest a node no reader sees.
        let body = document.root!.children[1]
        xmlUnlinkNode(body.node)
        defer { xmlFreeNode(body.node) }
        let signature = document.root!.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]
        do { _ = try XMLSignatureVerifier().verify(signature, key: Fixtures.verifyingKey); Issue.record("verified") } catch {
            #expect(error.code == .referenceOutsideDocument)
        }
    }

    @Test func onlySameDocumentIDReferences() throws {
        let text = try signed()
        for uri in ["", "http://127.0.0.1:1/body.xml", "file:///etc/passwd", "#xpointer(id('Body-1'))", "#xpointer(/)", "#Body-1 TS-1"] {
            #expect(code(text.replacingOccurrences(of: ##"URI="#Body-1""##, with: "URI=\"\(uri)\"")) == .referenceNotAllowed, "\(uri)")
        }
        #expect(code(text.replacingOccurrences(of: ##"URI="#Body-1""##, with: "")) == .referenceNotAllowed)
        #expect(code(text.replacingOccurrences(of: ##"URI="#Body-1""##, with: ##"URI="#Nobody""##)) == .referenceNotFound)
        // Every character XPointer or a URI reads as syntax, and whitespace, anywhere in the name.
        for character in " \t\r\n#()'\"/[]<>&%" {
            for id in ["\(character)Body", "Bo\(character)dy", "Body\(character)"] {
                #expect(SignatureInspection.sameDocumentID("#" + id) == nil, "\(id.debugDescription)")
            }
        }
        #expect(SignatureInspection.sameDocumentID("#Body-1_x.y:z") == "Body-1_x.y:z")
        #expect(SignatureInspection.sameDocumentID("Body-1") == nil && SignatureInspection.sameDocumentID("#") == nil)
    }

    @Test func onlyCanonicalisationTransforms() throws {
        let text = try signed()
        let others = ["http://www.w3.org/TR/1999/REC-xslt-19991116", "http://www.w3.org/TR/1999/REC-xpath-19991116",
                      "http://www.w3.org/2002/06/xmldsig-filter2", "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
                      "http://www.w3.org/2000/09/xmldsig#base64"]
        for uri in others {
            let changed = text.replacingOccurrences(of: Self.exc, with: Self.exc + "<ds:Transform Algorithm=\"\(uri)\"/>")
            #expect(code(changed) == .transformNotAllowed, "\(uri)")
        }
        let xpath = #"<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>/</ds:XPath></ds:Transform>"#
        #expect(code(text.replacingOccurrences(of: Self.exc, with: xpath)) == .transformNotAllowed)
    }

    @Test func referencesAndTransformsAreBounded() throws {
        let text = try signed()
        #expect(code(text, policy: XMLProcessingPolicy(maxReferences: 1)) == .tooManyReferences)
        #expect(code(text, policy: XMLProcessingPolicy(maxTransforms: 0)) == .tooManyTransforms)
        let four = text.replacingOccurrences(of: Self.exc, with: String(repeating: Self.exc, count: 4))
        #expect(code(four) == .tooManyTransforms)
        // A hostile signature with thousands of references fails on the count, before any digest.
        let reference = "<ds:Reference URI=\"#Body-1\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference>"
        let many = text.replacingOccurrences(of: "</ds:SignedInfo>", with: String(repeating: reference, count: 5000) + "</ds:SignedInfo>")
        #expect(code(many) == .tooManyReferences)
    }

    @Test func sha1OnlyWhenThePolicyAllowsIt() throws {
        let legacy = XMLProcessingPolicy(allowSHA1: true)
        let rsaSHA1 = try signed(XMLSigner(algorithm: .rsaSHA1, policy: legacy))
        #expect(code(rsaSHA1) == .algorithmNotAllowed)
        #expect(code(rsaSHA1, policy: legacy) == nil)
        let sha1Digest = try signed(XMLSigner(digest: .sha1, policy: legacy))
        #expect(code(sha1Digest) == .algorithmNotAllowed)
        #expect(code(sha1Digest, policy: legacy) == nil)
        let hmacSHA1 = try signed(XMLSigner(algorithm: .hmacSHA1, policy: legacy), key: Fixtures.hmacKey)
        #expect(code(hmacSHA1, key: Fixtures.hmacKey) == .algorithmNotAllowed)
        // An algorithm nobody implements here is a different failure from a forbidden one.
        let md5 = rsaSHA1.replacingOccurrences(of: "xmldsig#rsa-sha1", with: "xmldsig-more#rsa-md5")
        #expect(code(md5, policy: legacy) == .unsupportedAlgorithm)
    }

    @Test func signatureShapeIsChecked() throws {
        let text = try signed()
        #expect(code(text.replacingOccurrences(of: "<ds:SignatureValue>", with: "<ds:Object/><ds:SignatureValue>")) == .signatureMalformed)
        #expect(code(text.replacingOccurrences(of: "<ds:DigestValue>", with: "<ds:Extra/><ds:DigestValue>")) == .signatureMalformed)
        // An empty SignatureValue is said in our words, not xmlsec's internal ones.
        let empty = try #require(text.range(of: #"<ds:SignatureValue>[^<]*</ds:SignatureValue>"#, options: .regularExpression))
        let emptied = text.replacingCharacters(in: empty, with: "<ds:SignatureValue>\n</ds:SignatureValue>")
        let signature = try #require(try Fixtures.parse(emptied).root?.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#").first)
        do { _ = try XMLSignatureVerifier().verify(signature, key: Fixtures.verifyingKey); Issue.record("an empty SignatureValue verified") } catch {
            #expect(error.code == .signatureMalformed && error.message == "The SignatureValue is empty", "\(error)")
        }
    }
}
