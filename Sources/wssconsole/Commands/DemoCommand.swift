import ArgumentParser
import Foundation
import ServerHome

/// `wssconsole demo`: the demo home's working copy, and the command that makes its keys and users.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Manage the demo home.",
                                                    subcommands: [Path.self, Reset.self, DemoGenerateCommand.self])

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print where the demo home's working copy is.")
        func run() { print(DemoHome.location()) }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the demo working copy with a fresh copy of the demo home.",
            discussion: "Refused while a console is open on the copy. Its history of changes is lost.")
        // Hidden: --home and --read-only reach it before `demo` or after `reset`; it reads them only to refuse them.
        @OptionGroup(visibility: .hidden) var home: HomeOptions
        @Flag(name: .customLong("dry-run"), help: "Say what would be replaced and how much history lost; write nothing.")
        var dryRun = false

        func run() throws {
            let target = DemoHome.location()
            guard home.home == nil else {
                throw OperationFailed(message: "demo reset replaces only the demo copy (\(target)), not a --home",
                                      fix: "Run it without --home (WSSCONSOLE_DEMO_HOME says where the demo copy is).")
            }
            if dryRun { return print(Self.preview(of: target)) }
            guard !home.readOnly else {
                throw OperationFailed(message: "demo reset replaces the demo copy, and --read-only writes nothing",
                                      fix: "Run it without --read-only; with --dry-run it says what it would replace.")
            }
            let reset = try DemoHome.reset()
            print("demo home reset: \(reset.root)")
        }

        /// What a reset of the copy at `target` would do, and lose.
        static func preview(of target: String) -> String {
            guard FileManager.default.fileExists(atPath: target) else {
                return "would make a fresh demo copy at \(target) from \(DemoHome.source())"
            }
            var lines = ["would replace the demo copy \(target) with a fresh copy of \(DemoHome.source())"]
            if let copy = try? Home.open(target, readOnly: true) {
                if FileManager.default.fileExists(atPath: copy.historyPath) {
                    let count = copy.history().count
                    lines.append("  its history would be lost: \(count) change\(count == 1 ? "" : "s")")
                }
                if let holder = HomeLock.holder(of: copy) { lines.append("  refused now: the copy is locked by \(holder)") }
            }
            return lines.joined(separator: "\n")
        }
    }
}
