import Testing
import Foundation
import CXMLSec
import CShims
@testable import SecureXML

/// Exercises the xmlsec1-openssl binding directly: the ABI guard and an HMAC-SHA256 enveloped signature.
/// (The signature layer itself is built on top of this in later work.)
@Suite struct XMLSecBindingTests {
    @Test func sizeTypeMatchesDebiansBuild() throws {
        try XMLLibrary.ensure()
        // Without XMLSEC_NO_SIZE_T in cxmlsec.h, xmlSecSize would be 8 bytes and every call would be off.
        #expect(cs_sizeof_xmlSecSize() == 4)
        let _: (xmlSecBufferPtr?) -> UInt32 = xmlSecBufferGetSize
    }

    @Test func hmacSignatureVerifiesAndDetectsTampering() throws {
        try XMLLibrary.ensure()
        let doc = try XMLDocument.parse(Array("<order><item>42</item></order>".utf8))
        let key: [UInt8] = Array("a shared secret of 32 bytes!!!!!".utf8)
        try sign(doc, key: key)
        let signed = doc.serialized()
        #expect(String(decoding: signed, as: UTF8.self).contains("hmac-sha256"))
        #expect(try verify(XMLDocument.parse(signed), key: key))
        let tampered = String(decoding: signed, as: UTF8.self).replacingOccurrences(of: "<item>42</item>", with: "<item>43</item>")
        #expect(try !verify(XMLDocument.parse(Array(tampered.utf8)), key: key))
        #expect(try !verify(XMLDocument.parse(signed), key: Array("another secret".utf8)))
    }

    private func hmacKey(_ bytes: [UInt8]) -> xmlSecKeyPtr {
        xmlSecKeyReadMemory(cs_xmlSecKeyDataHmacId(), bytes, UInt32(bytes.count))!
    }

    private func sign(_ doc: XMLDocument, key: [UInt8]) throws {
        let template = try #require(xmlSecTmplSignatureCreate(doc.doc, cs_xmlSecTransformExclC14NId(), cs_xmlSecTransformHmacSha256Id(), nil))
        xmlAddChild(xmlDocGetRootElement(doc.doc), template)
        let ref = try #require(xmlSecTmplSignatureAddReference(template, cs_xmlSecTransformSha256Id(), nil, "", nil))
        #expect(xmlSecTmplReferenceAddTransform(ref, cs_xmlSecTransformEnvelopedId()) != nil)
        let ctx = try #require(xmlSecDSigCtxCreate(nil))
        defer { xmlSecDSigCtxDestroy(ctx) }
        ctx.pointee.signKey = hmacKey(key)
        #expect(xmlSecDSigCtxSign(ctx, template) == 0, "\(XMLLibrary.lastXMLSecError)")
    }

    private func verify(_ doc: XMLDocument, key: [UInt8]) throws -> Bool {
        let node = try #require(xmlSecFindNode(xmlDocGetRootElement(doc.doc), "Signature", "http://www.w3.org/2000/09/xmldsig#"))
        let ctx = try #require(xmlSecDSigCtxCreate(nil))
        defer { xmlSecDSigCtxDestroy(ctx) }
        ctx.pointee.signKey = hmacKey(key)
        guard xmlSecDSigCtxVerify(ctx, node) == 0 else { return false }
        return ctx.pointee.status == xmlSecDSigStatusSucceeded
    }
}
