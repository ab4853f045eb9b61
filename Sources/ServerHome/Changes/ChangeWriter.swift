import Foundation

/// The one path every write takes: check nothing changed since the plan, write each new file to a flushed
/// temporary beside it, keep the previous and new versions in the history folder, then rename them all into place,
/// and append the change to the audit log.
struct ChangeWriter {
    let home: Home

    func write(_ change: Change, note: String?) throws(HomeError) -> ChangeRecord {
        for edit in change.edits {
            guard FileSystem.read(FileSystem.join(home.root, edit.path)) == edit.before else {
                throw HomeError(.writeFailed, "\(edit.path) changed since the change was prepared (another console, command or editor?)",
                                fix: "Nothing was written: run it again, to start from the file as it is now.")
            }
        }
        // Every temporary is written before anything is renamed, so a failure (read-only folder, full disk)
        // leaves every file as it was.
        var temps: [(path: String, temp: String?)] = []
        do throws(HomeError) {
            for edit in change.edits {
                let path = FileSystem.join(home.root, edit.path)
                guard let after = edit.after else { temps.append((path, nil)); continue }
                try FileSystem.createDirectories(forFile: path)
                // A copied or checked-out file loses its 0600; secrets get it back on every write.
                let mode = edit.secret ? 0o600 : FileSystem.mode(of: path) ?? 0o644
                temps.append((path, try FileSystem.writeTemporary(besides: path, bytes: after, mode: mode)))
            }
        } catch {
            temps.forEach { if let t = $0.temp { unlink(t) } }
            throw error
        }
        let record = ChangeRecord(change: change, note: note)
        do { try History(home: home).keep(change, record: record) } catch {
            temps.forEach { if let t = $0.temp { unlink(t) } }
            throw error
        }
        for (index, item) in temps.enumerated() {
            do {
                if let temp = item.temp { try FileSystem.replace(item.path, with: temp) } else { try FileSystem.remove(item.path) }
            } catch {
                temps[(index + 1)...].forEach { if let t = $0.temp { unlink(t) } }
                restore(change.edits[..<index])
                throw error
            }
        }
        AuditLog(home: home).append(record)
        return record
    }

    /// Puts back the files already replaced when a later rename fails.
    private func restore(_ edits: ArraySlice<FileEdit>) {
        for edit in edits {
            let path = FileSystem.join(home.root, edit.path)
            if let before = edit.before {
                if let temp = try? FileSystem.writeTemporary(besides: path, bytes: before, mode: FileSystem.mode(of: path) ?? 0o644) {
                    try? FileSystem.replace(path, with: temp)
                }
            } else {
                unlink(path)
            }
        }
    }
}
