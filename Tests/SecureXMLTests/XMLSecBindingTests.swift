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

    /// The transforms messages name are searched first (cs_xmlsec_favour_transforms); each href stays one transform's.
    @Test func commonTransformsComeFirstAndAreFoundAsBefore() throws {
        try XMLLibrary.ensure()
        let list = try #require(xmlSecTransformIdsGet())
        let ids: [xmlSecTransformId] = (0..<xmlSecPtrListGetSize(list)).map {
            UnsafePointer(xmlSecPtrListGetItem(list, $0)!.assumingMemoryBound(to: _xmlSecTransformKlass.self))
        }
        let favoured = [cs_xmlSecTransformExclC14NId(), cs_xmlSecTransformSha1Id(), cs_xmlSecTransformSha256Id(), cs_xmlSecTransformRsaSha1Id(),
                        cs_xmlSecTransformRsaSha256Id(), cs_xmlSecTransformHmacSha1Id(), cs_xmlSecTransformHmacSha256Id(),
                        cs_xmlSecTransformAes128CbcId(), cs_xmlSecTransformAes256CbcId(), cs_xmlSecTransformBase64Id()].map { $0! }
        #expect(Array(ids.prefix(favoured.count)) == favoured)
        #expect(ids.count > 40 && Set(ids.map { UnsafeRawPointer($0) }).count == ids.count)
        for id in ids {
            // What the search finds for a transform's own href and usage is that transform, as long as no earlier one
            // shares its href (none of the favoured does).
            let first = ids.first { xmlStrEqual($0.pointee.href, id.pointee.href) != 0 && ($0.pointee.usage & id.pointee.usage) != 0 }
            #expect(xmlSecTransformIdListFindByHref(list, id.pointee.href, id.pointee.usage) == first)
        }
        for id in favoured { #expect(ids.filter { xmlStrEqual($0.pointee.href, id.pointee.href) != 0 }.count == 1) }
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
