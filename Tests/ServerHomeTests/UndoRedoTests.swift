import Testing
import Foundation
@testable import ServerHome

/// Undo after undo steps back through the history, redo steps forward again, as an editor's undo does.
@Suite struct UndoRedoTests {
    /// Three changes to EchoProxy and OrderProxy, with the security each leaves.
    func threeChanges() throws -> (TestHome, [String]) {
        let t = try TestHome()
        var states = [try #require(t.text("conf/services/EchoProxy.xml"))]
        try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy"))
        states.append(try #require(t.text("conf/services/EchoProxy.xml")))
        try t.home.commit(t.home.planApply(scenario: 5, to: "EchoProxy"))
        states.append(try #require(t.text("conf/services/EchoProxy.xml")))
        try t.home.commit(t.home.planApply(scenario: 3, to: "OrderProxy"))
        return (t, states)
    }

    func code(_ body: () throws -> Void) -> HomeError? {
        do { try body(); return nil } catch { return error as? HomeError }
    }

    @Test func undoTwiceStepsBackTwoChangesAndRedoPutsThemBack() throws {
        let (t, states) = try threeChanges()
        try t.home.commit(t.home.planUndo())
        #expect(try t.home.service(named: "OrderProxy").security == .unsecured)
        try t.home.commit(t.home.planUndo())   // not the undo again: the change before
        #expect(t.text("conf/services/EchoProxy.xml") == states[1])
        #expect(try t.home.service(named: "OrderProxy").security == .unsecured)
        try t.home.commit(t.home.planUndo())
        #expect(t.text("conf/services/EchoProxy.xml") == states[0])
        let none = code { _ = try t.home.planUndo() }
        #expect(none?.code == .changeNotFound)
        #expect(none?.message == "Nothing to undo: every change in the history is undone")
        #expect(none?.fix.contains("wssconsole redo") == true)

        try t.home.commit(t.home.planRedo())   // puts back scenario 2, the change undone last
        #expect(t.text("conf/services/EchoProxy.xml") == states[1])
        #expect(t.home.history().first?.summary.hasPrefix("redo ") == true)
        try t.home.commit(t.home.planRedo())
        #expect(t.text("conf/services/EchoProxy.xml") == states[2])
        try t.home.commit(t.home.planRedo())
        #expect(try t.home.service(named: "OrderProxy").security == .scenario(3, policyKey: "conf:policies/OrderProxy.policy.xml"))
        #expect(code { _ = try t.home.planRedo() }?.message == "Nothing to redo: no change in the history is undone")
        // Nine changes are recorded; what is undone now is the three undos, each by its redo.
        let state = t.home.undoState()
        #expect(state.records.count == 9)
        #expect(state.undoneBy.keys.allSatisfy { id in state.records.first { $0.id == id }?.undoes != nil })
        #expect(state.undoneBy.count == 3 && state.nextRedo == nil)
    }

    /// Undo by ID of a change redone since reverts its redo (the chain stays one line): plain undo then steps on to
    /// the change before, where it used to stick on the redo, still shown in effect.
    @Test func undoByIDOfARedoneChangeRevertsItsRedo() throws {
        let (t, states) = try threeChanges()
        let third = try #require(t.home.history().first)
        try t.home.commit(t.home.planUndo())
        try t.home.commit(t.home.planRedo())
        try t.home.commit(t.home.planUndo(third.id))
        let state = t.home.undoState()
        #expect(state.records.count == 6)
        #expect(state.records.filter { state.undoneBy[$0.id] == nil && $0.undoes != nil }.count == 1, "one of the chain is in effect")
        try t.home.commit(t.home.planUndo())   // the change before: scenario 5 on EchoProxy
        #expect(t.text("conf/services/EchoProxy.xml") == states[1])
    }

    /// A new change after an undo ends the redo chain, as in an editor: redo steps forward only through the undos
    /// made since, and the undo before it stays in effect, named with the change that ended its chain.
    @Test func aNewChangeEndsTheRedoChain() {
        func record(_ id: String, undoes: String?) -> ChangeRecord {
            ChangeRecord(id: id, change: Change(summary: id, edits: [FileEdit(path: "f", before: [1], after: [2])], undoes: undoes), note: nil)
        }
        let older = [record("4-undo", undoes: "3-new"), record("3-new", undoes: nil), record("2-undo", undoes: "1-apply"), record("1-apply", undoes: nil)]
        let undone = UndoState(records: older)
        #expect(undone.nextRedo?.id == "4-undo")
        #expect(undone.redoEnded == nil)
        let redone = UndoState(records: [record("5-redo", undoes: "4-undo")] + older)
        #expect(redone.nextRedo == nil)
        #expect(redone.redoEnded?.undo.id == "2-undo" && redone.redoEnded?.by.id == "3-new")
        #expect(redone.undoneBy["1-apply"] == "2-undo", "still undone")
    }

    /// A history an earlier version branched (undo by ID reverted the change itself, its redo left in effect) reads
    /// with the newest of the chain in effect.
    @Test func aBranchedChainHasItsNewestInEffect() throws {
        func record(_ id: String, undoes: String?) -> ChangeRecord {
            ChangeRecord(id: id, change: Change(summary: id, edits: [FileEdit(path: "f", before: [1], after: [2])], undoes: undoes), note: nil)
        }
        let state = UndoState(records: [record("4-undo-by-id", undoes: "1-apply"), record("3-redo", undoes: "2-undo"),
                                        record("2-undo", undoes: "1-apply"), record("1-apply", undoes: nil), record("0-other", undoes: nil)])
        #expect(state.undoneBy["3-redo"] == "4-undo-by-id")
        #expect(state.undoneBy["1-apply"] == "4-undo-by-id")
        #expect(state.nextUndo?.id == "0-other")
        #expect(state.nextRedo?.id == "4-undo-by-id")
    }

    @Test func undoAfterRedoUndoesTheRedoneChangeAgain() throws {
        let (t, states) = try threeChanges()
        try t.home.commit(t.home.planUndo())
        try t.home.commit(t.home.planUndo())
        try t.home.commit(t.home.planRedo())
        #expect(t.text("conf/services/EchoProxy.xml") == states[2])
        let again = try t.home.planUndo()
        #expect(again.summary.hasPrefix("undo ") && again.summary.contains("scenario 5"), "\(again.summary)")
        try t.home.commit(again)
        #expect(t.text("conf/services/EchoProxy.xml") == states[1])
        try t.home.commit(t.home.planRedo())
        #expect(t.text("conf/services/EchoProxy.xml") == states[2])
    }

    @Test func aChangeAlreadyUndoneIsNotUndoneTwice() throws {
        let (t, _) = try threeChanges()
        let third = try #require(t.home.history().first)
        try t.home.commit(t.home.planUndo())
        let undo = try #require(t.home.history().first)
        let error = code { _ = try t.home.planUndo(third.id) }
        #expect(error?.code == .undoConflict)
        #expect(error?.message == "Change \(third.id) is already undone, by change \(undo.id)")
        #expect(error?.fix == "wssconsole redo puts it back.")
        // Undoing the undo by its id is a redo.
        let redo = try t.home.planUndo(undo.id)
        #expect(redo.summary == "redo \(third.id) (\(third.summary))")
        #expect(redo.undoes == undo.id)
    }

    @Test func theHistoryListMarksWhatIsUndone() throws {
        let (t, _) = try threeChanges()
        let third = try #require(t.home.history().first)
        try t.home.commit(t.home.planUndo())
        let undo = try #require(t.home.history().first)
        #expect(undo.undoes == third.id)
        #expect(t.home.undoState().undoneBy == [third.id: undo.id])
        try t.home.commit(t.home.planRedo())
        let redo = try #require(t.home.history().first)
        #expect(t.home.undoState().undoneBy == [undo.id: redo.id], "the redone change is in effect again")
    }

    /// Undos written before `undoes:` was kept name what they revert in their summary only.
    @Test func anOlderUndoIsReadFromItsSummary() throws {
        let (t, states) = try threeChanges()
        try t.home.commit(t.home.planUndo())
        let undo = try #require(t.home.history().first)
        let manifest = t.root + "/.wssconsole/history/\(undo.id)/change.txt"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        #expect(text.contains("undoes: "))
        try text.split(separator: "\n").filter { !$0.hasPrefix("undoes: ") }.joined(separator: "\n")
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        #expect(t.home.history().first?.undoes == undo.undoes)
        try t.home.commit(t.home.planUndo())
        #expect(t.text("conf/services/EchoProxy.xml") == states[1])
    }
}
