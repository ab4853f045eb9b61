import Foundation
import Testing

/// The real binary in tmux at 80x24. Each test has its own tmux server and its own copy of the demo home.
@Suite(.serialized)
struct ConsoleEndToEndTests {
    static let utf8 = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]

    /// Open, select EchoProxy, apply scenario 2, back on the list; the screen and the files agree.
    @Test func applyScenario2() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: Self.utf8)
        defer { tmux.kill() }

        #expect(tmux.waitFor("Services (6)", "EchoProxy", "Enter Open"), "first screen:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("┌─ Services"))
        tmux.send("Down")
        #expect(tmux.waitFor("> EchoProxy"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Security for EchoProxy", "1  UsernameToken"), "\(tmux.lastScreen)")
        tmux.send("Down")
        #expect(tmux.waitFor(">  2  Non-repudiation", "Protects:"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Apply scenario 2?", "> Apply <"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Applied scenario 2"), "\(tmux.lastScreen)")
        #expect(tmux.waitFor { screen in
            screen.split(separator: "\n").contains { $0.contains("EchoProxy") && $0.contains("2 Non-repudiation") }
        }, "\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("Security for EchoProxy"), "back on the list")

        let policies = Fixture.files(under: home + "/conf", containing: "wsu:Id=\"SigOnly\"")
        #expect(!policies.isEmpty, "no policy with wsu:Id=\"SigOnly\" under conf/")
        let definition = Fixture.read(home + "/conf/services/EchoProxy.xml") ?? ""
        #expect(definition.contains("<policy key="), "EchoProxy.xml:\n\(definition)")

        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }

    /// The operator's reproduction: a read-only console beside another shell that removes a service's security. The
    /// idle console notices within seconds, without a key pressed, and says so.
    @Test func aReadOnlyConsoleFollowsAnotherShell() throws {
        let binary = try #require(Fixture.binary)
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = try Run.tool(binary, ["--home", home, "apply", "--service", "EchoProxy", "--scenario", "3"])
        let tmux = try TmuxSession(command: try Fixture.command(home: home) + " --read-only", environment: Self.utf8)
        defer { tmux.kill() }
        let row = { (screen: String) in screen.split(separator: "\n").first { $0.contains("EchoProxy ") }.map(String.init) ?? "" }
        #expect(tmux.waitFor { row($0).contains("3 Integrity") }, "\(tmux.lastScreen)")
        _ = try Run.tool(binary, ["--home", home, "unsecure", "--service", "EchoProxy"])    // another shell
        #expect(tmux.waitFor(seconds: 10) { row($0).contains("unsecured") && $0.contains("EchoProxy changed on disk; reloaded.") },
                "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func helpRedrawAndQuitKeys() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: Self.utf8)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Enter Open"))
        tmux.send("?")
        #expect(tmux.waitFor("Keys", "Open the service", "Esc Close"), "\(tmux.lastScreen)")
        tmux.send("End")    // the help scrolls at 80x24
        #expect(tmux.waitFor("Redraw the whole screen"), "\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor("Enter Open"), "\(tmux.lastScreen)")
        tmux.send("C-l")
        #expect(tmux.waitFor("Services (6)"))
        tmux.send("F10")
        #expect(tmux.exitStatus() == 0)
    }

    /// F1 while a search query is typed: q went into the query, and the help says Esc drops it, nothing of q.
    @Test func helpWhileSearchingSaysWhatEscDoes() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: Self.utf8)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Enter Open"))
        tmux.send("/")
        tmux.send("q")
        #expect(tmux.waitFor("Search: q"), "\(tmux.lastScreen)")
        tmux.send("F1")
        #expect(tmux.waitFor("Keys", "Drop the query", "F1              Show the keys of this screen"), "\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("q on the first screen") && !tmux.lastScreen.contains("Close this view"), "\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor { !$0.contains("Drop the query") && $0.contains("Search: q") }, "\(tmux.lastScreen)")
        tmux.send("F10")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func noColorDrawsWithoutColours() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let plain = try TmuxSession(command: try Fixture.command(home: home), environment: Self.utf8.merging(["NO_COLOR": "1"]) { $1 })
        defer { plain.kill() }
        #expect(plain.waitFor("Enter Open"))
        let monochrome = plain.capture(withAttributes: true)
        #expect(!ANSI.usesColour(monochrome), "colour codes with NO_COLOR:\n\(monochrome)")
        #expect(ANSI.usesAttributes(monochrome), "the selection should still show (reverse video)")

        // A second home: the first console holds the lock of its own.
        let other = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: other) }
        let coloured = try TmuxSession(command: try Fixture.command(home: other), environment: Self.utf8)
        defer { coloured.kill() }
        #expect(coloured.waitFor("Enter Open"))
        #expect(ANSI.usesColour(coloured.capture(withAttributes: true)), "the normal run uses colours")
    }

    @Test func nonUTF8LocaleDrawsAsciiBorders() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ["LANG": "C", "LC_ALL": "C"])
        defer { tmux.kill() }
        #expect(tmux.waitFor("+- Services (6) ---", "EchoProxy"), "\(tmux.lastScreen)")
        #expect(tmux.lastScreen.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII on a C locale:\n\(tmux.lastScreen)")
        tmux.send("Down", "Enter")
        #expect(tmux.waitFor("Security for EchoProxy"))
        #expect(tmux.lastScreen.unicodeScalars.allSatisfy { $0.isASCII }, "\(tmux.lastScreen)")
    }

    @Test func resizeBelowTheMinimumAndBack() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: Self.utf8)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Services (6)"))
        tmux.resize(width: 40, height: 10)
        #expect(tmux.waitFor("Terminal too small: 40x10.", "needs at least 60x16."), "\(tmux.lastScreen)")
        tmux.resize(width: 20, height: 5)    // a shorter wording, whole
        #expect(tmux.waitFor("Too small: 20x5.", "Needs at least", "60x16.", "Resize, or Q to", "quit."), "\(tmux.lastScreen)")
        tmux.resize(width: 80, height: 24)
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func brokenServiceIsListedWithItsError() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "<proxy name=\"AAABroken\"><target>".write(toFile: home + "/conf/services/AAABroken.xml", atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: Self.utf8)
        defer { tmux.kill() }
        #expect(tmux.waitFor("> AAABroken", "BROKEN", "AAABroken is BROKEN:"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("AAABroken cannot be opened"), "\(tmux.lastScreen)")
    }

    @Test func withoutATerminalItSaysSoAndFails() throws {
        let binary = try #require(Fixture.binary)
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try Run.tool(binary, ["--home", home], check: false)
        #expect(result.status != 0)
        #expect(result.error.contains("wssconsole needs a terminal; use a subcommand (wssconsole --help) for scripts"),
                "stderr: \(result.error)")
    }

    /// One writer per home: a second console on a locked home is told who holds it and may open it read-only.
    /// A home this user may not write (here: run as nobody) is offered read-only rather than refused, and nothing
    /// is written in it.
    @Test func anUnwritableHomeIsOfferedReadOnly() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for path in [home] + (FileManager.default.enumerator(atPath: home)?.allObjects as? [String] ?? []).map({ home + "/" + $0 }) {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            chmod(path, isFolder.boolValue ? 0o755 : 0o644)
        }
        let session = try TmuxSession(command: "setpriv --reuid=65534 --regid=65534 --clear-groups " + (try Fixture.command(home: home)),
                                      environment: Self.utf8)
        defer { session.kill() }
        #expect(session.waitFor(joined: true) { $0.contains("is not writable for this user") && $0.contains("Open it read-only instead? [y/N]") },
                "\(session.capture(joined: true))")
        session.send("y")
        session.send("Enter")
        #expect(session.waitFor("(read-only)"), "\(session.capture(joined: true))")
        session.send("Q")
        #expect(session.exitStatus() == 0)
        #expect(!FileManager.default.fileExists(atPath: home + "/.wssconsole"))
    }

    @Test func secondConsoleOnTheSameHomeIsRefused() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = try TmuxSession(command: try Fixture.command(home: home), environment: Self.utf8)
        defer { first.kill() }
        #expect(first.waitFor("Services (6)"))
        let second = try TmuxSession(command: try Fixture.command(home: home), environment: Self.utf8)
        defer { second.kill() }
        #expect(second.waitFor(joined: true) { $0.contains("is locked by") && $0.contains("Open it read-only instead? [y/N]") },
                "\(second.capture(joined: true))")
        second.send("n")
        second.send("Enter")
        #expect(second.exitStatus() == 1)
        // Answering yes opens the same home read-only beside the writer.
        let third = try TmuxSession(command: try Fixture.command(home: home), environment: Self.utf8)
        defer { third.kill() }
        #expect(third.waitFor(joined: true) { $0.contains("Open it read-only instead? [y/N]") })
        third.send("y")
        third.send("Enter")
        #expect(third.waitFor("(read-only)"), "\(third.capture(joined: true))")
        third.send("Q")
        #expect(third.exitStatus() == 0)
        first.send("Q")
        #expect(first.exitStatus() == 0)
    }
}

/// Reading SGR escape sequences from `capture-pane -e`.
enum ANSI {
    /// The parameter lists of every SGR sequence (`ESC [ ... m`).
    static func sgrParameters(_ text: String) -> [[Int]] {
        var result: [[Int]] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
            if rest[end] == "m" { result.append(rest[..<end].split(separator: ";").compactMap { Int($0) }) }
            rest = rest[end...]
        }
        return result
    }

    /// True when a foreground or background colour other than the default is set.
    static func usesColour(_ text: String) -> Bool {
        sgrParameters(text).contains { params in
            params.contains { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }
        }
    }

    /// True when bold, dim, underline or reverse is used.
    static func usesAttributes(_ text: String) -> Bool {
        sgrParameters(text).contains { params in params.contains { [1, 2, 4, 7].contains($0) } }
    }
}
