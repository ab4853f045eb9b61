import KerberosConfig
import Testing

@Suite struct JAASDocumentTests {
    @Test(arguments: [Fixtures.demoJaas, Fixtures.legacyJaas, "", "/* only a comment */", "Server {"])
    func writesBackEveryByte(text: String) {
        #expect(JAASDocument(text: text).bytes == Array(text.utf8))
    }

    @Test func readsEntriesModulesAndOptions() throws {
        let document = JAASDocument(text: Fixtures.demoJaas)
        #expect(document.problem == nil)
        #expect(document.entries.map(\.name) == ["Server", "Client"])
        let server = try #require(document.entry("Server")?.module())
        #expect(server.flag == "required")
        #expect(server["keyTab"] == "keystores/service.keytab")
        #expect(server["principal"] == "HTTP/localhost@EXAMPLE.COM")
        #expect(server.option("principal")?.isQuoted == true)
        #expect(server.option("isInitiator")?.line == 13)
        #expect(document.entry("Client")?.module()?.options.map(\.name) == ["useTicketCache"])
    }

    @Test func javaEscapesInQuotedValues() throws {
        let document = JAASDocument(text: "A { x required k=\"a\\tb\\\\c\\\"d\"; };")
        #expect(document.entry("A")?.modules.first?["k"] == "a\tb\\c\"d")
    }

    // Each case was checked against Java 17's own ConfigFile: it refuses these files.
    @Test(arguments: [
        ("# comment\nA { x required; };", 1, "'#'"),
        ("A { x required debug=1; };", 1, "quoted"),
        ("A { x required a='b'; };", 1, "single quotes"),
        ("A {\n x required keyTab=/etc/krb5.keytab\n principal=\"p\"; };", 3, "expected"),
        ("A { x requird; };", 1, "did you mean required"),
        ("A { x required a=b }", 1, "';'"),
        ("A { x required a=b; }", 1, "the file ends"),
        ("A { x required; };\nA { y optional; };", 2, "twice"),
        ("A { x required a=${user.home}; };", 1, "double quotes"),
    ])
    func javaRejectsWithALine(text: String, line: Int, words: String) throws {
        let document = JAASDocument(text: text)
        let problem = try #require(document.problem)
        #expect(problem.line == line)
        #expect(problem.message.contains(words), "\(problem.message)")
    }

    /// An option's value is never shown in a problem: it may be a password.
    @Test(arguments: ["A { x required storePass=20251127; };", "A { x required storePass='20251127'; };"])
    func aRejectedValueIsNotShown(text: String) throws {
        let problem = try #require(JAASDocument(text: text).problem)
        #expect(problem.message.hasPrefix("the value of storePass ") && !problem.message.contains("20251127"), "\(problem.message)")
    }

    /// A word the grammar has not placed may be the rest of a value written without its quotes: a problem names the
    /// line and the option before it, never the word. Each file holds the password Hunt3r!Xyzzy 42, broken up.
    @Test(arguments: [
        ("A { x required storePass=Hunt3r Xyzzy; };", "after the value of storePass, found a word"),
        ("A {\n x required\n  storePass=Hunt3r!Xyzzy; };", "after the value of storePass, found a sign"),
        ("A { x required storePass=\"Hunt3r\"Xyzzy\"; };", "after the value of storePass, found a word"),
        ("A { x required storePass=Hunt3r 42; };", "after the value of storePass, found a number"),
        ("A { x required storePass=Hunt3r 'Xyzzy'; };", "after the value of storePass, found a string in single quotes"),
        ("A { x required storePass=Hunt3r#Xyzzy; };", "after the value of storePass, found a sign"),
        ("A { x required storePass=Hunt3r;Xyzzy Xyzzy; };", "control flag is not one Java accepts"),
        ("A { x required storePass=Hunt3r; Xyzzy 42; };", "expected a control flag"),
        ("A { x required storePass=Hunt3r; }; Xyzzy 42", "expected '{' after the entry name, found a number"),
    ])
    func aWordOfAValueIsNotShown(text: String, words: String) throws {
        let problem = try #require(JAASDocument(text: text).problem)
        #expect(problem.message.contains(words), "\(problem.message)")
        #expect(problem.line == (text.contains("\n") ? 3 : 1))
        for secret in ["Hunt3r", "Xyzzy", "42", "!", "#"] { #expect(!problem.message.contains(secret), "\(problem.message)") }
    }

    /// A duplicate entry was looked for among all the entries before it, for every entry: 20,000 took 15 seconds.
    @Test func aDuplicateAmongManyEntriesIsFoundInOnePass() throws {
        let text = (0..<40_000).map { "E\($0) { x required; };\n" }.joined() + "E7 { y optional; };\n"
        let document = JAASDocument(text: text)
        #expect(document.entries.count == 40_000)
        let problem = try #require(document.problem)
        #expect(problem.line == 40_001)
        #expect(problem.message == "the entry E7 is defined twice (lines 8 and 40001): Java rejects the file")
    }

    @Test func aLoneSlashIsRemarked() {
        let document = JAASDocument(text: "A {\n x required keyTab=/etc/krb5.keytab\n principal=\"p\"; };")
        #expect(document.remarks.first?.line == 2)
    }

    @Test func unterminatedQuoteEndsAtTheLineAsInJava() {
        let document = JAASDocument(text: "A { x required a=\"open\n; };")
        #expect(document.problem == nil)
        #expect(document.entry("A")?.modules.first?["a"] == "open")
    }

    @Test func controlFlagsIgnoreCase() {
        #expect(JAASDocument(text: "A { x Required; };").problem == nil)
    }
}
