import KerberosConfig
import Testing

@Suite struct JAASEditingTests {
    @Test func setChangesOnlyTheValue() throws {
        var document = JAASDocument(text: Fixtures.legacyJaas)
        // The edit is refused nowhere: a misspelt boolean is not a syntax error.
        try document.setOption("useKeyTab", to: "true", entry: "Server")
        #expect(document.text == Fixtures.legacyJaas.replacingOccurrences(of: "useKeyTab=tfalse", with: "useKeyTab=true"))
    }

    @Test func newOptionsFollowTheLastOneInItsLayout() throws {
        var document = JAASDocument(text: Fixtures.demoJaas)
        try document.setOption("debug", to: "true", entry: "Server")
        #expect(document.text.contains("        isInitiator=false\n        debug=true;\n};"))
        var legacy = JAASDocument(text: Fixtures.legacyJaas)
        try legacy.setOption("principal", to: "HTTP/host@LEGACY.ORG", entry: "Server")
        #expect(legacy.text.contains("isInitiator=false\nprincipal=\"HTTP/host@LEGACY.ORG\";\n};\nClient"))
        var oneLine = JAASDocument(text: "A { com.sun.security.auth.module.Krb5LoginModule required a=b; };\n")
        try oneLine.setOption("c", to: "d", entry: "A")
        #expect(oneLine.text == "A { com.sun.security.auth.module.Krb5LoginModule required a=b c=d; };\n")
    }

    @Test func valuesAreQuotedWhenJavaNeedsIt() throws {
        var document = JAASDocument(text: Fixtures.demoJaas)
        try document.setOption("keyTab", to: "/etc/a \"b\".keytab", entry: "Server")
        #expect(document.entry("Server")?.module()?["keyTab"] == "/etc/a \"b\".keytab")
        #expect(document.text.contains("keyTab=\"/etc/a \\\"b\\\".keytab\""))
        #expect(document.problem == nil)
    }

    @Test func removeOptionTakesItsLine() throws {
        var document = JAASDocument(text: Fixtures.demoJaas)
        let removed = try document.removeOption("isInitiator", entry: "Server")
        #expect(removed)
        #expect(document.text.contains("useTicketCache=false;\n};\n\n/* The client side. */"))
        let removedToo = try document.removeOption("useTicketCache", entry: "Client")
        #expect(removedToo)
        #expect(document.text.contains("Krb5LoginModule required;\n};"))
        let removedNothing = try document.removeOption("nothing", entry: "Client")
        #expect(!removedNothing)
    }

    @Test func addAndRemoveEntries() throws {
        var document = JAASDocument(text: Fixtures.legacyJaas)
        try document.addEntry("Other", options: [("useKeyTab", "true"), ("keyTab", "/k.keytab")])
        #expect(document.text.hasSuffix("};\n\nOther {\ncom.sun.security.auth.module.Krb5LoginModule required\nuseKeyTab=true\nkeyTab=\"/k.keytab\";\n};\n"))
        try document.removeEntry("Client")
        #expect(document.entries.map(\.name) == ["Server", "Other"])
        #expect(document.text.hasPrefix(String(Fixtures.legacyJaas.prefix(60))))
        #expect(document.problem == nil)
        #expect(errorCode { try document.removeEntry("Client") } == .notFound)
    }

    @Test func configureCreatesOrUpdates() throws {
        var document = JAASDocument(text: Fixtures.demoJaas)
        try document.configure(entry: "Server", options: [("principal", "HTTP/web@EXAMPLE.COM")], removing: ["useTicketCache"])
        let server = try #require(document.entry("Server")?.module())
        #expect(server["principal"] == "HTTP/web@EXAMPLE.COM")
        #expect(server["useTicketCache"] == nil)
        var empty = JAASDocument(text: "")
        try empty.configure(entry: "Server", options: [("useKeyTab", "true")])
        #expect(empty.text == "Server {\n    com.sun.security.auth.module.Krb5LoginModule required\n        useKeyTab=true;\n};\n")
    }

    @Test func aBrokenFileIsNotEdited() {
        var document = JAASDocument(text: "# comment\nServer { x required; };")
        #expect(errorCode { try document.setOption("a", to: "b", entry: "Server") } == .unparsable)
    }

    @Test(arguments: ["bad name", "1abc", "a=b", ""])
    func badNamesAreRefused(name: String) {
        var document = JAASDocument(text: Fixtures.demoJaas)
        #expect(errorCode { try document.setOption(name, to: "x", entry: "Server") } == .invalidValue)
    }
}
