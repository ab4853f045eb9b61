import Foundation
import Testing

/// Work that can take seconds (a diff of a 5,000-user store) runs off the console's input loop: the real binary in
/// tmux keeps answering keys while it is pending, and Esc drops it.
@Suite(.serialized)
struct PreparingEndToEndTests {
    /// The pending job is a change's diff whose kept version is a FIFO nobody writes: reading it waits for ever, as a
    /// long diff would for seconds. Shown on the input loop, the console froze on Enter, Esc and Q included.
    @Test func theConsoleAnswersKeysWhileADiffIsPrepared() throws {
        let binary = try #require(Fixture.binary)
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = try Run.tool(binary, ["--home", home, "roles", "add", "newrole"])
        let history = home + "/.wssconsole/history"
        let change = try #require(try FileManager.default.contentsOfDirectory(atPath: history).first)
        let kept = "\(history)/\(change)/after/conf/userstore.xml"
        try FileManager.default.removeItem(atPath: kept)
        #expect(mkfifo(kept, 0o600) == 0)

        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Services (6)"), "\(tmux.lastScreen)")
        tmux.send("H")
        #expect(tmux.waitFor("Changes to the home (1)", "add role newrole"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Preparing the changes…", "Esc cancels."), "\(tmux.lastScreen)")
        tmux.send("?")
        #expect(tmux.waitFor("─ Keys ─", "Cancel and close the dialog"), "help opens while it is pending: \(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor { $0.contains("Preparing the changes…") && !$0.contains("─ Keys ─") }, "\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor { !$0.contains("Preparing the changes…") && $0.contains("Changes to the home (1)") }, "cancelled: \(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0, "\(tmux.lastScreen)")
    }
}
