import Foundation
import Testing
@testable import SecureXML

/// A parse error says what is wrong, on which line and column, and never the document's text: libxml2's messages
/// quote entity names, comment and CDATA excerpts, bytes and tag names, and a policy file keeps passwords. Each document
/// holds the password Hunt3r&Xyzzy (or its pieces) on line 2, written the way a hand edit breaks it.
@Suite struct ParseErrorTextTests {
    static let broken: [(bytes: [UInt8], says: String)] = [
        (Array("<r>\n<p>Hunt3r&Xyzzy;</p></r>".utf8), "An entity reference names no entity XML defines: write a literal & as &amp; (column 17)"),
        (Array("<r>\n<p>Hunt3r&Xyzzy</p></r>".utf8), "An '&' starts no entity reference: write a literal & as &amp;"),
        (Array("<r>\n<p>Hunt3r<Xyzzy>Qq</p></r>".utf8), "An end tag does not match the start tag on line 2"),
        (Array("<r>\n<p>Hunt3r</Xyzzy></r>".utf8), "An end tag does not match the start tag on line 2"),
        (Array("<r>\n<p>Hunt3r<Xyzzy Qq</p></r>".utf8), "An attribute has no value"),
        (Array("<r>\n<p Xyzzy=\"1\" Xyzzy=\"2\">Hunt3r</p></r>".utf8), "An attribute appears twice on one element"),
        (Array("<r>\n<p>Hunt3r<Xyzzy:Qq/></p></r>".utf8), "An element's namespace prefix is not declared"),
        (Array("<r>\n<!-- Hunt3r -- Xyzzy --></r>".utf8), "A comment holds '--'"),
        (Array("<r>\n<!-- Hunt3r Xyzzy</r>".utf8), "A comment (<!--) is not closed with -->"),
        (Array("<r>\n<![CDATA[Hunt3r Xyzzy</r>".utf8), "A CDATA section (<![CDATA[) is not closed with ]]>"),
        (Array("<r>\n<?Xyzzy Hunt3r</r>".utf8), "A processing instruction (<?) is not closed with ?>"),
        (Array("<r>\n<p>Hunt3r".utf8) + [0xFF] + Array("Xyzzy</p></r>".utf8), "The bytes are not UTF-8"),
        (Array("<r>\n<p>Hunt3r&#1;Xyzzy</p></r>".utf8), "A character XML does not allow"),
        // libxml2 stops reading at a NUL as if the input ended there: still no hint of a cut-off document.
        (Array("<r>\n<p>Hunt3r".utf8) + [0] + Array("Xyzzy</p></r>".utf8), "A character XML does not allow: a control character, or a reference &#...; to one (column"),
    ]

    /// Documents that end too soon, each inside an element: the pull parser says so after what it tripped over.
    static let cutOff: [(bytes: [UInt8], says: String)] = [
        (Array("<r>\n<p>Hunt3r Xyzzy".utf8), "Premature end of data (the document ends inside an element: is it cut off?)"),
        (Array("<r>\n<![CDATA[Hunt3r Xyzzy".utf8), "A CDATA section (<![CDATA[) is not closed with ]]> (the document ends inside an element"),
        (Array("<r>\n<!-- Hunt3r Xyzzy".utf8), "A comment (<!--) is not closed with --> (the document ends inside an element"),
        (Array("<r>\n<p>Hunt3r&Xyzzy".utf8), "An '&' starts no entity reference: write a literal & as &amp; (the document ends inside an element"),
        (Array("<r>\n<p>Hunt3r&Xyzzy;".utf8), "An entity reference names no entity XML defines: write a literal & as &amp; (the document ends inside"),
        (Array("<r>\n<p a=\"1\"".utf8), "attributes construct error (the document ends inside an element"),
    ]

    /// The same bytes read by the tree (libxml2's pull parser), the stream, and the tree above
    /// `DocumentReader.pushThreshold` (both with libxml2's push parser, which stops at its first error and says "Extra
    /// content at the end of the document" of what it had not finished): the same message, quoting nothing.
    @Test(arguments: broken + cutOff)
    func theTreeAndTheStreamSayTheSameQuotingNoText(bytes: [UInt8], says: String) {
        // Elements enough to pass the threshold, all on line 1: the error stays where it is.
        let large = Array("<r>".utf8) + Array(String(repeating: "<a/>", count: DocumentReader.pushThreshold / 4).utf8) + bytes.dropFirst(3)
        var errors: [XMLError] = []
        for document in [bytes, large] {
            do { _ = try XMLDocument.parse(document) } catch { errors.append(error) }
            do { _ = try StreamingVerifier().verify(document, key: Fixtures.verifyingKey) } catch { errors.append(error) }
        }
        #expect(errors.count == 4)
        #expect(errors.first?.message.hasPrefix(says) == true, "\(errors)")
        #expect(Set(errors.map(\.description)).count == 1, "\(errors)")
        for error in errors {
            #expect(error.code == .malformed && error.line == 2, "\(error)")
            for text in ["Hunt3r", "Xyzzy", "Qq", "0x"] { #expect(!error.message.contains(text), "\(error)") }
        }
    }

    /// An ID carried twice is named by its attributes and their lines, not by its value (the document chose it: a policy's
    /// text, a peer's message), the same by the tree and the stream; an edited tree has no lines to give.
    @Test func aDuplicateIDNamesTheAttributesAndLinesNotTheValue() throws {
        let wsu = #"xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd""#
        let cases = [
            ("<r \(wsu)>\n<a wsu:Id=\"Hunt3r\"/>\n<b wsu:Id=\"Hunt3r\"/></r>", "(wsu:Id on line 2, wsu:Id on line 3)", 3),
            ("<r>\n<a Id=\"Hunt3r\"/><b>\n\n<c xml:id=\"Hunt3r\"/></b></r>", "(Id on line 2, xml:id on line 4)", 4),
            // Every ID attribute of an element counts, not only its first (the stream looked at the first alone).
            ("<r>\n<a ID=\"Hunt3r\" Id=\"Hunt3r\"/></r>", "(ID on line 2, Id on line 2)", 2),
            ("<r>\n<a Id=\"Qq\" ID=\"Hunt3r\"/>\n<b Id=\"Hunt3r\"/></r>", "(ID on line 2, Id on line 3)", 3),
        ]
        for (text, places, line) in cases {
            var errors: [XMLError] = []
            do { _ = try XMLDocument.parse(Array(text.utf8)) } catch { errors.append(error) }
            do { _ = try StreamingVerifier().verify(Array(text.utf8), key: Fixtures.verifyingKey) } catch { errors.append(error) }
            #expect(errors.count == 2 && errors.allSatisfy { $0.code == .duplicateID && $0.line == line }, "\(errors)")
            #expect(errors.allSatisfy { $0.message == "Two ID attributes have the same value \(places): an ID must name one element" }, "\(errors)")
        }
        let document = try XMLDocument.parse(Array("<r><a Id=\"Hunt3r\"/></r>".utf8))
        document.root!.appendElement("b").setAttribute("Id", "Hunt3r")
        do { try document.registerIDs(); Issue.record("the second Id was registered") } catch {
            #expect(error.message == "Two ID attributes have the same value (Id on line 1, Id): an ID must name one element", "\(error)")
        }
    }

    /// A constant libxml2 sentence is kept as it is, with the column.
    @Test func aMessageQuotingNothingIsLibxml2s() {
        do { _ = try XMLDocument.parse(Array("<r/>\n<s/>".utf8)) } catch {
            #expect(error.message == "Extra content at the end of the document (column 1)", "\(error)")
            return
        }
        Issue.record("accepted two root elements")
    }
}
