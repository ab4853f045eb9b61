/// Changes a killed run left half written (some files new, the others not): found before anything is planned on
/// them, since a plan made from such files is wrong (a policy the killed run wrote counts as already there).
extension Home {
    /// Settles what interrupted runs left, under the lock (a console does it when it opens a home); says what was
    /// rolled back, in words.
    public func settleInterruptedChanges() throws(HomeError) -> [String] {
        try underLock { lockedSince throws(HomeError) in
            let audit = try AuditLog(home: self).open()
            return InterruptedChanges(home: self, audit: audit, lockedSince: lockedSince).settle(folders: []).map(\.description)
        }
    }

    /// The half-written changes a read-only look finds (the next change, or a console opening the home, puts them
    /// back), in words.
    public func halfWrittenChanges() -> [String] {
        let history = History(home: self)
        return history.incomplete().compactMap { _, record in
            guard let record, case .partly(let written) = history.state(of: record) else { return nil }
            let missing = record.files.filter { !written.contains($0) }
            return "change \(record.id) (\(record.summary)) was left half written by a run that was interrupted: "
                + "\(written.joined(separator: ", ")) written, \(missing.joined(separator: ", ")) not; "
                + "the next change, or the console opening this home, puts it back"
        }
    }
}
