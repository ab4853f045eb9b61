import Foundation

/// The home's history folder: one folder per change with the files' previous (`before/`) and new (`after/`)
/// versions and a `change.txt` manifest. Owner-only: earlier versions of files can hold secrets.
struct History {
    let home: Home

    var root: String { home.historyPath }

    func keep(_ change: Change, record: ChangeRecord) throws(HomeError) {
        let dir = FileSystem.join(root, record.id)
        do throws(HomeError) {
            try FileSystem.createDirectories(dir)
            chmod(root, 0o700)
            for edit in change.edits {
                for (side, bytes) in [("before", edit.before), ("after", edit.after)] {
                    guard let bytes else { continue }
                    let target = FileSystem.join(FileSystem.join(dir, side), edit.path)
                    try FileSystem.createDirectories(forFile: target)
                    try FileSystem.replace(target, with: FileSystem.writeTemporary(besides: target, bytes: bytes, mode: 0o600))
                }
            }
            let manifest = FileSystem.join(dir, "change.txt")
            try FileSystem.replace(manifest, with: FileSystem.writeTemporary(besides: manifest, bytes: Array(record.manifest.utf8), mode: 0o600))
        } catch {
            throw HomeError(.writeFailed, "Cannot keep history in \(dir): \(error.message)", fix: "The home must be writable; nothing was changed.")
        }
    }

    /// Every recorded change, newest first.
    func records() -> [ChangeRecord] {
        FileSystem.list(root).reversed().compactMap { id in
            FileSystem.read(FileSystem.join(root, "\(id)/change.txt")).flatMap { ChangeRecord(manifest: String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// A file's version kept for a change (`before` or `after`).
    func version(of path: String, in id: String, side: String) -> [UInt8]? {
        FileSystem.read(FileSystem.join(root, "\(id)/\(side)/\(path)"))
    }

    /// The change that puts back what `record` changed; refused when a file changed again since.
    func planUndo(_ record: ChangeRecord) throws(HomeError) -> Change {
        var edits: [FileEdit] = []
        for path in record.files {
            let current = FileSystem.read(FileSystem.join(home.root, path))
            let wrote = record.deleted.contains(path) ? nil : version(of: path, in: record.id, side: "after")
            guard current == wrote else {
                throw HomeError(.undoConflict, "\(path) changed again after change \(record.id)",
                                fix: "Undo the later changes first (wssconsole history lists them), or edit the file by hand.")
            }
            let previous = record.created.contains(path) ? nil : version(of: path, in: record.id, side: "before")
            if !record.created.contains(path) && previous == nil {
                throw HomeError(.undoConflict, "The history of \(record.id) lacks the previous version of \(path)")
            }
            edits.append(FileEdit(path: path, before: current, after: previous))
        }
        return Change(summary: "undo \(record.id) (\(record.summary))", edits: edits)
    }
}
