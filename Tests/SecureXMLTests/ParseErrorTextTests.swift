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
    ]

    @Test(arguments: broken)
    func neitherTheTreeNorTheStreamQuotesText(bytes: [UInt8], says: String) {
        var errors: [XMLError] = []
        do { _ = try XMLDocument.parse(bytes) } catch { errors.append(error) }
        do { _ = try StreamingVerifier().verify(bytes, key: Fixtures.verifyingKey) } catch { errors.append(error) }
        #expect(errors.count == 2)
        #expect(errors.first?.message.hasPrefix(says) == true, "\(errors)")
        // The stream may stop sooner (it calls some of these a cut-off document), never quoting more.
        for error in errors {
            #expect(error.code == .malformed && error.line == 2, "\(error)")
            for text in ["Hunt3r", "Xyzzy", "Qq", "0x"] { #expect(!error.message.contains(text), "\(error)") }
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
