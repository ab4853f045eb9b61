/// Reading the history: the change an ID names, and what a recorded change did, rebuilt from its kept versions.
extension Home {
    /// The recorded change `id` names: the whole ID, or a prefix only one ID starts with.
    public func record(_ id: String) throws(HomeError) -> ChangeRecord {
        try checkHistoryReadable()
        return try Self.record(id, in: history())
    }

    static func record(_ id: String, in records: [ChangeRecord]) throws(HomeError) -> ChangeRecord {
        if let exact = records.first(where: { $0.id == id }) { return exact }
        let matches = id.isEmpty ? [] : records.filter { $0.id.hasPrefix(id) }
        guard matches.count == 1 else {
            throw HomeError(.changeNotFound, matches.isEmpty ? "No change \(id) in the history"
                                : "\(id) names \(matches.count) changes: " + matches.prefix(5).map(\.id).joined(separator: ", ") + (matches.count > 5 ? ", ..." : ""),
                            fix: "wssconsole history lists the changes; give more of the ID.")
        }
        return matches[0]
    }

    /// The change `record` made, from the versions the history kept (each file before and after it): its diff is the
    /// one shown when it was made, passwords masked.
    public func recordedChange(_ record: ChangeRecord) -> Change {
        let history = History(home: self)
        return Change(summary: record.summary, edits: record.files.map {
            FileEdit(path: $0, before: history.previous($0, record), after: history.wrote($0, record))
        }, undoes: record.undoes)
    }
}
