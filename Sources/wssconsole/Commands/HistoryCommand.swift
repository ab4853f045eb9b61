import ArgumentParser
import Foundation
import ServerHome

/// `wssconsole history`: the changes made to the home, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List the changes made to the home.")

    @OptionGroup var home: HomeOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        let id: String, date: Date, user: String, summary: String, note: String?, files: [String]
    }

    func run() throws {
        let records = try home.open().history()
        if json {
            return try printJSON(records.map { Row(id: $0.id, date: $0.date, user: $0.user, summary: $0.summary, note: $0.note, files: $0.files) })
        }
        if records.isEmpty { print("no changes yet") }
        for r in records {
            print("\(r.id)  \(r.user)  \(r.summary)" + (r.note.map { "  (\($0))" } ?? ""))
        }
    }
}

/// `wssconsole undo [ID]`: reverts a change (the newest by default) with a new change.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Revert a change (the newest when no ID is given).")

    @OptionGroup var home: HomeOptions
    @Argument(help: "The change to revert (from wssconsole history; a unique prefix is enough).") var id: String?
    @OptionGroup var write: WriteOptions

    func run() throws {
        let home = try home.open()
        try write.perform(home.planUndo(id), on: home)
    }
}
