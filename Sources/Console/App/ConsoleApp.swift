import ConsoleUI
import Foundation
import ServerHome

/// The terminal console: what `wssconsole` without a subcommand runs.
public enum ConsoleApp {
    /// Program name in the header and in messages.
    static let name = "wssconsole"
    /// Below this the screens are replaced by a "too small" message.
    public static let minimumSize = Size(width: 60, height: 16)

    /// Runs the console on the process's terminal until the operator quits. A writable home is locked
    /// for the whole session, so a second console on it is refused with the holder's name.
    /// - Returns: the exit code: 0 after a normal quit, 1 when the terminal cannot be used or the home
    ///   is locked (the reason is printed on standard error).
    public static func run(home: Home, options: ConsoleOptions = ConsoleOptions()) -> Int32 {
        // NO_COLOR counts even when the caller passed the default.
        let noColor = options.noColor || ConsoleOptions.environmentSaysNoColor()
        let terminal: NCursesTerminal
        var home = home
        do {
            // The terminal is checked before the lock, so a script is told to use a subcommand.
            try NCursesTerminal.checkTerminal()
            if !home.readOnly, access(home.root, W_OK) != 0 {
                // A home we may not write (another user's, a read-only mount) can still be looked at.
                let reason = "\(home.root) is not writable for this user (\(String(cString: strerror(errno)))); " + howToWrite(home.root)
                guard let readOnly = offerReadOnly(home, reason) else { return fail("\(name): \(reason)") }
                home = readOnly
            }
            if !home.readOnly {
                do { try home.lock() } catch {
                    guard error.code == .locked, let readOnly = offerReadOnly(home, error.message) else {
                        return fail("\(name): \(error.description)")
                    }
                    home = readOnly
                }
            }
            terminal = try NCursesTerminal(options: TerminalOptions(noColor: noColor, asciiOnly: options.asciiOnly))
        } catch {
            home.unlock()
            return fail(message(for: error))
        }
        defer { home.unlock() }
        let manager = screenManager(home: home, validation: .background)
        manager.run(on: terminal)
        terminal.close()
        return 0
    }

    /// The console's screens on a home, ready to be driven by `ScreenManager.run(on:)` or, in tests,
    /// key by key. `validation: .inline` validates synchronously so screens are deterministic; an idle console looks
    /// for changes made on disk every `diskCheckInterval`. Every error dialog's fix names the console's keys for the
    /// history's commands (`HistoryCommandKeys`), and the home in the commands it still suggests: pasted on another
    /// home than the demo copy, a command without --home would act on the demo home.
    static func screenManager(home: Home, validation: ValidationBoard.Mode,
                              diskCheckInterval: Duration = HomeWatch.interval) -> ScreenManager {
        // A change a killed run left half written is put back before anything is planned on its files (and before
        // the list validates them), and said over the list: the status line would cut it.
        let interrupted = home.readOnly ? home.halfWrittenChanges() : (try? home.settleInterruptedChanges()) ?? home.halfWrittenChanges()
        let board = ValidationBoard(home: home, mode: validation)
        let manager = ScreenManager(root: ServiceListScreen(home: home, board: board, diskCheckInterval: diskCheckInterval), appName: name,
                                    headerDetail: home.root + (home.readOnly ? " (read-only)" : ""),
                                    minimumSize: minimumSize, fixText: { home.commandsNamingHome(HistoryCommandKeys.words($0)) })
        if !interrupted.isEmpty {
            manager.stack.push(Dialog(title: home.readOnly ? "A change is half written" : "A half-written change was put back",
                                      message: interrupted.map { StyledLine($0.prefix(1).uppercased() + $0.dropFirst() + ".") },
                                      buttons: [Dialog.Button("OK")], isError: true))
        }
        return manager
    }

    /// What the operator reads when the terminal cannot be used.
    static func message(for error: TerminalError) -> String {
        switch error.code {
        case .notATerminal: "\(name) needs a terminal; use a subcommand (\(name) --help) for scripts\n  fix: over ssh, ssh -t HOST \(name) gives it one"
        case .cannotStart: "\(name) cannot start the terminal: \(error.message)"
        }
    }

    /// A locked or unwritable home can still be looked at: say why and offer to open it read-only.
    private static func offerReadOnly(_ home: Home, _ reason: String) -> Home? {
        FileHandle.standardError.write(Data("\(name): \(reason).\nOpen it read-only instead? [y/N] ".utf8))
        guard let answer = readLine()?.lowercased(), answer == "y" || answer == "yes" else { return nil }
        return try? Home.open(home.root, readOnly: true)
    }

    /// What makes a home that access(2) refuses writable: its owner's user, or, for the owner, its mode.
    static func howToWrite(_ root: String) -> String {
        var info = stat()
        guard stat(root, &info) == 0, info.st_uid == getuid() else { return "run as its owner to make changes" }
        return "you own it but its mode (\(String(info.st_mode & 0o777, radix: 8))) does not let you write: chmod u+w \(root) to make changes, or it is on a read-only file system"
    }

    private static func fail(_ line: String) -> Int32 {
        FileHandle.standardError.write(Data((line + "\n").utf8))
        return 1
    }
}
