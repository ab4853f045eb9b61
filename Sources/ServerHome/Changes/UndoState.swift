/// Which recorded changes are in effect, for `undo` and `redo` to step through the history as an editor's do.
///
/// Every undo and redo is itself a change that reverts an earlier one (`ChangeRecord.undoes`). A change is undone
/// when a later change in effect reverts it; a redo reverts an undo, which puts the undone change back in effect.
public struct UndoState: Sendable {
    /// The history, newest first.
    public let records: [ChangeRecord]
    /// A change's id → the id of the change in effect that reverted it.
    public private(set) var undoneBy: [String: String]
    private let byID: [String: ChangeRecord]

    public init(records: [ChangeRecord]) {
        self.records = records
        byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var undoneBy: [String: String] = [:]
        // Newest first: a reverting change that is itself reverted (an undo that was redone) undoes nothing.
        for record in records where undoneBy[record.id] == nil {
            if let target = record.undoes { undoneBy[target] = record.id }
        }
        self.undoneBy = undoneBy
        // A chain of undos and redos has one of them in effect, its newest. `undo ID` of a change redone since used to
        // revert the change itself (a branch): the redo then still looked in effect, and plain undo stuck on it.
        var newest: [String: String] = [:]
        for record in records where record.undoes != nil && self.undoneBy[record.id] == nil {
            let origin = origin(of: record).change.id
            if let later = newest[origin] { self.undoneBy[record.id] = later } else { newest[origin] = record.id }
        }
    }

    /// The change that stands for `record` now: a change redone since is in effect through its newest redo, which is
    /// what an undo of it must revert.
    public func current(_ record: ChangeRecord) -> ChangeRecord {
        let (origin, isUndo) = origin(of: record)
        return records.first { $0.undoes != nil && undoneBy[$0.id] == nil && self.origin(of: $0) == (origin, isUndo) } ?? record
    }

    /// The newest change in effect that applies something (not an undo): what `undo` reverts.
    public var nextUndo: ChangeRecord? { records.first { undoneBy[$0.id] == nil && !origin(of: $0).isUndo } }

    /// The newest undo in effect made since the last new change: what `redo` reverts. As in an editor, a new change
    /// (one that is neither an undo nor a redo) ends the chain: redo puts back only what the undos after it took
    /// away, newest first, never an older change it would lay over later ones. An undo made before it stays in
    /// effect: `undo ID` of that undo puts its change back.
    public var nextRedo: ChangeRecord? {
        for record in records {
            if record.undoes == nil { return nil }
            if undoneBy[record.id] == nil && origin(of: record).isUndo { return record }
        }
        return nil
    }

    /// When redo has nothing to put back though an undo is in effect: the newest such undo, and the first new change
    /// made after it, which ended its chain.
    public var redoEnded: (undo: ChangeRecord, by: ChangeRecord)? {
        guard nextRedo == nil, let undo = records.first(where: { undoneBy[$0.id] == nil && origin(of: $0).isUndo }),
              let index = records.firstIndex(of: undo),
              let by = records[..<index].last(where: { $0.undoes == nil }) else { return nil }
        return (undo, by)
    }

    /// The change that reverting `record` amounts to, for its summary: "undo ID (…)" or, when `record` is an undo,
    /// "redo ID (…)", ID being the change first made (an undo of a redo is an undo of that change again).
    public func revertSummary(of record: ChangeRecord) -> String {
        let (change, isUndo) = origin(of: record)
        return (isUndo ? "redo " : "undo ") + "\(change.id) (\(change.summary))"
    }

    /// The change first made that `record` reverts or re-applies, and whether `record` leaves it undone. A chain
    /// that leads to a forgotten change stops at the last one the history still holds.
    public func origin(of record: ChangeRecord) -> (change: ChangeRecord, isUndo: Bool) {
        var current = record, steps = 0
        while let target = current.undoes, let earlier = byID[target], steps < records.count {
            current = earlier
            steps += 1
        }
        return (current, steps % 2 == 1)
    }
}
