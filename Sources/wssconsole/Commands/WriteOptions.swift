import ArgumentParser
import Foundation
import ServerHome

/// Options every writing command takes, and the one way commands carry out a change.
struct WriteOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Print the change as a diff and write nothing.")
    var dryRun = false

    @Option(help: "Why: a note kept in the home's audit log.")
    var note: String?

    /// Prints the change's notes, then the diff (dry run) or writes the change and says what was written.
    @discardableResult
    func perform(_ change: Change, on home: Home) throws -> ChangeRecord? {
        for note in change.notes { print("note: \(note)") }
        if change.isEmpty {
            print("Nothing to change: the files already are what \"\(change.summary)\" would write.")
            return nil
        }
        if dryRun {
            print(change.diff, terminator: "")
            return nil
        }
        let record = try home.commit(change, note: note)
        for interrupted in record.putBackFirst { printError("wssconsole: \(interrupted)") }
        print(change.summary)
        for edit in change.edits {
            print("  \(edit.isNewFile ? "created" : edit.isDeletion ? "deleted" : "updated") \(edit.path)")
        }
        print("  change \(record.id); undo with: \(Self.command("undo \(record.id)", on: home))")
        return record
    }

    /// `wssconsole WORDS` as the operator types it to act on `home` again (with --home unless it is the demo copy).
    static func command(_ words: String, on home: Home) -> String {
        home.commandsNamingHome("wssconsole \(words)")
    }
}
