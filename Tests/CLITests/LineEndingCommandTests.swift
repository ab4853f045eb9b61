import Testing
import Foundation
import TestSupport

/// Definitions saved with Windows line endings (CRLF), through the commands an operator runs.
@Suite struct LineEndingCommandTests {
    static let handSecured = ProxyFixtures.handSecured("WinSecuredProxy", newline: "\r\n")
    static let unsecured = ProxyFixtures.prefixed("PrefixedCRLFProxy", newline: "\r\n")

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func aCRLFProxyIsAppliedLineByLineAndUnsecuredToItsExactBytes() throws {
        let home = try TempHome()
        let file = "conf/services/PrefixedCRLFProxy.xml"
        try Self.write(Self.unsecured, to: home.root + "/" + file)
        let dryRun = try CLI.run(["apply", "--home", home.root, "--service", "PrefixedCRLFProxy", "--scenario", "2", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("@@ -3,4 +3,6 @@\n"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("+    <syn:enableSec/>\n </syn:proxy>\n"), "\(dryRun.stdout)")
        #expect(!dryRun.stdout.contains("\r"))

        let apply = try CLI.run(["apply", "--home", home.root, "--service", "PrefixedCRLFProxy", "--scenario", "2"])
        #expect(apply.status == 0, "\(apply.stderr)")
        let secured = try #require(home.data(file))
        #expect(String(decoding: secured, as: UTF8.self).hasSuffix(
            "    </syn:target>\r\n    <syn:policy key=\"conf:policies/PrefixedCRLFProxy.policy.xml\"/>\r\n    <syn:enableSec/>\r\n</syn:proxy>\r\n"))

        let unsecure = try CLI.run(["unsecure", "--home", home.root, "--service", "PrefixedCRLFProxy"])
        #expect(unsecure.status == 0, "\(unsecure.stderr)")
        #expect(home.data(file) == Data(Self.unsecured.utf8))
    }

    @Test func aCRLFProxySecuredByHandCanBeUnsecuredOrGivenAnotherScenario() throws {
        let home = try TempHome()
        let file = "conf/services/WinSecuredProxy.xml"
        try Self.write(Self.handSecured, to: home.root + "/" + file)
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "WinSecuredProxy", "--scenario", "5"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(home.data(file) == Data(Self.handSecured.replacingOccurrences(
            of: "gov:policy/SigOnly.xml", with: "conf:policies/WinSecuredProxy.policy.xml").utf8))

        try Self.write(Self.handSecured, to: home.root + "/" + file)
        let unsecure = try CLI.run(["unsecure", "--home", home.root, "--service", "WinSecuredProxy"])
        #expect(unsecure.status == 0, "\(unsecure.stderr)")
        #expect(home.data(file) == Data(Self.handSecured
            .replacingOccurrences(of: "    <policy key=\"gov:policy/SigOnly.xml\"/>\r\n", with: "")
            .replacingOccurrences(of: "    <enableSec/>\r\n", with: "").utf8))
    }
}
