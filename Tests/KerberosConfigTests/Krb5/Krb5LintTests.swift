import KerberosConfig
import Testing

@Suite struct Krb5LintTests {
    func codes(_ text: String) -> [String] { Krb5Lint.findings(in: Krb5Document(text: text)).map(\.code) }

    func finding(_ code: String, in text: String) -> KerberosFinding? {
        Krb5Lint.findings(in: Krb5Document(text: text)).first { $0.code == code }
    }

    static let good = "[libdefaults]\n    default_realm = A.ORG\n    dns_lookup_kdc = false\n"
        + "    default_tkt_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96\n"
        + "[realms]\n    A.ORG = {\n        kdc = 127.0.0.1:88\n        admin_server = 127.0.0.1\n    }\n"

    @Test func aGoodFileHasNoFindings() {
        #expect(codes(Self.good).isEmpty)
    }

    @Test func theLegacySampleIsFlagged() throws {
        let findings = Krb5Lint.findings(in: Krb5Document(text: Fixtures.legacyKrb5))
        let weak = findings.filter { $0.code == "krb5.enctype.weak" }
        #expect(weak.map(\.line) == [3, 4])
        #expect(weak.allSatisfy { $0.severity == .error })  // RC4 alone: nothing strong left
    }

    @Test func weakBesideStrongIsAWarningAndDESIsAnError() throws {
        let text = "[libdefaults]\n    permitted_enctypes = aes256-cts rc4-hmac des-cbc-crc\n"
        #expect(finding("krb5.enctype.weak", in: text)?.severity == .warning)
        #expect(finding("krb5.enctype.broken", in: text)?.severity == .error)
        #expect(finding("krb5.enctype.broken", in: text)?.line == 2)
    }

    @Test func misspeltSettingsAndValues() throws {
        let text = "[libdefaults]\n    dns_lookup_kcd = false\n    rdns = flase\n    forwardable = yes\n    ticket_lifetime = 8 hours\n"
            + "    default_tkt_enctypes = aes256-cts-hmac-sha1-69\n    frobnicate = 1\n"
        let misspelt = try #require(finding("krb5.option.misspelt", in: text))
        #expect(misspelt.severity == .error)
        #expect(misspelt.message.contains("dns_lookup_kdc"))
        #expect(misspelt.line == 2)
        #expect(finding("krb5.option.value", in: text)?.line == 3)
        #expect(finding("krb5.option.boolean", in: text)?.severity == .warning)  // libkrb5 takes yes, Java does not
        #expect(Krb5Lint.findings(in: Krb5Document(text: text)).filter { $0.code == "krb5.option.value" }.map(\.line) == [3, 5])
        #expect(finding("krb5.enctype.unknown", in: text)?.message.contains("aes256-cts-hmac-sha1-96") == true)
        #expect(finding("krb5.option.unknown", in: text)?.severity == .warning)
    }

    /// A name far longer than any known one is unknown, not misspelt; its length no longer costs an edit distance
    /// against every known name.
    @Test func aVeryLongNameIsUnknownNotMisspelt() throws {
        let text = "[libdefaults]\n    " + String(repeating: "dns_lookup_kdc", count: 40_000) + " = 1\n"
        #expect(finding("krb5.option.unknown", in: text)?.line == 2)
        #expect(finding("krb5.option.misspelt", in: text) == nil)
    }

    @Test func syntaxErrorsCarryTheirLine() throws {
        let problem = try #require(finding("krb5.syntax", in: "[libdefaults]\n    default_realm A.ORG\n"))
        #expect(problem.line == 2)
        #expect(problem.severity == .error)
    }

    @Test func realmsWithoutAKDC() {
        #expect(codes("[libdefaults]\n    default_realm = A.ORG\n").contains("krb5.realm.missing"))
        #expect(codes("[libdefaults]\n    default_realm = A.ORG\n    dns_lookup_kdc = true\n").contains("krb5.realm.dns"))
        #expect(codes("[realms]\n    A.ORG = {\n        admin_server = x\n    }\n").contains("krb5.realm.noKDC"))
        #expect(codes("[realms]\n    A.ORG = {\n        kdc = x:http\n    }\n").contains("krb5.realm.address"))
        #expect(codes("[realms]\n    A.ORG = {\n        kcd = x\n    }\n").contains("krb5.realm.misspelt"))
    }

    @Test func oneLineBlocksAndTrailingComments() {
        #expect(codes("[realms]\n    A.ORG = { kdc = x }\n").contains("krb5.block.oneLine"))
        #expect(codes("[libdefaults]\n    default_realm = A.ORG # ours\n").contains("krb5.value.comment"))
    }

    @Test func misspeltSection() {
        #expect(codes("[libdefault]\n    x = 1\n") == ["krb5.section.misspelt"])
    }
}
