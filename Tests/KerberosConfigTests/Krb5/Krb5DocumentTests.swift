import KerberosConfig
import Testing

@Suite struct Krb5DocumentTests {
    @Test(arguments: [Fixtures.legacyKrb5, Fixtures.richKrb5, "", "\n", "[a]", "[libdefaults]\r\n  x = 1\r\n"])
    func writesBackEveryByte(text: String) {
        let document = Krb5Document(text: text)
        #expect(document.bytes == Array(text.utf8))
    }

    @Test func invalidUTF8IsKeptAsRead() {
        let bytes: [UInt8] = Array("# caf".utf8) + [0xE9, 0x0A] + Array("[libdefaults]\n x = 1\n".utf8)
        #expect(Krb5Document(bytes: bytes).bytes == bytes)
    }

    @Test func readsTheRichFile() throws {
        let document = Krb5Document(text: Fixtures.richKrb5)
        #expect(document.problems.isEmpty)
        #expect(document.defaultRealm == "EXAMPLE.COM")
        #expect(document.value("default_ccache_name", in: "libdefaults") == "FILE:/tmp/krb5cc_%{uid}")
        #expect(document.value("udp_preference_limit", in: "libdefaults") == "1")
        let ticket = try #require(document.relation("ticket_lifetime", in: "libdefaults"))
        #expect(ticket.isFinal)
        #expect(document.sections(named: "libdefaults").first?.isFinal == true)
        #expect(document.realms.map(\.name) == ["EXAMPLE.COM", "OTHER.ORG"])
        let example = try #require(document.realm("EXAMPLE.COM"))
        #expect(example.kdcs == ["kdc1.example.com:88", "kdc2.example.com"])
        #expect(example.adminServers == ["kdc1.example.com:749"])
        #expect(example.line == 12)
        #expect(document.realm("OTHER.ORG")?.kdcs == ["[::1]:88"])
        #expect(document.domainRealms.map(\.domain) == [".example.com"])
        let capaths = try #require(document.relation("EXAMPLE.COM", in: "capaths"))
        #expect(capaths.values("OTHER.ORG") == ["."])
    }

    @Test func readsTheLegacyFile() {
        let document = Krb5Document(text: Fixtures.legacyKrb5)
        #expect(document.problems.isEmpty)
        #expect(document.defaultRealm == "LEGACY.ORG")
        #expect(document.realm("LEGACY.ORG")?.kdcs == ["127.0.0.1"])
    }

    /// Blocks nested tens of thousands deep built a tree whose release overflowed the stack (a crash of `krb5 show`):
    /// nesting stops at 16 levels, the first line beyond it the problem.
    @Test func nestingBeyondSixteenLevelsIsAProblemNotACrash() {
        let depth = 80_000
        let text = "[realms]\n" + String(repeating: "X = {\n", count: depth) + String(repeating: "}\n", count: depth)
        let document = Krb5Document(text: text)
        #expect(document.problems.first?.line == 18, "\(document.problems.prefix(2))")
        #expect(document.problems.first?.message.contains("nested deeper than 16 levels") == true)
        #expect(document.bytes == Array(text.utf8))
    }

    @Test func anUnclosedBraceIsAProblemOnItsLine() {
        let document = Krb5Document(text: "[realms]\n  A = {\n    kdc = x\n")
        #expect(document.problems.map(\.line) == [2])
        #expect(document.realm("A")?.kdcs == ["x"])
    }

    @Test(arguments: [
        ("kdc = x\n[libdefaults]\n", 1),                  // before any section
        ("[libdefaults]\n  x y\n", 2),                    // no '='
        ("[libdefaults]\n  = y\n", 2),                    // no name
        ("[realms]\n  A =\n\n  {\n  }\n", 3),             // the brace must follow at once
        ("[realms]\n  A = {\n  [libdefaults]\n  }\n", 3),  // header inside a block
        ("[libdefaults] junk\n", 1),                      // text after the header
        ("[libdefaults\n", 1),                            // no ']'
        ("[libdefaults]\n}\n", 2),                        // extra '}'
        ("  [libdefaults]\n  x = 1\n", 1),                // the first header indented
    ])
    func problemsNameTheirLine(text: String, line: Int) {
        let document = Krb5Document(text: text)
        #expect(document.problems.first?.line == line)
        #expect(document.bytes == Array(text.utf8))
    }

    /// A line that does not parse is named by its number, never shown: it may be anything, a pasted password too.
    @Test(arguments: ["s3cret-pass\n[libdefaults]\n", "[libdefaults]\n  s3cret-pass\n", " [libdefaults] s3cret-pass\n"])
    func aLineThatDoesNotParseIsNotShown(text: String) throws {
        let problem = try #require(Krb5Document(text: text).problems.first)
        #expect(problem.message.hasPrefix("the line ") && !problem.message.contains("s3cret"), "\(problem.message)")
    }

    @Test func aOneLineBlockIsTextToLibkrb5() {
        let document = Krb5Document(text: "[realms]\n  A = { kdc = x }\n")
        #expect(document.problems.isEmpty)
        #expect(document.realms.isEmpty)
        #expect(document.value("A", in: "realms") == "{ kdc = x }")
    }

    @Test func quotedValuesAndTrailingText() {
        let document = Krb5Document(text: "[s]\n a = \"x\\ty\" tail\n b = c # not a comment\n")
        #expect(document.value("a", in: "s") == "x\ty")
        #expect(document.value("b", in: "s") == "c # not a comment")
    }

    @Test func includesAreListed() {
        let document = Krb5Document(text: "include /etc/krb5.extra\nincludedir /etc/krb5.conf.d/\n[libdefaults]\n  x = 1\n")
        #expect(document.includes.map(\.path) == ["/etc/krb5.extra", "/etc/krb5.conf.d/"])
        #expect(document.problems.isEmpty)
    }
}
