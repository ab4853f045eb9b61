/// Forgetting changes: the history keeps every earlier version of the files a change wrote, secrets included (a
/// keystore under its old password, a clear password `users disable-digest` forgot). Forgetting a change removes
/// those versions, so the secrets are gone from the home; the change can then no longer be undone.
///
/// An undo keeps the very versions of the change it reverts (its before is that change's after, and the other way
/// round), and a redo those of the undo: forgetting a change forgets the whole chain of undos and redos it belongs
/// to, or the secret would stay in the history under another change's ID.
extension Home {
    /// The recorded changes these IDs name (each a unique prefix) with the undos and redos of their chains, and those
    /// that kept a version of `file`.
    public func changesToForget(ids: [String], file: String? = nil) throws(HomeError) -> [ChangeRecord] {
        try checkHistoryReadable()
        let records = history()
        var chosen: [ChangeRecord] = []
        for id in ids {
            for record in Self.revertChain(of: try Self.record(id, in: records), in: records) where !chosen.contains(record) { chosen.append(record) }
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

    /// `record` and every change linked to it by `undoes` either way (the change an undo reverts, the undos of a
    /// change, the redos of an undo, ...), newest first as the history lists them.
    static func revertChain(of record: ChangeRecord, in records: [ChangeRecord]) -> [ChangeRecord] {
        var ids: Set<String> = [record.id]
        var grew = true
        while grew {
            grew = false
            for other in records where !ids.contains(other.id) {
                if let target = other.undoes, ids.contains(target) { ids.insert(other.id); grew = true }
                if records.contains(where: { ids.contains($0.id) && $0.undoes == other.id }) { ids.insert(other.id); grew = true }
            }
        }
        return records.filter { ids.contains($0.id) }
    }

    /// The changes left in the history after forgetting `records` that still keep versions of the files those
    /// touched, by file: such a version may hold the same secret (a later edit of the file kept the line).
    public func changesStillKeeping(filesOf records: [ChangeRecord]) -> [(file: String, changes: [ChangeRecord])] {
        let forgotten = Set(records.map(\.id))
        let others = history().filter { !forgotten.contains($0.id) }
        var files: [String] = []
        for file in records.flatMap(\.files) where !files.contains(file) { files.append(file) }
        return files.compactMap { file in
            let keeping = others.filter { $0.files.contains(file) }
            return keeping.isEmpty ? nil : (file, keeping)
        }
    }

    /// Removes `records` from the history under the home's lock, with a line in the audit log for each.
    public func forget(_ records: [ChangeRecord], note: String? = nil) throws(HomeError) {
        guard !readOnly else {
            throw HomeError(.readOnly, "The home is open read-only", fix: "Open it without --read-only to change it.")
        }
        try underLock { _ throws(HomeError) in
            let log = AuditLog(home: self)
            let audit = try log.open()
            let history = History(home: self)
            for record in records {
                // Out of the history and in the log before the (longer) removal a kill could interrupt.
                let withdrawn = history.withdraw(record.id)
                audit.append(log.forgetLine(record, note: note))
                FileSystem.removeTree(withdrawn)
            }
        }
    }
}
