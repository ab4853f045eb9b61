import Foundation
import Testing

/// The real `wssconsole` inside a detached tmux session of a given size, on a private tmux socket so
/// parallel runs never meet (TESTING.md level 4). Keys go in with `send-keys`, the screen comes out
/// with `capture-pane`; waits poll for text with a deadline and never assert durations.
final class TmuxSession {
    let socket: String
    private(set) var lastScreen = ""
    private let statusFile: String
    /// The server's socket file: removed at the end, as kill-server leaves it behind.
    private var socketPath: String?

    /// Starts `command` in a new session; `environment` is set for the command only. NO_COLOR is not
    /// passed on from the test process (`swift test` sets it), so each test decides it.
    init(command: String, environment: [String: String] = [:], width: Int = 80, height: Int = 24) throws {
        socket = "wssc-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        statusFile = NSTemporaryDirectory() + "/\(socket).status"
        // remain-on-exit keeps the pane (and what the program printed last) after it ends; it is set
        // before the session starts so even an immediate exit is kept.
        var arguments = ["start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                         "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-e", "TERM=xterm-256color"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        // tmux runs the command with sh -c; the shell records the exit status.
        arguments.append("\(command); echo $? > '\(statusFile)'")
        try tmux(arguments)
        socketPath = (try? tmux(["display-message", "-p", "#{socket_path}"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { kill() }

    /// Sends tmux key names ("Down", "Enter", "Escape", "F10", "C-l") or literal characters.
    func send(_ keys: String...) {
        _ = try? tmux(["send-keys"] + keys)
    }

    /// Pastes `text` as a terminal does: through a tmux buffer, line breaks sent as CR, and wrapped in the
    /// bracketed-paste markers when the program turned that mode on (`paste-buffer -p`), as a terminal would.
    func paste(_ text: String) throws {
        let file = NSTemporaryDirectory() + "/\(socket).paste"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        try tmux(["load-buffer", file])
        try tmux(["paste-buffer", "-p", "-d"])
    }

    /// The visible screen as text. `joined` is for plain output such as an error message, not for
    /// full-screen drawing: it undoes the wrapping of long lines and includes what scrolled away.
    func capture(withAttributes: Bool = false, joined: Bool = false) -> String {
        let text = (try? tmux(["capture-pane", "-p"] + (withAttributes ? ["-e"] : []) + (joined ? ["-J", "-S", "-"] : []))) ?? ""
        if !withAttributes { lastScreen = text }
        return text
    }

    /// Waits until the screen satisfies `condition`; false (with the last screen kept) after `seconds`.
    @discardableResult
    func waitFor(seconds: Double = 15, joined: Bool = false, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if condition(capture(joined: joined)) { return true }
            usleep(50_000)
        } while Date() < deadline
        return false
    }

    /// Waits until every one of `texts` is on screen.
    @discardableResult
    func waitFor(_ texts: String..., seconds: Double = 15) -> Bool {
        waitFor(seconds: seconds) { screen in texts.allSatisfy { screen.contains($0) } }
    }

    /// The program's exit status once it ended; nil if it still runs after `seconds`.
    /// Read from a file the session's shell writes: tmux's own `pane_dead_status` is sometimes never set.
    func exitStatus(seconds: Double = 15) -> Int? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
               let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    func resize(width: Int, height: Int) {
        _ = try? tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    func kill() {
        _ = try? tmux(["kill-server"])
        unlink(statusFile)
        if let socketPath, !socketPath.isEmpty { unlink(socketPath) }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try Run.tool("tmux", ["-L", socket, "-u", "-f", "/dev/null"] + arguments, removingEnvironment: ["NO_COLOR"]).output
    }
}

