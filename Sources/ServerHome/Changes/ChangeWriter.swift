import Foundation

/// The one path every write takes: check nothing changed since the plan, write each file to a flushed temporary
/// beside it, keep the previous versions in the history folder, then rename them all into place.
struct ChangeWriter {
    let home: Home

    func write(_ change: Change) throws(HomeError) -> ChangeRecord {
        for edit in change.edits {
            let current = FileSystem.read(FileSystem.join(home.root, edit.path))
            guard current == edit.before else {
                throw HomeError(.writeFailed, "\(edit.path) changed since the change was prepared (another console or an editor?)",
                                fix: "Review the file and try again; nothing was written.")
            }
        }
        // Every temporary is written before anything is renamed, so a failure (read-only folder, full disk)
        // leaves every file as it was.
        var temps: [(path: String, temp: String)] = []
        do throws(HomeError) {
            for edit in change.edits {
                let path = FileSystem.join(home.root, edit.path)
                let dir = (path as NSString).deletingLastPathComponent
                do { try FileSystem.createDirectories(dir) } catch let error {
                    throw HomeError(.writeFailed, "Cannot create \(dir): \(error.localizedDescription)",
                                    fix: "Check the permissions of \((dir as NSString).deletingLastPathComponent).")
                }
                let mode = FileSystem.mode(of: path) ?? 0o644
                temps.append((path, try FileSystem.writeTemporary(besides: path, bytes: edit.after, mode: mode)))
            }
        } catch {
            temps.forEach { unlink($0.temp) }
            throw error
        }
        let record = ChangeRecord(id: ChangeRecord.newID(), summary: change.summary, date: Date(), files: change.edits.map(\.path))
        do { try keepHistory(change, record: record) } catch {
            temps.forEach { unlink($0.temp) }
            throw error
        }
        for (index, item) in temps.enumerated() {
            do { try FileSystem.replace(item.path, with: item.temp) } catch {
                temps[(index + 1)...].forEach { unlink($0.temp) }
                restore(change.edits[..<index])
                throw error
            }
        }
        return record
    }

    /// Puts back the files already replaced when a later rename fails.
    private func restore(_ edits: ArraySlice<FileEdit>) {
        for edit in edits {
            let path = FileSystem.join(home.root, edit.path)
            if let before = edit.before, let temp = try? FileSystem.writeTemporary(besides: path, bytes: before, mode: FileSystem.mode(of: path) ?? 0o644) {
                try? FileSystem.replace(path, with: temp)
            } else if edit.before == nil {
                unlink(path)
            }
        }
    }

    private func keepHistory(_ change: Change, record: ChangeRecord) throws(HomeError) {
        let dir = FileSystem.join(home.historyPath, record.id)
        do {
            try FileSystem.createDirectories(dir)
            chmod(home.historyPath, 0o700)
            for edit in change.edits {
                let target = FileSystem.join(FileSystem.join(dir, "before"), edit.path)
                try FileSystem.createDirectories((target as NSString).deletingLastPathComponent)
                if let before = edit.before {
                    // Owner-only whatever the original's mode: history outlives a file's later chmod.
                    let temp = try FileSystem.writeTemporary(besides: target, bytes: before, mode: 0o600)
                    try FileSystem.replace(target, with: temp)
                }
            }
            let manifest = record.manifest(newFiles: change.edits.filter(\.isNewFile).map(\.path))
            let temp = try FileSystem.writeTemporary(besides: FileSystem.join(dir, "change.txt"), bytes: Array(manifest.utf8), mode: 0o600)
            try FileSystem.replace(FileSystem.join(dir, "change.txt"), with: temp)
        } catch let error as HomeError {
            throw HomeError(.writeFailed, "Cannot keep history in \(dir): \(error.message)",
                            fix: "The home must be writable; nothing was changed.")
        } catch {
            throw HomeError(.writeFailed, "Cannot keep history in \(dir): \(error.localizedDescription)",
                            fix: "The home must be writable; nothing was changed.")
        }
    }
}
