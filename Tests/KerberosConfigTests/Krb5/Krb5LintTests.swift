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

    /// A setting in [realms] outside every realm's block does nothing (libkrb5 and Java read it as a realm without
    /// settings): a warning, whose fix says where the setting belongs.
    @Test func aSettingInRealmsOutsideABlock() throws {
        let misspelt = try #require(finding("krb5.realms.stray", in: Self.good.replacingOccurrences(of: "[realms]\n", with: "[realms]\n    dns_lookup_kcd = false\n")))
        #expect(misspelt.severity == .warning && misspelt.line == 6, "\(misspelt)")
        #expect(misspelt.fix == "Move it to [libdefaults] as dns_lookup_kdc (the name is misspelt).")
        let libdefault = try #require(finding("krb5.realms.stray", in: Self.good + "    udp_preference_limit = 1\n"))
        #expect(libdefault.fix == "Move it to [libdefaults].")
        #expect(finding("krb5.realms.stray", in: Self.good + "    kdc = 127.0.0.1:88\n")?.fix.hasPrefix("Move it inside the block") == true)
        #expect(finding("krb5.realms.stray", in: Self.good + "    colour = blue\n")?.fix.hasPrefix("Remove it") == true)
        #expect(codes(Self.good).isEmpty)
    }

    @Test func oneLineBlocksAndTrailingComments() {
        #expect(codes("[realms]\n    A.ORG = { kdc = x }\n").contains("krb5.block.oneLine"))
        #expect(codes("[libdefaults]\n    default_realm = A.ORG # ours\n").contains("krb5.value.comment"))
    }

    /// A value is not shown where its name may hold anything: a password pasted into krb5.conf stays out of the
    /// findings, which name the line and the setting.
    @Test func aPastedPasswordIsNotShown() {
        for (text, code) in [(Self.good + "    password = Hunt3r\n", "krb5.realms.stray"),
                             ("[libdefaults]\n    password = x ;Hunt3r\n", "krb5.value.comment"),
                             ("[realms]\n    password = { Hunt3r }\n", "krb5.block.oneLine")] {
            let found = finding(code, in: text)
            #expect(found?.message.hasPrefix("password") == true && found?.line != nil, "\(String(describing: found))")
            #expect(found?.message.contains("Hunt3r") == false, "\(String(describing: found))")
        }
    }

    /// libkrb5 refuses the whole file when an include cannot be read (or a relative one is not found from the
    /// program's working folder): each is an error on its own line, and a readable one stays a note.
    @Test func includesLibkrb5CannotReadAreErrorsOnTheirLine() throws {
        let folder = try TempFolder()
        let extra = try folder.write("extra.conf", "[libdefaults]\n    forwardable = false\n")
        let text = "include /nonexistent/krb5-extra.conf\nincludedir /nonexistent/krb5.conf.d/\ninclude relative.conf\ninclude \(extra)\n"
            + "includedir \(folder.path)\n" + Self.good
        let findings = Krb5Lint.findings(in: Krb5Document(text: text))
        #expect(findings.filter { $0.severity == .error }.map(\.code) == ["krb5.include.missing", "krb5.include.missing", "krb5.include.relative"])
        #expect(findings.filter { $0.code == "krb5.include.missing" }.map(\.line) == [1, 2])
        #expect(findings.filter { $0.code == "krb5.include" }.map(\.line) == [4, 5])
        #expect(findings.first { $0.code == "krb5.include.missing" }?.fix == "Create the file, correct the path, or remove the line.")
        // A file where a folder is named, and the other way round.
        #expect(finding("krb5.include.missing", in: "includedir \(extra)\n")?.message.contains("is not a folder") == true)
        #expect(finding("krb5.include.missing", in: "include \(folder.path)\n")?.message.contains("is not a file") == true)
    }

    @Test func aMappingToAnUnknownRealmSaysHowToFixIt() throws {
        let mapping = try #require(finding("krb5.domain.realm", in: Self.good + "[domain_realm]\n    .old.org = OLD.ORG\n"))
        #expect(mapping.fix == "Remove the mapping (wssconsole krb5 domain remove .old.org) or add the realm (wssconsole krb5 realm set OLD.ORG --kdc HOST:PORT).")
    }

    @Test func misspeltSection() {
        #expect(codes("[libdefault]\n    x = 1\n") == ["krb5.section.misspelt"])
    }
}
