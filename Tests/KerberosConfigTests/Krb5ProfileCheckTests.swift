import Foundation
import KerberosConfig
import Testing

@Suite struct Krb5ProfileCheckTests {
    static let good = """
        # A comment libkrb5 must skip.
        [libdefaults]
            default_realm = EXAMPLE.COM
            dns_lookup_kdc = false
            rdns = false

        [realms]
            EXAMPLE.COM = {
                kdc = 127.0.0.1:88
                admin_server = 127.0.0.1:749
            }
            OTHER.ORG = {
                kdc = kdc.other.org
            }

        [domain_realm]
            .example.com = EXAMPLE.COM
        """

    static let unbalanced = """
        [libdefaults]
            default_realm = EXAMPLE.COM
        [realms]
            EXAMPLE.COM = {
                kdc = 127.0.0.1:88
        """

    /// Writes `text` to a fresh temporary file and runs `body` with its path.
    func withFile<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("krb5-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("krb5.conf").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try body(path)
    }

    @Test func readsTheDefaultRealmAndRealms() throws {
        let result = try withFile(Self.good) { Krb5ProfileCheck.load(path: $0) }
        let report = try result.get()
        #expect(report.defaultRealm == "EXAMPLE.COM")
        #expect(report.realms == ["EXAMPLE.COM", "OTHER.ORG"])
    }

    @Test func noDefaultRealmIsNotAnError() throws {
        let result = try withFile("[realms]\n    A.ORG = {\n        kdc = a\n    }\n") { Krb5ProfileCheck.load(path: $0) }
        let report = try result.get()
        #expect(report.defaultRealm == nil)
        #expect(report.realms == ["A.ORG"])
    }

    @Test func unbalancedBraceIsASyntaxErrorWithAMessage() throws {
        let result = try withFile(Self.unbalanced) { Krb5ProfileCheck.load(path: $0) }
        guard case .failure(let error) = result else {
            Issue.record("an unbalanced brace was accepted")
            return
        }
        #expect(error.code == .syntaxError)
        #expect(error.reason.contains("line 4"))
        #expect(error.reason.lowercased().contains("brace"))
    }

    @Test func relationOutsideASectionIsASyntaxError() throws {
        let result = try withFile("default_realm = EXAMPLE.COM\n") { Krb5ProfileCheck.load(path: $0) }
        guard case .failure(let error) = result else {
            Issue.record("a relation outside a section was accepted")
            return
        }
        #expect(error.code == .syntaxError)
    }

    @Test func missingFile() {
        let result = Krb5ProfileCheck.load(path: "/nonexistent/krb5.conf")
        guard case .failure(let error) = result else {
            Issue.record("a missing file was accepted")
            return
        }
        #expect(error.code == .fileNotFound)
    }
}

extension Krb5ProfileCheckTests {
    @Test func extraClosingBraceIsReportedByLibkrb5() throws {
        let result = try withFile("[realms]\n    A = {\n        kdc = x\n    }\n}\n") { Krb5ProfileCheck.load(path: $0) }
        guard case .failure(let error) = result else {
            Issue.record("an extra closing brace was accepted")
            return
        }
        #expect(error.code == .syntaxError)
        #expect(error.reason.contains("Extra closing brace"))
    }

    @Test func commentsAndDirectivesAreNotRelations() throws {
        let text = "# comment\n; another\n\n[libdefaults]\n  default_realm = A.ORG\n  # a = {\n"
        let report = try withFile(text) { Krb5ProfileCheck.load(path: $0) }.get()
        #expect(report.defaultRealm == "A.ORG")
    }
}
