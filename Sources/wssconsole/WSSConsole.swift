import ArgumentParser
import Console
import Foundation
import ServerHome

/// `wssconsole`: with no subcommand it opens the console; every action is also a subcommand.
@main
struct WSSConsole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wssconsole",
        abstract: "Secure SOAP services with WS-Security, from a terminal.",
        discussion: """
        With no subcommand, opens the console on the home: without --home, on a private working copy of the demo \
        home (wssconsole demo path says where).

        Exit codes: 0 ok, 1 the operation failed, 2 bad usage.
        """,
        subcommands: [ServicesCommand.self, ScenariosCommand.self, ApplyCommand.self, ValidateCommand.self, MessageCommand.self, RemoveSecurityCommand.self, PolicyCommand.self, HistoryCommand.self,
                      UndoCommand.self, RedoCommand.self, DemoCommand.self, XMLCommand.self, BenchCommand.self,
                      UsersCommand.self, RolesCommand.self, UserStoreCommand.self, ClientCommand.self, Krb5Command.self, JaasCommand.self, KeystoreCommand.self])

    @OptionGroup var home: HomeOptions

    @Flag(name: .customLong("no-color"), help: "Draw without colours (also when NO_COLOR is set).")
    var noColor = false

    func run() throws {
        let opened = try home.open(warns: false)
        let status = ConsoleApp.run(home: opened, options: ConsoleOptions(noColor: noColor ? true : nil))
        // The terminal is restored and the lock released; every write was flushed by the change path. Leave
        // without the atexit handlers: OpenSSL's and libxml2's teardown would free what a validation still
        // running on a background queue is using (a crash on quit was seen under load).
        fflush(nil)
        _exit(status)
    }

    /// Parses and runs, mapping failures to the documented exit codes (ArgumentParser's own usage code is 64).
    static func main() {
        // `--home=$UNSET` reaches us as "--home=", which the parser reads as --home taking the next argument.
        if CommandLine.arguments.dropFirst().contains(where: { $0 == "--home=" }) {
            printError("Error: " + HomeOptions.emptyValue)
            Foundation.exit(2)
        }
        var parsed: ParsableCommand.Type?
        do {
            var command = try parseAsRoot(Self.joiningNegativeNumbers(Array(CommandLine.arguments.dropFirst())))
            parsed = type(of: command)
            try command.run()
        } catch let error as HomeError {
            let fix = HomeOptions.commandsNamingHome(error.fix)
            failed(error.message + (fix.isEmpty ? "" : "\n  fix: \(fix)"),
                   json: JSONFailure(code: error.code.rawValue, message: error.message, fix: fix.isEmpty ? nil : fix))
        } catch let error as OperationFailed {
            let message = HomeOptions.commandsNamingHome(error.message), fix = error.fix.map(HomeOptions.commandsNamingHome)
            failed(message + (fix.map { "\n  fix: \($0)" } ?? ""), json: JSONFailure(code: "failed", message: message, fix: fix))
        } catch {
            let code = exitCode(for: error)
            // A script that asked for JSON reads one format, bad usage included.
            if code == .validationFailure, CommandLine.arguments.dropFirst().contains("--json") {
                try? printJSON(["error": JSONFailure(code: "usage", message: message(for: error), fix: "wssconsole --help lists the commands; COMMAND --help its options")])
            }
            // What ArgumentParser's exit(withError:) does, through our print: it writes an error's text raw, and an
            // error a command did not wrap may quote a file or a message.
            // Bad usage a command finds as it runs is told with that command's usage, not the root's.
            let text = (error as? ValidationError).flatMap { error in parsed.map { "Error: \(error.message)\nUsage: " + usageString(for: $0) } }
                ?? fullMessage(for: error)
            if code == .success { print(text) } else if !text.isEmpty { printError(text) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

extension WSSConsole {
    /// `--nonce-lifetime -5` as `--nonce-lifetime=-5`: the parser reads a lone "-5" as an option and said the value was
    /// missing; joined, the option's own check says what is wrong with it.
    static func joiningNegativeNumbers(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index], next = index + 1 < arguments.count ? arguments[index + 1] : ""
            if argument.hasPrefix("--"), argument.count > 2, !argument.contains("="), next.hasPrefix("-"), Double(next) != nil {
                result.append(argument + "=" + next)
                index += 2
            } else {
                result.append(argument)
                index += 1
            }
        }
        return result
    }
}

/// What a command asked for `--json` prints on standard output when it fails, so that a script reads one format.
struct JSONFailure: Encodable {
    let code: String
    let message: String
    let fix: String?
}

/// Exit code 1 with the message on standard error and, under `--json`, `{"error": ...}` on standard output.
private func failed(_ text: String, json: JSONFailure) -> Never {
    if CommandLine.arguments.dropFirst().contains("--json") { try? printJSON(["error": json]) }
    printError("wssconsole: \(text)")
    Foundation.exit(1)
}

/// A failure of an operation that is not the administration layer's (printed, exit code 1).
struct OperationFailed: Error {
    let message: String
    /// What to do about it: printed on a line of its own, and `fix` under `--json`.
    var fix: String? = nil
}
