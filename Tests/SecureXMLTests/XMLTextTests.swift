import Foundation
import Testing
@testable import SecureXML

@Suite struct XMLTextTests {
    @Test func base64IgnoresXMLWhitespaceAnywhere() {
        #expect(XMLText.base64("  aGVs\r\nbG8g\td29y bGQ=\n") == Data("hello world".utf8))
        #expect(XMLText.base64("") == Data())
    }

    @Test func base64RefusesWhatIsNeitherBase64NorXMLWhitespace() {
        #expect(XMLText.base64("aGVs*bG8=") == nil)
        // Unicode spaces are not XML whitespace (the Character-based filter used to drop them).
        #expect(XMLText.base64("aGVs\u{00A0}bG8=") == nil)
        #expect(XMLText.base64("aGVs\u{2028}bG8=") == nil)
    }

    @Test func trimmedRemovesOnlyOuterXMLWhitespace() {
        #expect(XMLText.trimmed(" \t\r\nCN=a, O=b \n") == "CN=a, O=b")
        #expect(XMLText.trimmed("12345") == "12345")
        #expect(XMLText.trimmed(" \n\t ") == "")
        #expect(XMLText.trimmed("\nCN=Zoë\n") == "CN=Zoë")
        #expect(XMLText.trimmed("\u{00A0}x\u{00A0}") == "\u{00A0}x\u{00A0}")
    }
}
