import Foundation
import Testing

/// Pasting over SSH: the console turns on bracketed paste, so a paste is text for the focused field and nothing
/// else. It used to be typing: "abc\nd" pasted into a prompt answered it with "abc" and handed "d" to the screen below.
@Suite(.serialized)
struct PasteEndToEndTests {
    /// The prompt keeps the first line and stays open; the user store is not touched; a huge paste is cut, not hung on.
    @Test func aPasteIntoAPromptIsTextAndSubmitsNothing() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let store = Fixture.read(home + "/conf/userstore.xml")
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("U")
        #expect(tmux.waitFor("Users (3)", "a Add"), "\(tmux.lastScreen)")
        tmux.send("a")
        #expect(tmux.waitFor("Add a user", "User name (case-sensitive):"), "\(tmux.lastScreen)")
        try tmux.paste("abc\nd")
        #expect(tmux.waitFor("│ abc_", "Pasted: only its first line was taken. Enter accepts."), "\(tmux.lastScreen)")
        tmux.send("C-u")
        try tmux.paste(String(repeating: "x", count: 100_000))
        #expect(tmux.waitFor(seconds: 60) { $0.contains("xxx_") && $0.contains("it was cut to what the field holds") },
                "\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor("Users (3)", "a Add"), "\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("Add a user"))
        #expect(Fixture.read(home + "/conf/userstore.xml") == store)
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }

    /// On the service list a paste is no keys: "j", Enter and "Q" neither move, open nor quit.
    @Test func aPasteOnTheServiceListDoesNothing() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Services (6)", "> CustomerDataService"), "\(tmux.lastScreen)")
        try tmux.paste("j\nQ")
        #expect(tmux.waitFor("Paste ignored here: only a text field takes pasted text."), "\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("> CustomerDataService") && tmux.lastScreen.contains("Services (6)"))
        tmux.send("/")
        try tmux.paste("echo\nQ")    // the search query is a text field
        #expect(tmux.waitFor("Search: echo_   (pasted: only its first line was taken)", "> EchoProxy"), "\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor { !$0.contains("Search:") }, "\(tmux.lastScreen)")    // Esc and Q together would be Alt-Q
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }

    /// The shell gets a terminal without bracketed paste back whichever way the console lets go of it (Ctrl-Z, quit,
    /// SIGTERM), and the console has it again after `fg`. bash runs without readline, which would turn the mode on
    /// for its own prompt and hide a console that left it on.
    @Test func theShellGetsPlainPastesBack() throws {
        let binary = try #require(Fixture.binary)
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: "bash --norc --noprofile --noediting -i", environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }
        let console = Fixture.shellQuoted(binary) + " --home " + Fixture.shellQuoted(home)
        /// What `head` read from a paste of "xy": "xy" when the shell's terminal has no paste markers.
        func shellPaste(_ name: String) throws -> String {
            let file = home + "/" + name
            tmux.send("-l", "head -n 1 > " + Fixture.shellQuoted(file))
            tmux.send("Enter")
            try tmux.paste("xy\n")
            _ = tmux.waitFor { _ in Fixture.read(file)?.hasSuffix("\n") == true }
            return Fixture.read(file) ?? ""
        }

        tmux.send("-l", console)
        tmux.send("Enter")
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("C-z")
        #expect(tmux.waitFor("Stopped"), "\(tmux.lastScreen)")
        #expect(try shellPaste("suspended.txt") == "xy\n")
        tmux.send("-l", "fg")
        tmux.send("Enter")
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("/")
        try tmux.paste("echo\nQ")
        #expect(tmux.waitFor("Search: echo_   (pasted: only its first line was taken)"), "after fg:\n\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor { !$0.contains("Search:") }, "\(tmux.lastScreen)")    // Esc and Q together would be Alt-Q
        tmux.send("Q")
        // Typed before the console has left, the shell's command would be the console's keys.
        #expect(tmux.waitFor { !$0.contains("Enter Open") }, "\(tmux.lastScreen)")
        #expect(try shellPaste("quit.txt") == "xy\n")

        let pidFile = home + "/console.pid"
        tmux.send("-l", "sh -c 'echo $$ > \(pidFile); exec \(console)'")
        tmux.send("Enter")
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        let pid = try #require(Fixture.read(pidFile).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        kill(pid, SIGTERM)
        // As after Q: on a loaded host the console can still be restoring the terminal when the next command is typed.
        #expect(tmux.waitFor { _ in kill(pid, 0) != 0 }, "the console outlived SIGTERM:\n\(tmux.lastScreen)")
        #expect(try shellPaste("killed.txt") == "xy\n")
    }

    /// `$EDITOR` gets the terminal without paste markers (a vi would otherwise insert `^[[200~`), and the console
    /// has them again on return.
    @Test func anEditorGetsPlainPastes() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let read = home + "/editor-read.txt"
        // An "editor" that reads one line from the terminal.
        let editor = "sh -c 'head -n 1 > \(Fixture.shellQuoted(read))' sh"
        let tmux = try TmuxSession(command: try Fixture.command(home: home),
                                   environment: ConsoleEndToEndTests.utf8.merging(["EDITOR": editor]) { $1 })
        defer { tmux.kill() }
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("K")
        #expect(tmux.waitFor("krb5.conf", "e Edit"), "\(tmux.lastScreen)")
        tmux.send("e")
        #expect(tmux.waitFor { !$0.contains("e Edit") }, "\(tmux.lastScreen)")
        try tmux.paste("xy\n")
        #expect(tmux.waitFor("krb5.conf: no change.", "e Edit"), "\(tmux.lastScreen)")
        #expect(Fixture.read(read) == "xy\n")
        tmux.send("Escape")
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("/")
        try tmux.paste("echo\nQ")
        #expect(tmux.waitFor("Search: echo_   (pasted: only its first line was taken)"), "\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor { !$0.contains("Search:") }, "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }
}
