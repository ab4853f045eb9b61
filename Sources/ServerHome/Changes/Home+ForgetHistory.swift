/// Forgetting changes: the history keeps every earlier version of the files a change wrote, secrets included (a
/// keystore under its old password, a clear password `users disable-digest` forgot). Forgetting a change removes
/// those versions, so the secrets are gone from the home; the change can then no longer be undone.
extension Home {
    /// The recorded changes these IDs name (each a unique prefix), and those that kept a version of `file`.
    public func changesToForget(ids: [String], file: String? = nil) throws(HomeError) -> [ChangeRecord] {
        let records = history()
        var chosen: [ChangeRecord] = []
        for id in ids {
            let matches = records.filter { $0.id == id || $0.id.hasPrefix(id) }
            guard matches.count == 1 else {
                throw HomeError(.changeNotFound, matches.isEmpty ? "No change \(id) in the history" : "\(id) names \(matches.count) changes",
                                fix: "wssconsole history lists the changes; give more of the ID.")
            }
            if !chosen.contains(matches[0]) { chosen.append(matches[0]) }
        }
        if let file {
            let keeping = records.filter { $0.files.contains(file) }
            guard !keeping.isEmpty else {
                throw HomeError(.changeNotFound, "No change in the history kept a version of \(file)",
                                fix: "Give the path relative to the home, as wssconsole history --json lists it.")
            }
            chosen += keeping.filter { !chosen.contains($0) }
        }
        return chosen
    }

    /// Removes `records` from the history under the home's lock, with a line in the audit log for each.
    public func forget(_ records: [ChangeRecord], note: String? = nil) throws(HomeError) {
        guard !readOnly else {
            throw HomeError(.readOnly, "The home is open read-only", fix: "Open it without --read-only to change it.")
        }
        try underLock { _ throws(HomeError) in
            let log = AuditLog(home: self)
            let audit = try log.open()
            for record in records {
                History(home: self).discard(record.id)
                audit.append(log.forgetLine(record, note: note))
            }
        }
    }
}
