import Foundation

/// What a run killed in the middle of a change leaves behind, settled by the next writer under the lock: history
/// folders without a completed manifest, and temporary files beside the files it was replacing.
struct InterruptedChanges {
    let home: Home
    let audit: AuditLog.Appender
    /// When this writer took the lock: older temporaries belong to runs that died.
    let lockedSince: Date

    /// A pending change whose files are all in place is recorded (it was made: only its manifest and maybe its
    /// audit line were missing); one none of whose files was replaced is forgotten; one killed between two renames
    /// is rolled back, as a failed rename would have been. A pending change whose files were edited since by
    /// something else is left as it is (history ignores it). A change whose audit line could not be written gets it
    /// now. Then orphan temporaries in `folders`, the folders of pending changes and the keystore folders are removed.
    /// Returns the changes rolled back: a change planned meanwhile saw them half made.
    @discardableResult
    func settle(folders: [String]) -> [RolledBack] {
        let history = History(home: home)
        var rolledBack: [RolledBack] = []
        var scanned = Set(folders + HomeKeystore.folders)
        for (id, record) in history.incomplete() {
            guard let record else { history.discard(id); continue }
            scanned.formUnion(record.files.map { ($0 as NSString).deletingLastPathComponent })
            switch history.state(of: record) {
            case .written:
                if !AuditLog(home: home).mentions(id) && !log(record, "recorded after the run that made it was interrupted") {
                    history.markUnlogged(id)
                }
                try? history.complete(id)
            case .notWritten:
                history.discard(id)
            case .partly(let replaced):
                for path in replaced { putBack(path, from: record, history) }
                let undone = history.state(of: record) == .notWritten
                _ = audit.append(AuditLog(home: home).rollbackLine(record, files: replaced))
                if undone { history.discard(id) }
                rolledBack.append(RolledBack(record: record, files: replaced, complete: undone))
            case .diverged:
                continue
            }
        }
        for record in history.unlogged() where AuditLog(home: home).mentions(record.id) || log(record, "logged late: the log could not take it then") {
            history.markLogged(record.id)
        }
        for folder in scanned {
            FileSystem.removeOrphanTemporaries(in: FileSystem.join(home.root, folder), olderThan: lockedSince)
        }
        return rolledBack
    }

    /// A change a killed run left half written, and the files put back as they were before it (`complete`: all of them).
    struct RolledBack: Sendable {
        let record: ChangeRecord
        let files: [String]
        let complete: Bool

        /// "ID (summary), interrupted, was put back first", for the write that settled it.
        var putBackFirst: String {
            "\(record.id) (\(record.summary)), interrupted, " + (complete ? "was put back first" : "could not be put back entirely")
        }

        /// In words, for the operator.
        var description: String {
            "change \(record.id) (\(record.summary)) was left half written by a run that was interrupted: "
                + (complete ? "put back as it was before it: " : "could not put back all of ") + files.joined(separator: ", ")
        }
    }

    /// Appends the line of a change an earlier run made, saying why it comes late.
    private func log(_ record: ChangeRecord, _ why: String) -> Bool {
        var late = record
        late.note = (record.note.map { $0 + "; " } ?? "") + why
        return audit.append(AuditLog(home: home).line(late))
    }

    private func putBack(_ path: String, from record: ChangeRecord, _ history: History) {
        let full = FileSystem.join(home.root, path)
        guard let previous = history.previous(path, record) else { try? FileSystem.remove(full); return }
        if let temp = try? FileSystem.writeTemporary(besides: full, bytes: previous, mode: FileSystem.mode(of: full) ?? 0o600) {
            try? FileSystem.replace(full, with: temp)
        }
    }
}
