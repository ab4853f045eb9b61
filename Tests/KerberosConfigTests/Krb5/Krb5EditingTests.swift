import KerberosConfig
import Testing

@Suite struct Krb5EditingTests {
    /// Lines split at every LF byte ("\r\n" is one Character in Swift, so String.split would not cut it).
    static func split(_ text: String) -> [String] {
        Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    func lines(_ document: Krb5Document) -> [String] { Self.split(document.text) }

    /// Every line of `before` except those in `changed` (1-based) is still in `after`, unchanged and in order.
    func expectOnlyChanged(_ before: String, _ after: Krb5Document, removed: Set<Int>) {
        let kept = Self.split(before).enumerated().filter { !removed.contains($0.offset + 1) }.map(\.element)
        var remaining = lines(after)[...]
        for line in kept {
            guard let index = remaining.firstIndex(of: line) else {
                Issue.record("line \"\(line)\" is gone or changed")
                return
            }
            remaining = remaining[(index + 1)...]
        }
    }

    @Test func setChangesOnlyTheValue() throws {
        var document = Krb5Document(text: Fixtures.legacyKrb5)
        try document.setDefaultRealm("NEW.ORG")
        #expect(lines(document)[1] == "        default_realm = NEW.ORG")
        expectOnlyChanged(Fixtures.legacyKrb5, document, removed: [2])
        #expect(document.text.hasSuffix("   }"))  // still no newline at the end
    }

    @Test func setAddsAMissingSettingInTheSectionsIndentation() throws {
        var document = Krb5Document(text: Fixtures.legacyKrb5)
        try document.set("udp_preference_limit", to: "1", in: "libdefaults")
        #expect(lines(document)[6] == "        udp_preference_limit = 1")
        #expect(lines(document)[7] == "")
        expectOnlyChanged(Fixtures.legacyKrb5, document, removed: [])
    }

    @Test func setAddsAMissingSectionAtTheEnd() throws {
        var document = Krb5Document(text: Fixtures.legacyKrb5)
        try document.setDomainRealm(".legacy.org", realm: "LEGACY.ORG")
        #expect(document.text.hasSuffix("   }\n\n[domain_realm]\n        .legacy.org = LEGACY.ORG\n"))
    }

    @Test func setKeepsCRLFLineEndings() throws {
        var document = Krb5Document(text: "[libdefaults]\r\n  a = 1\r\n")
        try document.set("b", to: "2", in: "libdefaults")
        try document.set("a", to: "3", in: "libdefaults")
        #expect(document.text == "[libdefaults]\r\n  a = 3\r\n  b = 2\r\n")
    }

    @Test func setRealmRewritesOnlyTheKDCLinesThatChange() throws {
        var document = Krb5Document(text: Fixtures.richKrb5)
        try document.setRealm("EXAMPLE.COM", kdcs: ["kdc1.example.com:88", "kdc3.example.com:88", "kdc4.example.com"],
                              adminServer: "kdc1.example.com:749")
        let realm = try #require(document.realm("EXAMPLE.COM"))
        #expect(realm.kdcs == ["kdc1.example.com:88", "kdc3.example.com:88", "kdc4.example.com"])
        #expect(realm.adminServers == ["kdc1.example.com:749"])
        #expect(realm.values("auth_to_local").count == 2)
        expectOnlyChanged(Fixtures.richKrb5, document, removed: [15])
        #expect(document.problems.isEmpty)
    }

    @Test func setRealmRemovesTheAdminServerWhenNil() throws {
        var document = Krb5Document(text: Fixtures.richKrb5)
        try document.setRealm("EXAMPLE.COM", kdcs: ["kdc1.example.com:88"], adminServer: nil)
        let realm = try #require(document.realm("EXAMPLE.COM"))
        #expect(realm.kdcs == ["kdc1.example.com:88"])
        #expect(realm.adminServers.isEmpty)
        expectOnlyChanged(Fixtures.richKrb5, document, removed: [15, 16])
    }

    @Test func aNewRealmTakesTheFilesIndentation() throws {
        var document = Krb5Document(text: Fixtures.legacyKrb5)
        try document.setRealm("NEW.ORG", kdcs: ["kdc.new.org:88"], adminServer: "kdc.new.org")
        #expect(document.text.hasSuffix("   }\n        NEW.ORG = {\n            kdc = kdc.new.org:88\n            admin_server = kdc.new.org\n        }\n"))
        #expect(document.realms.map(\.name) == ["LEGACY.ORG", "NEW.ORG"])
        #expect(document.problems.isEmpty)
    }

    @Test func aRealmInAFileWithoutRealms() throws {
        var document = Krb5Document(text: "")
        try document.setDefaultRealm("A.ORG")
        try document.setRealm("A.ORG", kdcs: ["127.0.0.1:88"], adminServer: nil)
        #expect(document.text == "[libdefaults]\n    default_realm = A.ORG\n\n[realms]\n    A.ORG = {\n        kdc = 127.0.0.1:88\n    }\n")
    }

    @Test func removeRealmAndMapping() throws {
        var document = Krb5Document(text: Fixtures.richKrb5)
        try document.removeRealm("OTHER.ORG")
        try document.removeDomainRealm(".example.com")
        #expect(document.realm("OTHER.ORG") == nil)
        #expect(document.domainRealms.isEmpty)
        expectOnlyChanged(Fixtures.richKrb5, document, removed: [20, 21, 22, 30])
        #expect(errorCode { try document.removeRealm("NOPE") } == .notFound)
    }

    @Test(arguments: ["BAD REALM", "A{", "", "a=b"])
    func badRealmNamesAreRefused(name: String) {
        var document = Krb5Document(text: Fixtures.legacyKrb5)
        #expect(errorCode { try document.setRealm(name, kdcs: ["x"], adminServer: nil) } == .invalidValue)
        #expect(document.text == Fixtures.legacyKrb5)
    }

    @Test(arguments: ["host:0", "host:99999", "host:http", ":88"])
    func badAddressesAreRefused(address: String) {
        var document = Krb5Document(text: Fixtures.legacyKrb5)
        #expect(errorCode { try document.setRealm("A.ORG", kdcs: [address], adminServer: nil) } == .invalidValue)
    }

    @Test func removingASetting() throws {
        var document = Krb5Document(text: Fixtures.legacyKrb5)
        let first = document.remove("dns_lookup_kdc", from: "libdefaults")
        let second = document.remove("dns_lookup_kdc", from: "libdefaults")
        #expect(first && !second)
        expectOnlyChanged(Fixtures.legacyKrb5, document, removed: [5])
    }

    /// A realm block without its closing brace: libkrb5 refuses the file ("section header not at top level"), and a
    /// block added "after [realms]" would land inside [domain_realm]. Every structured edit waits for the fix.
    static let missingBrace = """
        [libdefaults]
            default_realm = EXAMPLE.COM

        [realms]
            EXAMPLE.COM = {
                kdc = kdc.example.com:88

        [domain_realm]
            .example.com = EXAMPLE.COM

        """

    @Test func aBrokenFileIsNotEdited() {
        var document = Krb5Document(text: Self.missingBrace)
        #expect(!document.problems.isEmpty)
        #expect(errorCode { try document.setRealm("NEW.ORG", kdcs: ["k.new.org"], adminServer: nil) } == .unparsable)
        #expect(errorCode { try document.set("forwardable", to: "true", in: "libdefaults") } == .unparsable)
        #expect(errorCode { try document.setDefaultRealm("NEW.ORG") } == .unparsable)
        #expect(errorCode { try document.setDomainRealm(".new.org", realm: "EXAMPLE.COM") } == .unparsable)
        #expect(errorCode { try document.removeRealm("EXAMPLE.COM") } == .unparsable)
        #expect(errorCode { try document.removeDomainRealm(".example.com") } == .unparsable)
        #expect(document.text == Self.missingBrace)
    }

    /// Realm names are case-sensitive: a default realm or mapping that differs from a realm of the file only in case
    /// is refused, naming the realm meant.
    @Test func aRealmInTheWrongCaseIsRefused() throws {
        var document = Krb5Document(text: Fixtures.richKrb5)
        let realm = try #require(document.realms.first?.name)
        #expect(realm != realm.lowercased())
        #expect(errorCode { try document.setDefaultRealm(realm.lowercased()) } == .invalidValue)
        #expect(errorCode { try document.setDomainRealm(".corp.example", realm: realm.lowercased()) } == .invalidValue)
        do {
            try document.setDefaultRealm(realm.lowercased())
        } catch {
            #expect(error.reason.contains("did you mean \(realm)?"))
        }
        try document.setDefaultRealm(realm)
        try document.setDefaultRealm("OTHER.ORG")  // a realm the file does not define is still allowed (DNS may find its KDC)
    }
}
