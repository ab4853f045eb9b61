import Foundation
import Testing

/// The real binary under the terminal types operators meet over SSH, whose keys often differ from what their
/// `$TERM` entry lists (tmux and PuTTY send `ESC[4~` for End under TERM=xterm; a vt100 entry has no PgDn).
@Suite(.serialized)
struct TerminalTypeEndToEndTests {
    /// The console on a fresh home copy with `TERM` set to `term`.
    private static func start(term: String, home: String) throws -> TmuxSession {
        try TmuxSession(command: "env TERM=\(term) " + (try Fixture.command(home: home)), environment: ConsoleEndToEndTests.utf8)
    }

    private static func selectedRow(_ screen: String, bar: String = "│") -> String {
        screen.split(separator: "\n").first { $0.hasPrefix(bar + "> ") }.map(String.init) ?? ""
    }

    /// TERM=dumb cannot move the cursor: every screen would be printed in a row. It is refused with advice.
    @Test func aTerminalThatCannotMoveTheCursorIsRefused() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try Self.start(term: "dumb", home: home)
        defer { tmux.kill() }
        #expect(tmux.exitStatus() == 1)
        #expect(tmux.waitFor(joined: true) { $0.contains("\"dumb\" cannot position the cursor; try TERM=xterm-256color") },
                "\(tmux.capture(joined: true))")
    }

    /// Home, End, PgDn and F1 work whatever sequence the terminal sends for them.
    @Test(arguments: ["xterm-256color", "vt100", "linux"])
    func navigationAndFunctionKeys(term: String) throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try Self.start(term: term, home: home)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("End")
        #expect(tmux.waitFor { Self.selectedRow($0).contains("StockQuoteProxy") }, "End under \(term):\n\(tmux.lastScreen)")
        tmux.send("Home")
        #expect(tmux.waitFor { Self.selectedRow($0).contains("CustomerDataService") }, "Home under \(term):\n\(tmux.lastScreen)")
        tmux.send("NPage")
        #expect(tmux.waitFor { Self.selectedRow($0).contains("StockQuoteProxy") }, "PgDn under \(term):\n\(tmux.lastScreen)")
        tmux.send("F1")
        #expect(tmux.waitFor("Open the service", "Esc Close"), "F1 under \(term):\n\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor("Enter Open"))
        tmux.send("F10")
        #expect(tmux.exitStatus() == 0)
        // The shell gets a clean screen back, alternate screen or not (vt100 and linux have none): the last frame
        // stayed, the prompt written over its key bar.
        #expect(!tmux.capture().contains("Enter Open"), "after quitting under \(term):\n\(tmux.capture())")
    }

    /// Ctrl-Right under TERM=screen (a sequence its entry does not list), Alt-Q and Alt-Enter arrive as Esc plus keys.
    /// They used to cancel the password dialog and hand `Q` to the screen below; now they are dropped.
    @Test func unknownSequencesAndAltKeysDoNotCancelADialog() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try Self.start(term: "screen", home: home)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("S")
        #expect(tmux.waitFor("Keystores of the home"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Store password"), "\(tmux.lastScreen)")
        tmux.send("-l", "x")
        #expect(tmux.waitFor("Store password", "(hidden)"), "\(tmux.lastScreen)")
        tmux.send("C-Right")
        tmux.send("M-Q")
        tmux.send("M-Enter")    // as Esc then Enter it would reopen the dialog empty
        tmux.send("C-l")
        #expect(tmux.waitFor { $0.contains("Store password") && $0.contains("(hidden)") && $0.contains("Esc Cancel") }, "\(tmux.lastScreen)")
        tmux.send("Escape")    // a lone Esc still cancels at once
        #expect(tmux.waitFor("Enter Open  n New  Esc Back"), "\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("Store password"))
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }

    /// LANG=C over SSH while the terminal sends UTF-8: an "ü" typed used to vanish with the key after it, so a
    /// password typed with one was silently another. It is read whole and drawn as "?" on the ASCII screen.
    @Test func nonASCIITypedUnderACLocaleIsKept() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let echo = try String(contentsOfFile: home + "/conf/services/EchoProxy.xml", encoding: .utf8)
        try echo.replacingOccurrences(of: "name=\"EchoProxy\"", with: "name=\"Zahlungsdienst-Ü\"")
            .write(toFile: home + "/conf/services/Zahlungsdienst-Ü.xml", atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ["LANG": "C", "LC_ALL": "C"])
        defer { tmux.kill() }
        #expect(tmux.waitFor("Services (7)", "Zahlungsdienst-?"), "\(tmux.lastScreen)")
        tmux.send("/")
        tmux.send("-l", "dienst-üx")
        #expect(tmux.waitFor("Search: dienst-?x"), "\(tmux.lastScreen)")
        tmux.send("BSpace", "Enter")
        #expect(tmux.waitFor { Self.selectedRow($0, bar: "|").contains("Zahlungsdienst-?") }, "\(tmux.lastScreen)")
        #expect(tmux.lastScreen.unicodeScalars.allSatisfy { $0.isASCII }, "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }

    /// Ctrl-S (a save reflex) used to stop all output until Ctrl-Q, which looks like a hang. Keys keep showing,
    /// and the shell gets its flow control back on exit.
    @Test func ctrlSDoesNotFreezeTheScreen() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let modes = home + "/stty.txt"
        let tmux = try TmuxSession(command: try Fixture.command(home: home) + "; stty -a > " + Fixture.shellQuoted(modes),
                                   environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("C-s")
        tmux.send("Down")
        #expect(tmux.waitFor { Self.selectedRow($0).contains("EchoProxy") }, "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
        let shellModes = Fixture.read(modes) ?? ""
        #expect(shellModes.contains(" ixon"), "the shell's flow control after exit:\n\(shellModes)")
    }
}
