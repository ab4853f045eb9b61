import Testing
import Foundation
@testable import ServerHome
import TestSupport

/// Definitions are edited as text, so the file's own line endings must survive: a proxy saved on Windows (CRLF)
/// gets CRLF on the lines wssconsole adds, and removing security gives back the exact bytes.
@Suite struct DefinitionTextEditorTests {
    static let endings = ["\n", "\r\n"]

    static func prefixedProxy(_ newline: String) -> String { ProxyFixtures.prefixed("PrefixedProxy", newline: newline) }

    static func handSecuredProxy(_ newline: String) -> String { ProxyFixtures.handSecured("WinSecuredProxy", newline: newline) }

    static func definition(_ text: String) throws -> ServiceDefinition {
        try ServiceDefinition(bytes: Array(text.utf8), kind: .proxy)
    }

    @Test(arguments: endings)
    func attachingAddsLinesWithTheFilesLineEndingAndDetachingRestoresTheBytes(_ newline: String) throws {
        let original = Self.prefixedProxy(newline)
        let attached = try Self.definition(original).attaching(policyKey: "conf:policies/PrefixedProxy.policy.xml")
        let expected = original.replacingOccurrences(
            of: "</syn:proxy>",
            with: #"    <syn:policy key="conf:policies/PrefixedProxy.policy.xml"/>"# + newline + "    <syn:enableSec/>" + newline + "</syn:proxy>")
        #expect(String(decoding: attached, as: UTF8.self) == expected)
        let detached = try Self.definition(String(decoding: attached, as: UTF8.self)).detaching()
        #expect(detached == Array(original.utf8))
    }

    @Test(arguments: endings)
    func aProxySecuredByHandCanBeUnsecuredAndReapplied(_ newline: String) throws {
        let original = Self.handSecuredProxy(newline)
        let detached = try Self.definition(original).detaching()
        let expected = original.replacingOccurrences(of: #"    <policy key="gov:policy/SigOnly.xml"/>"# + newline, with: "")
            .replacingOccurrences(of: "    <enableSec/>" + newline, with: "")
        #expect(String(decoding: detached, as: UTF8.self) == expected)

        let reapplied = try Self.definition(original).attaching(policyKey: "conf:policies/WinSecuredProxy.policy.xml")
        #expect(String(decoding: reapplied, as: UTF8.self)
                == original.replacingOccurrences(of: "gov:policy/SigOnly.xml", with: "conf:policies/WinSecuredProxy.policy.xml"))
    }

    /// The last line without a line break: what is added still uses the file's own line ending.
    /// An ISO-8859-1 proxy (é is one byte, not UTF-8) is refused: decoding it as UTF-8 replaced the é of unrelated
    /// content with U+FFFD when the file was written back.
    @Test func aDefinitionThatIsNotUTF8IsRefusedNotRewritten() throws {
        let latin1 = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?>"#.utf8) + [0x0A]
            + Array(#"<proxy xmlns="http://ws.apache.org/ns/synapse" name="LatinProxy"><description>Caf"#.utf8) + [0xE9]
            + Array("</description><target/></proxy>\n".utf8)
        let definition = try ServiceDefinition(bytes: latin1, kind: .proxy)
        #expect(definition.name == "LatinProxy")
        for edit in [{ try definition.attaching(policyKey: "conf:policies/LatinProxy.policy.xml") }, { try definition.detaching() }] {
            do { _ = try edit(); Issue.record("a Latin-1 definition was rewritten") } catch let error as HomeError {
                #expect(error.message.contains("not UTF-8 text (it declares encoding=\"ISO-8859-1\")"), "\(error)")
                #expect(error.fix.contains("iconv"), "\(error)")
            }
        }
    }

    @Test func aCRLFFileWithoutAFinalLineBreakKeepsItsEnding() throws {
        let original = String(Self.prefixedProxy("\r\n").dropLast())
        #expect(original.hasSuffix("</syn:proxy>"))
        let attached = String(decoding: try Self.definition(original).attaching(policyKey: "k"), as: UTF8.self)
        #expect(attached.hasSuffix("</syn:target>\r\n    <syn:policy key=\"k\"/>\r\n    <syn:enableSec/>\r\n</syn:proxy>"))
        #expect(!attached.replacingOccurrences(of: "\r\n", with: "").utf8.contains(UInt8(ascii: "\n")))
    }

    /// The preview compares line by line: a CRLF file is not one long line.
    @Test func aCRLFDiffIsLineByLine() throws {
        let original = Self.prefixedProxy("\r\n")
        let attached = try Self.definition(original).attaching(policyKey: "conf:policies/PrefixedProxy.policy.xml")
        let diff = FileEdit(path: "conf/services/PrefixedProxy.xml", before: Array(original.utf8), after: attached).diff
        #expect(diff == """
            --- a/conf/services/PrefixedProxy.xml
            +++ b/conf/services/PrefixedProxy.xml
            @@ -3,4 +3,6 @@
                 <syn:target>
                     <syn:endpoint><syn:address uri="http://localhost:9000/services/SimpleStockQuoteService"/></syn:endpoint>
                 </syn:target>
            +    <syn:policy key="conf:policies/PrefixedProxy.policy.xml"/>
            +    <syn:enableSec/>
             </syn:proxy>

            """, "\(diff)")
        // A change of line ending alone is a change.
        let lf = FileEdit(path: "x", before: Array("a\r\nb\r\n".utf8), after: Array("a\nb\r\n".utf8)).diff
        #expect(lf.contains("@@ -1,2 +1,2 @@\n-a\n+a\n b\n"), "\(lf)")
    }

    /// Secrets are masked line by line in CRLF files too, and the line endings stay as they were.
    @Test func maskingACRLFFileKeepsItsLines() {
        let text = "a = 1\r\npassword = \"secret\"\r\nb = 2\r\n"
        #expect(FileEdit.maskingSecrets(text) == "a = 1\r\npassword = \"********\"\r\nb = 2\r\n")
    }

    /// Through the home: apply then remove security on a CRLF proxy of an MI home gives back the exact bytes.
    @Test func applyThenUnsecureOnAnMIHomeRestoresTheCRLFBytes() throws {
        let mi = try MicroIntegratorHome()
        let path = "repository/deployment/server/synapse-configs/default/proxy-services/PrefixedProxy.xml"
        let original = Self.prefixedProxy("\r\n")
        try mi.write(path, original)
        let home = try Home.open(mi.root)
        let apply = try home.planApply(scenario: 2, to: "PrefixedProxy")
        #expect(apply.diff.contains("+    <syn:enableSec/>\n </syn:proxy>\n"), "\(apply.diff)")
        try home.commit(apply)
        let secured = try #require(mi.text(path))
        #expect(secured.contains("\r\n    <syn:enableSec/>\r\n</syn:proxy>\r\n"))
        try home.commit(home.planRemoveSecurity(from: "PrefixedProxy"))
        #expect(mi.text(path) == original)
        // Secured by hand, then scenario 5 over it.
        try mi.write(path, Self.handSecuredProxy("\r\n").replacingOccurrences(of: "WinSecuredProxy", with: "PrefixedProxy"))
        try home.commit(home.planApply(scenario: 5, to: "PrefixedProxy"))
        #expect(try home.service(named: "PrefixedProxy").security.policyKey != nil)
        try home.commit(home.planRemoveSecurity(from: "PrefixedProxy"))
        #expect(try home.service(named: "PrefixedProxy").security == .unsecured)
    }
}
