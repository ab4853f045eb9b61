import Testing
import Foundation
@testable import ServerHome

@Suite struct LayoutTests {
    @Test func recognisesAMicroIntegratorHomeAndItsServices() throws {
        let root = NSTemporaryDirectory() + "mi-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let proxies = root + "/repository/deployment/server/synapse-configs/default/proxy-services"
        let dataServices = root + "/repository/deployment/server/dataservices"
        for dir in [proxies, dataServices] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try Data(#"<proxy xmlns="http://ws.apache.org/ns/synapse" name="Quote" transports="https"><target/></proxy>"#.utf8)
            .write(to: URL(fileURLWithPath: proxies + "/Quote.xml"))
        try Data(#"<data name="Customers"></data>"#.utf8).write(to: URL(fileURLWithPath: dataServices + "/Customers.dbs"))
        let home = try Home.open(root)
        #expect(home.layout == .microIntegrator)
        #expect(home.services().map(\.name) == ["Customers", "Quote"])
        #expect(try home.layout.policyPath(forKey: "gov:policy/UT.xml", root: root) == "registry/governance/policy/UT.xml")
        #expect(try home.layout.policyPath(forKey: "conf:/p.xml", root: root) == "registry/config/p.xml")
        #expect(throws: HomeError.self) { try home.layout.policyPath(forKey: "conf:../../etc/passwd", root: root) }
        // A bare key names a local entry; an unknown prefix is refused.
        #expect(try home.layout.policyPath(forKey: "server-policy", root: root)
                == "repository/deployment/server/synapse-configs/default/local-entries/server-policy.xml")
        #expect(throws: HomeError.self) { try home.layout.policyPath(forKey: "registry:server-policy", root: root) }
        #expect(throws: HomeError.self) { try HomeLayout.native.policyPath(forKey: "server-policy", root: root) }
    }

    @Test func readsTheTOMLSubset() throws {
        let toml = try TOMLDocument(text: """
        # comment
        [user_store]
        type = "read_only_ldap"   # trailing comment
        connection_url = "ldap://host:389" 
        read_groups = true
        [[ws_security]]
        case_insensitive_role_name_check = true
        [keystore.primary]
        file_name = 'repository/resources/security/wso2carbon.jks'
        roles = ["a", "b#c"]
        """)
        #expect(toml.value("user_store", "type") == .string("read_only_ldap"))
        #expect(toml.value("user_store", "connection_url")?.string == "ldap://host:389")
        #expect(toml.value("user_store", "read_groups")?.bool == true)
        #expect(toml.value("ws_security[0]", "case_insensitive_role_name_check")?.bool == true)
        #expect(toml.value("keystore.primary", "roles") == .array([.string("a"), .string("b#c")]))
        #expect(throws: HomeError.self) { try TOMLDocument(text: "[a]\nnot a pair\n") }
    }

    /// A key set in a table with a header and no entry (its keys removed, or only comments) goes under that header, after
    /// the comments: it went to a second [client] at the end, which TOML refuses, and `client set` wrote nothing.
    @Test func aKeyGoesUnderTheHeaderOfATableWithoutEntries() throws {
        let toml = try TOMLDocument(text: "[client]\n# who the self-test is\n\n[other]\nx = 1\n")
        let text = toml.setting("client", "user", to: .string("bob"))
        #expect(text == "[client]\n# who the self-test is\nuser = \"bob\"\n\n[other]\nx = 1\n")
        #expect(try TOMLDocument(text: text).value("client", "user")?.string == "bob")
    }

    /// Strings are decoded as TOML says (escapes, no raw control characters); a value written is read back the same;
    /// what a deployment.toml may hold and no setting is (floats, dates, inline tables, arrays over several lines) reads.
    @Test func readsStringsAsTOMLDoesAndKeepsWhatItDoesNotModel() throws {
        let toml = try TOMLDocument(text: #"""
        [a]
        escaped = "pas\u0073 \"q\" \\ \t#not a comment" # comment
        float = 0.75
        date = 2024-05-01T10:00:00Z
        spaced = 2024-05-01 10:00:00.5+02:00 # TOML allows a space for the T
        inline = { x = 1, y = "}" }
        list = [
          "one",   # first
          ["two", 3],
        ]
        after = true
        """#)
        #expect(toml.value("a", "escaped")?.string == "pass \"q\" \\ \t#not a comment")
        #expect(toml.value("a", "float") == .other("0.75"))
        #expect(toml.value("a", "date") == .other("2024-05-01T10:00:00Z"))
        #expect(toml.value("a", "spaced") == .other("2024-05-01 10:00:00.5+02:00"))
        #expect(toml.value("a", "inline") == .other(#"{ x = 1, y = "}" }"#))
        #expect(toml.value("a", "list") == .array([.string("one"), .array([.string("two"), .integer(3)])]))
        #expect(toml.value("a", "after")?.bool == true)
        let tricky = "p\\a\"s\ts\u{1}"
        let edited = try TOMLDocument(text: toml.setting("a", "list", to: .string(tricky)))
        #expect(edited.value("a", "list")?.string == tricky, "the three lines of the array became one value")
        #expect(edited.value("a", "after")?.bool == true)
        for bad in ["k = \"a\u{1b}b\"", "k = 'a\u{7}b'", #"k = "\q""#, "k = \"open", "k = bare", "k = [1, 2", "k = 1 2"] {
            #expect(throws: HomeError.self, "\(bad)") { try TOMLDocument(text: "[a]\n" + bad + "\n") }
        }
    }

    /// A value that does not parse is never shown, only its key and line: an unquoted value is often a password.
    @Test func anUnparsableValueIsNamedNotShown() {
        for (text, reason) in [("[a]\npassword = svcpass123\n", "not a TOML value (a string needs quotes)"),
                               ("[a]\npassword = svc=pass 123\n", "not a TOML value (a string needs quotes)"),
                               ("[a]\npassword =\n", "the value is missing")] {
            do { _ = try TOMLDocument(text: text); Issue.record("read: \(text)") } catch {
                #expect(error.message == "line 2: cannot read the value of password: \(reason)")
                #expect(!error.message.contains("svc"), "\(error)")
            }
        }
    }

    /// What a hand-edited deployment.toml may also hold reads (a byte-order mark, hex numbers, multi-line strings);
    /// what Micro Integrator refuses (a table or a key defined twice) is refused with its line.
    @Test func moreOfTOMLReadsAndDuplicatesAreRefused() throws {
        let toml = try TOMLDocument(text: "\u{FEFF}[a]\nmask = 0xFF\nbits = 0b101\ntext = \"\"\"\nfirst \\\n   second\nthird\"\"\"\nraw = '''C:\\path'''\nafter = 1\n")
        #expect(toml.value("a", "mask") == .integer(255) && toml.value("a", "bits") == .integer(5))
        #expect(toml.value("a", "text")?.string == "first second\nthird")
        #expect(toml.value("a", "raw")?.string == "C:\\path")
        #expect(toml.value("a", "after") == .integer(1))
        #expect(toml.setting("a", "after", to: .integer(2)).hasPrefix("\u{FEFF}[a]\n"), "the mark stays when the file is written")
        for (text, line) in [("[a]\nx = 1\n[b]\n[a]\ny = 2\n", 4), ("[a]\nx = 1\nx = 2\n", 3)] {
            do { _ = try TOMLDocument(text: text); Issue.record("read: \(text)") } catch {
                #expect(error.message.hasPrefix("line \(line):") && error.message.contains("twice"), "\(error)")
            }
        }
    }

    /// A key whose value spans lines (an array, multi-line strings) is removed with all of them: only its first line
    /// went, and the rest was left as lines TOML refuses (`"one",`) or reads as keys of their own (a string's
    /// `user = "mallory"`).
    @Test func removingAKeyRemovesEveryLineOfItsValue() throws {
        let text = "[a]\nlist = [\n  \"one\",   # first\n  \"two\",\n]\ntext = \"\"\"\nuser = \"mallory\"\n\"\"\"\n"
            + "raw = '''\nx = 1\n'''   # comment\nafter = 1\n\n[b]\ny = 2\n"
        let toml = try TOMLDocument(text: text)
        for (key, lines) in [("list", "list = [\n  \"one\",   # first\n  \"two\",\n]\n"), ("text", "text = \"\"\"\nuser = \"mallory\"\n\"\"\"\n"),
                             ("raw", "raw = '''\nx = 1\n'''   # comment\n")] {
            let removed = toml.removing("a", key)
            #expect(removed == text.replacingOccurrences(of: lines, with: ""), "\(key):\n\(removed)")
            let read = try TOMLDocument(text: removed)
            #expect(read.value("a", key) == nil && read.value("a", "after") == .integer(1) && read.value("b", "y") == .integer(2), "\(key)")
            #expect(read.value("a", "user") == nil && read.value("a", "x") == nil, "\(key): a line of the value read as a key")
        }
        let none = try TOMLDocument(text: toml.removing("a", "list")).removing("a", "text")
        #expect(try TOMLDocument(text: TOMLDocument(text: none).removing("a", "raw")).entries.map(\.key) == ["after", "y"])
    }

    /// A table whose keys were all removed loses its header and its own comments (under it; above it after a blank
    /// line); a comment just above the next header is that table's and stays, and one blank line is left between
    /// the tables around it. A table with a key, or a file that starts with it under a byte-order mark, is unchanged.
    @Test func removingAnEmptyTableKeepsTheOthersAndTheirComments() throws {
        for (text, expected) in [
            ("[a]\nx = 1\n\n# t's own\n[t]\n# under t\n\n# b's own\n[b]\ny = 2\n", "[a]\nx = 1\n\n# b's own\n[b]\ny = 2\n"),
            ("[a]\nx = 1\n# a's last\n[t]\n# under t\n\n[b]\n", "[a]\nx = 1\n# a's last\n\n[b]\n"),
            ("# the file's\n[t]\n\n[b]\ny = 2\n", "# the file's\n\n[b]\ny = 2\n"),
            ("[a]\nx = 1\n\n[t]\n# under t\n", "[a]\nx = 1\n"),
            ("[t]\r\n\r\n[b]\r\ny = 2\r\n", "[b]\r\ny = 2\r\n"),
            ("[t]\nz = 1\n", "[t]\nz = 1\n"), ("\u{FEFF}[t]\n[b]\n", "\u{FEFF}[t]\n[b]\n"), ("[b]\n", "[b]\n"),
        ] {
            let removed = try TOMLDocument(text: text).removingEmptyTable("t")
            #expect(removed == expected, "\(text)")
            _ = try TOMLDocument(text: removed)
        }
    }

    /// Arrays nested thousands deep took seconds to read (every command reads the settings): refused instead.
    @Test func deeplyNestedArraysAreRefused() throws {
        let deep = String(repeating: "[", count: 7_000) + String(repeating: "]", count: 7_000)
        do { _ = try TOMLDocument(text: "[a]\nzz = \(deep)\n"); Issue.record("read") } catch {
            #expect(error.message.contains("nested deeper than 32"), "\(error)")
        }
        #expect(try TOMLDocument(text: "[a]\nzz = [[[1]]]\n").value("a", "zz") == .array([.array([.array([.integer(1)])])]))
    }

    /// Listing the tables, and reading each setting, searched every entry: a settings file of 20,000 keystore tables
    /// took half a minute to read (every command reads it, the console on every change).
    @Test func manyTablesAreReadInOnePass() throws {
        let text = (0..<20_000).map { "[keystore.k\($0)]\nfile = \"k\($0).p12\"\npassword_env = \"K\($0)\"\n" }.joined()
        let toml = try TOMLDocument(text: text)
        let tables = toml.tables
        #expect(tables.count == 20_000)
        #expect(tables.last == "keystore.k19999")
        #expect(tables.filter { toml.value($0, "file") == nil || toml.value($0, "password") != nil }.isEmpty)
        #expect(toml.unasked.map(\.key) == Array(repeating: "password_env", count: 20_000))
        #expect(toml.value("keystore.k19999", "password_env")?.string == "K19999")
    }

    /// A deployment.toml or console.toml saved on Windows: read line by line, and an edited file keeps its CRLF.
    @Test func readsAndEditsACRLFFile() throws {
        let text = "[user_store]\r\ntype = \"read_only_ldap\"   # comment\r\n[keystore.primary]\r\nfile_name = \"wso2carbon.jks\"\r\n"
        let toml = try TOMLDocument(text: text)
        #expect(toml.value("user_store", "type")?.string == "read_only_ldap")
        #expect(toml.value("keystore.primary", "file_name")?.string == "wso2carbon.jks")
        let edited = toml.setting("keystore.primary", "file_name", to: .string("other.jks"))
        #expect(edited == text.replacingOccurrences(of: "wso2carbon.jks", with: "other.jks"))
    }
}
