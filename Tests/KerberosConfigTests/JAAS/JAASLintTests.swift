import KerberosConfig
import Testing

@Suite struct JAASLintTests {
    func findings(_ text: String, required: [String] = []) -> [KerberosFinding] {
        JAASLint.findings(in: JAASDocument(text: text), requiredEntries: required)
    }

    @Test func theDemoFileIsClean() {
        #expect(findings(Fixtures.demoJaas, required: ["Server", "Client"]).filter { $0.severity != .info }.isEmpty)
    }

    @Test func tfalseIsCaught() throws {
        let all = findings(Fixtures.legacyJaas)
        let value = try #require(all.first { $0.code == "jaas.option.value" })
        #expect(value.severity == .error)
        #expect(value.line == 3)
        #expect(value.message == "Server: the value of useKeyTab is not true or false, and Java reads anything but true as false (did you mean false?)")
        #expect(value.fix.contains("useKeyTab=false"))
        // storePass is a boolean too: a password written there is not shown.
        let password = try #require(findings("A { com.sun.security.auth.module.Krb5LoginModule required storePass=Hunt3r; };").first { $0.code == "jaas.option.value" })
        #expect(password.message.contains("the value of storePass") && !password.message.contains("Hunt3r"), "\(password.message)")
    }

    @Test func misspeltAndUnknownOptions() throws {
        let all = findings("A { com.sun.security.auth.module.Krb5LoginModule required\n usekeytab=true\n storekey=true\n frobnicate=\"x\"; };")
        let misspelt = all.filter { $0.code == "jaas.option.misspelt" }
        #expect(misspelt.map(\.line) == [2, 3])
        #expect(misspelt.first?.message.contains("useKeyTab") == true)
        #expect(all.first { $0.code == "jaas.option.unknown" }?.severity == .warning)
    }

    @Test func anAcceptorNeedsStoreKeyAndAPrincipal() {
        let codes = findings("S { com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true isInitiator=false; };").map(\.code)
        #expect(codes.contains("jaas.acceptor.storeKey"))
        #expect(codes.contains("jaas.principal.missing"))
        #expect(codes.contains("jaas.keytab.default"))
    }

    @Test func syntaxAndMissingEntries() throws {
        let broken = findings("S { x required debug=1; };", required: ["Server"])
        #expect(broken.map(\.code) == ["jaas.syntax"])
        #expect(findings(Fixtures.demoJaas, required: ["Server", "Other"]).map(\.code).contains("jaas.entry.missing"))
    }

    @Test func misspeltModuleClass() {
        let codes = findings("S { com.sun.security.auth.module.Krb5LoginModul required; };").map(\.code)
        #expect(codes == ["jaas.module.misspelt"])
    }
}
