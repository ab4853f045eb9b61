import CShims
import Foundation

/// The one path every write takes, holding the home's lock: settle what an interrupted run left, check nothing
/// changed since the plan (and that no file is read-only, nor a policy another service uses), keep the previous and
/// new versions in the history folder (pending), write each new file to a flushed temporary beside it, rename them
/// all into place, append the change to the audit log, and only then mark the history record complete. Ctrl-C and
/// kill wait for that to end.
struct ChangeWriter {
    let home: Home
    /// When the lock was taken (see `InterruptedChanges`).
    let lockedSince: Date

    func write(_ change: Change, note: String?) throws(HomeError) -> ChangeRecord {
        // Opened first: a log that cannot take the line (or is a symbolic link) refuses the change before any write.
        let audit = try AuditLog(home: home).open()
        let rolledBack = InterruptedChanges(home: home, audit: audit, lockedSince: lockedSince)
            .settle(folders: change.edits.map { ($0.path as NSString).deletingLastPathComponent })
        // A change planned from a file put back saw it half made (a policy it wrote may have counted as there); one
        // planned from other files is written all the same.
        let planned = rolledBack.isEmpty ? [] : plannedFrom(change)
        if let stale = rolledBack.first(where: { $0.files.contains(where: planned.contains) }) {
            throw HomeError(.writeFailed, "Change \(stale.putBackFirst): it changed \(stale.files.filter(planned.contains).joined(separator: ", ")), "
                            + "which this change was planned from. Nothing of this change was written.",
                            fix: "Run it again: it is prepared from the files as they are now.")
        }
        for edit in change.edits {
            guard FileSystem.read(FileSystem.join(home.root, edit.path)) == edit.before else {
                throw HomeError(.writeFailed, "\(edit.path) changed since the change was prepared (another console, command or editor?)",
                                fix: "Nothing was written: run it again, to start from the file as it is now.")
            }
        }
        // The rename replaces a file whatever its own mode says, and root ignores modes: honour write protection here.
        for edit in change.edits where edit.before != nil {
            let path = FileSystem.join(home.root, edit.path)
            if let mode = FileSystem.mode(of: path), mode & S_IWUSR == 0 {
                throw HomeError(.readOnly, "\(edit.path) is read-only (mode \(String(mode, radix: 8))): nothing was written",
                                fix: "chmod u+w \(path), or leave it: someone made it read-only.")
            }
        }
        // A service may have started using a policy file since the plan was made.
        try SharedPolicies(home: home).check(change)
        // The pending record comes first: a run killed from here on leaves it, and the next write settles the change
        // and removes its temporaries (they are beside its files). Every temporary is written before anything is
        // renamed, so a failure (read-only folder, full disk) leaves every file as it was.
        var record = ChangeRecord(change: change, note: note)
        record.putBackFirst = rolledBack.map { "change \($0.putBackFirst): \($0.files.joined(separator: ", "))" }
        for edit in change.edits where edit.before != nil {
            record.modes[edit.path] = FileSystem.mode(of: FileSystem.join(home.root, edit.path))
        }
        let history = History(home: home)
        // Ctrl-C or a kill (but -9) from here on is held until the change is whole (or undone), then acted on.
        cs_hold_signals_begin()
        defer { cs_hold_signals_end() }
        try history.keep(change, record: record)
        var temps: [(path: String, temp: String?)] = []
        do throws(HomeError) {
            for edit in change.edits {
                let path = FileSystem.join(home.root, edit.path)
                guard let after = edit.after else { temps.append((path, nil)); continue }
                try FileSystem.createDirectories(forFile: path)
                // A copied or checked-out file loses its 0600; secrets get it back on every write.
                let mode = edit.secret ? 0o600 : FileSystem.mode(of: path) ?? edit.mode ?? 0o644
                temps.append((path, try FileSystem.writeTemporary(besides: path, bytes: after, mode: mode)))
            }
        } catch {
            temps.forEach { if let t = $0.temp { unlink(t) } }
            history.discard(record.id)
            throw error
        }
        for (index, item) in temps.enumerated() {
            do {
                if let temp = item.temp { try FileSystem.replace(item.path, with: temp) } else { try FileSystem.remove(item.path) }
            } catch {
                temps[(index + 1)...].forEach { if let t = $0.temp { unlink(t) } }
                restore(change.edits[..<index])
                history.discard(record.id)
                throw error
            }
        }
        // A log that cannot take the line (full disk) loses nothing: the record says so, and the next write adds it.
        if !audit.append(AuditLog(home: home).line(record)) {
            history.markUnlogged(record.id)
            FileHandle.standardError.write(Data("wssconsole: change \(record.id) was made; the next change writes its line in the audit log\n".utf8))
        }
        do { try history.complete(record.id) } catch {
            // The files are in place, so history counts the pending record as made; the next write completes it.
            FileHandle.standardError.write(Data("wssconsole: \(error.message)\n".utf8))
        }
        return record
    }

    /// The files `change` was planned from: those it edits or leaves as they are, the console's settings, and the
    /// policies the services it edits reference (a scenario keeps their roles and Kerberos principal).
    private func plannedFrom(_ change: Change) -> Set<String> {
        var paths = Set(change.edits.map(\.path) + change.unchanged + [home.layout.settingsPath, "conf/deployment.toml"])
        for service in home.services() where paths.contains(service.path) {
            for key in service.policyKeys {
                if let path = try? home.layout.policyPath(forKey: key, root: home.root) { paths.insert(SharedPolicies.normalised(path)) }
            }
        }
        return paths
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
