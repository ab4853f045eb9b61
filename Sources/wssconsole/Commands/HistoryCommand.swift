import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome

/// `wssconsole history`: the changes made to the home, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the changes made to the home; forget some (their kept versions, secrets included).",
        discussion: """
        Each change keeps the earlier versions of the files it wrote, so that it can be undone; they can hold secrets (a keystore \
        under its old password, a clear password users disable-digest forgot). --forget removes a change's versions from the \
        history (it can then no longer be undone) with a line in the audit log. An undo or redo keeps the same versions as \
        the change it reverts, so --forget also forgets every undo and redo of that change (and, given an undo, the change \
        it undid); use --dry-run to see them. Other changes that kept versions of the same files are named afterwards: \
        when the secret was in the file across them too, --forget-file FILE forgets them all.
        """)

    @OptionGroup var home: HomeOptions
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Show one change: who made it, when and why, and its diff (passwords masked).", valueName: "ID"))
    var show: String?
    @Option(name: .customLong("forget"), help: ArgumentHelp("Forget this change (repeatable; a unique prefix is enough).", valueName: "ID"))
    var forget: [String] = []
    @Option(name: .customLong("forget-file"), help: ArgumentHelp("Forget every change that kept a version of FILE (relative to the home).", valueName: "FILE"))
    var forgetFile: String?
    @Flag(help: "With --forget or --forget-file: list what would be forgotten, and forget nothing.") var dryRun = false
    @Option(help: "With --forget or --forget-file: why, kept in the audit log.") var note: String?

    struct Row: Encodable {
        let id: String, date: Date, user: String, summary: String, note: String?, files: [String]
        /// The change this one reverts (an undo or a redo), and the change in effect that reverted this one.
        let undoes: String?, undoneBy: String?
    }

    func validate() throws {
        if show != nil && (!forget.isEmpty || forgetFile != nil) { throw ValidationError("--show and --forget are separate runs.") }
    }

    func run() throws {
        if !forget.isEmpty || forgetFile != nil { return try forgetChanges() }
        if let show { return try showChange(show) }
        let home = try home.open()
        try home.checkHistoryReadable()
        let state = home.undoState()
        if json {
            return try printJSON(state.records.map {
                Row(id: $0.id, date: $0.date, user: $0.user, summary: $0.summary, note: $0.note, files: $0.files,
                    undoes: $0.undoes, undoneBy: state.undoneBy[$0.id])
            })
        }
        if state.records.isEmpty { print("no changes yet") }
        for r in state.records {
            let undone = state.undoneBy[r.id].map { "  [undone by \($0)]" } ?? ""
            print("\(r.id)  \(r.user)  \(r.summary)" + (r.note.map { "  (\($0))" } ?? "") + undone)
        }
    }
}

extension HistoryCommand {
    struct Shown: Encodable {
        let change: Row
        let diff: String
    }

    func showChange(_ id: String) throws {
        let home = try home.open()
        let record = try home.record(id)
        let undoneBy = home.undoState().undoneBy[record.id]
        let diff = home.recordedChange(record).diff
        if json {
            return try printJSON(Shown(change: Row(id: record.id, date: record.date, user: record.user, summary: record.summary, note: record.note,
                                                   files: record.files, undoes: record.undoes, undoneBy: undoneBy), diff: diff))
        }
        print("change \(record.id)")
        print("by \(record.user) on \(DisplayDate.time(record.date))")
        print(record.summary)
        if let note = record.note { print("note: \(note)") }
        if let undoes = record.undoes { print("reverts change \(undoes)") }
        if let undoneBy { print("undone by change \(undoneBy)") }
        print("")
        print(diff, terminator: "")
    }

    func forgetChanges() throws {
        let home = try home.open()
        let records = try home.changesToForget(ids: forget, file: forgetFile)
        let remaining = home.changesStillKeeping(filesOf: records)
        if !dryRun { try home.forget(records, note: note) }
        let asked = Set(records.filter { record in forget.contains { record.id == $0 || record.id.hasPrefix($0) } }.map(\.id))
        for record in records {
            // An undo or redo forgotten with the change it reverts says why it is in the list.
            let why = forgetFile != nil || asked.contains(record.id) ? ""
                : record.undoes.map { "  [reverts \($0)]" } ?? "  [reverted by a change given]"
            print((dryRun ? "would forget " : "forgot ") + "\(record.id)  \(record.summary)  (\(record.files.joined(separator: ", ")))" + why)
        }
        if !dryRun { print("their earlier versions are removed from the history; they can no longer be undone") }
        for (file, changes) in remaining {
            print(HomeOptions.commandsNamingHome("note: \(changes.count) other change\(changes.count == 1 ? "" : "s") still keep\(changes.count == 1 ? "s" : "") versions of \(file) ("
                  + changes.map(\.id).joined(separator: ", ") + "); if they hold the secret too: wssconsole history --forget-file \(file)"))
        }
    }
}

/// The line a change that replaced secrets prints: the old ones stay in the history until forgotten.
func printSecretsKeptHint(_ record: ChangeRecord?) {
    guard let record else { return }
    print(HomeOptions.commandsNamingHome("  the earlier version, with the old secret, stays in the history for undo; remove it with: wssconsole history --forget \(record.id)"))
}

/// `wssconsole undo [ID]`: reverts a change (the newest still in effect by default) with a new change.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Revert a change (the newest still in effect when no ID is given).",
        discussion: "Undo after undo steps back through the history; wssconsole redo puts back what the last undo reverted.")

    @OptionGroup var home: HomeOptions
    @Argument(help: "The change to revert (from wssconsole history; a unique prefix is enough).") var id: String?
    @OptionGroup var write: WriteOptions

    func run() throws {
        let home = try home.open()
        try write.perform(home.planUndo(id), on: home)
    }
}

/// `wssconsole redo`: puts back the change the newest undo still in effect reverted.
struct RedoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redo", abstract: "Put back the last change undone (reverts that undo).",
        discussion: "Redo after redo steps forward through the undos made since the last new change. As in an editor, a change "
            + "that is not an undo or redo ends the chain: an older undo stays, and wssconsole undo ID of that undo puts its change back.")

    @OptionGroup var home: HomeOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
        let home = try home.open()
        try write.perform(home.planRedo(), on: home)
    }
}
