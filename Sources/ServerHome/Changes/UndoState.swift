/// Which recorded changes are in effect, for `undo` and `redo` to step through the history as an editor's do.
///
/// Every undo and redo is itself a change that reverts an earlier one (`ChangeRecord.undoes`). A change is undone
/// when a later change in effect reverts it; a redo reverts an undo, which puts the undone change back in effect.
public struct UndoState: Sendable {
    /// The history, newest first.
    public let records: [ChangeRecord]
    /// A change's id → the id of the change in effect that reverted it.
    public let undoneBy: [String: String]
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
    }

    /// The newest change in effect that applies something (not an undo): what `undo` reverts.
    public var nextUndo: ChangeRecord? { records.first { undoneBy[$0.id] == nil && !origin(of: $0).isUndo } }

    /// The newest undo in effect: what `redo` reverts.
    public var nextRedo: ChangeRecord? { records.first { undoneBy[$0.id] == nil && origin(of: $0).isUndo } }

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
