import CLibXML2
import CShims
import Foundation
import Testing
@testable import SecureXML

/// A document is written by CShims' cs_xml_save_doc where it can be, by libxml2's xmlSaveDoc where it cannot: both
/// held here to the bytes libxml2 writes itself, with the options Serializer uses.
@Suite struct SerializerTests {
    /// xmlSaveDoc through a save context as Serializer opened it before cs_xml_save_doc.
    static func libxml2(_ doc: xmlDocPtr, declaration: Bool) -> [UInt8] {
        final class Box { var bytes: [UInt8] = [] }
        let box = Box()
        let options = Int32(XML_SAVE_AS_XML.rawValue | (declaration ? 0 : XML_SAVE_NO_DECL.rawValue))
        let save = xmlSaveToIO({ context, buffer, length in
            let box = Unmanaged<Box>.fromOpaque(context!).takeUnretainedValue()
            box.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: Int(length)))
            return length
        }, nil, Unmanaged.passUnretained(box).toOpaque(), "UTF-8", options)!
        _ = xmlSaveDoc(save, doc)
        _ = xmlSaveClose(save)
        return withExtendedLifetime(box) { box.bytes }
    }

    /// cs_xml_save_doc's verdict and bytes.
    static func fast(_ doc: xmlDocPtr, declaration: Bool) -> (Int32, [UInt8]) {
        final class Box { var bytes: [UInt8] = [] }
        let box = Box()
        let verdict = cs_xml_save_doc(doc, declaration ? 1 : 0, { context, bytes, length in
            Unmanaged<Box>.fromOpaque(context!).takeUnretainedValue().bytes.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: length))
            return 0
        }, Unmanaged.passUnretained(box).toOpaque())
        return withExtendedLifetime(box) { (verdict, box.bytes) }
    }

    func expectSame(_ document: XMLDocument, _ label: String, written: Bool = true) {
        for declaration in [false, true] {
            let reference = Self.libxml2(document.doc, declaration: declaration)
            let (verdict, bytes) = Self.fast(document.doc, declaration: declaration)
            #expect(verdict == (written ? Int32(CS_SAVE_WRITTEN) : Int32(CS_SAVE_UNSUPPORTED)), "\(label)")
            if written {
                #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: reference, as: UTF8.self), "\(label), declaration \(declaration)")
            } else {
                #expect(bytes.isEmpty, "\(label)")
            }
            document.hadDeclaration = declaration
            #expect(String(decoding: document.serialized(), as: UTF8.self) == String(decoding: reference, as: UTF8.self), "\(label): Serializer, declaration \(declaration)")
        }
    }

    /// Namespaces declared, rebound and undeclared, attributes in several namespaces, every escape in text and
    /// attributes, CDATA, PIs, comments, empty elements, non-ASCII; with prologs and epilogs around the root.
    @Test func generatedDocuments() throws {
        let prologs = ["", "<?xml version=\"1.0\"?>\n", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
                       "<?xml version='1.0' standalone='no'?><!-- c --><?target data?>\n", "<?pi?><!---->"]
        for seed in 0..<300 {
            var generator = DocumentGenerator(seed: UInt64(seed))
            let text = prologs[seed % prologs.count] + generator.document() + (seed % 3 == 0 ? "<!-- after --><?after x?>" : "")
            expectSame(try XMLDocument.parse(Array(text.utf8)), "seed \(seed): \(text)")
        }
        expectSame(try XMLDocument.parse(Array(DocumentGenerator.records(count: 20).utf8)), "records")
    }

    /// Values only an edit can put in a tree: namespace URIs with quotes (libxml2 picks the quote, or &quot;), one
    /// without a URI, attribute values and text holding every character escaped somewhere, an entity reference.
    @Test func editedTrees() throws {
        let document = XMLDocument(root: "r", namespace: "urn:r", prefix: "p")
        let root = document.root!
        let odd = "q\"uo'te <lt> &amp; \t tab \n nl \r cr é 漢字 😀 ]]>"
        root.setAttribute("a", odd)
        root.setAttribute("b", namespace: "urn:b", prefix: "b", "")
        let child = root.appendElement("c", namespace: "urn:c", prefix: nil)
        child.appendText(odd)
        _ = xmlNewNs(child.node, "urn:\"double", "d1")
        _ = xmlNewNs(child.node, "urn:'single", "s1")
        _ = xmlNewNs(child.node, "urn:\"both'", "b1")
        _ = xmlNewNs(child.node, nil, "none")
        let empty = root.appendElement("e", namespace: nil, prefix: nil)
        xmlAddChild(empty.node, xmlNewReference(document.doc, "amp"))
        xmlAddChild(empty.node, xmlNewDocPI(document.doc, "pi", nil))
        xmlAddChild(empty.node, xmlNewDocPI(document.doc, "pi", "with data"))
        xmlAddChild(empty.node, xmlNewDocComment(document.doc, "a comment"))
        xmlAddChild(empty.node, xmlNewCDataBlock(document.doc, "<&>", 3))
        xmlAddChild(empty.node, xmlNewCDataBlock(document.doc, "", 0))
        _ = xmlAddPrevSibling(root.node, xmlNewDocComment(document.doc, "before"))
        document.doc.pointee.standalone = 1
        expectSame(document, "edited")
        document.doc.pointee.standalone = 0
        expectSame(document, "standalone no")
    }

    /// What cs_xml_save_doc leaves to libxml2 is written by libxml2, unchanged.
    @Test func leftToLibxml2() throws {
        let cdata = try XMLDocument.parse(Array("<r><x/></r>".utf8))
        xmlAddChild(cdata.root!.children[0].node, xmlNewCDataBlock(cdata.doc, "a]]>b", 5))
        expectSame(cdata, "CDATA holding ]]>", written: false)
        let dtd = try XMLDocument.parse(Array("<r>t</r>".utf8))
        _ = xmlCreateIntSubset(dtd.doc, "r", nil, "r.dtd")
        expectSame(dtd, "DTD", written: false)
    }

    /// Past one piece: the same bytes gathered, and in pieces of at most 4 KB to a caller, who can stop them.
    @Test func largeDocumentsInPieces() throws {
        let document = try XMLDocument.parse(Array(DocumentGenerator.records(count: 3000).utf8))
        expectSame(document, "3000 records")
        var pieces: [Int] = []
        var joined: [UInt8] = []
        #expect(document.serialize { pieces.append($0.count); joined.append(contentsOf: $0); return true })
        #expect(joined == document.serialized())
        #expect(pieces.count > 50 && pieces.allSatisfy { $0 <= 4096 })
        var calls = 0
        #expect(!document.serialize { _ in calls += 1; return false })
        #expect(calls == 1)
    }
}
