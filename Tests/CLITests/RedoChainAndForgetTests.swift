import Foundation
import Testing

/// Redo steps forward only through the undos made since the last new change, as an editor's does; and undo, after a
/// `history --forget`, names the forgotten change that stands in its way rather than sending the operator to a
/// history that no longer lists it.
@Suite struct RedoChainAndForgetTests {
    func run(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--home", home.root])
    }

    /// The ids `history --json` lists, newest first.
    func ids(_ home: TempHome) throws -> [String] {
        let rows = try JSONSerialization.jsonObject(with: Data(try run(home, ["history", "--json"]).stdout.utf8)) as? [[String: Any]]
        return try #require(rows).compactMap { $0["id"] as? String }
    }

    /// The walkthrough's case: an undo of OrderProxy's change, then changes to EchoProxy undone and redone. The third
    /// redo used to put OrderProxy's long-undone change back without a word.
    @Test func aNewChangeAfterAnUndoEndsTheRedoChain() throws {
        let home = try TempHome()
        #expect(try run(home, ["apply", "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let order = try #require(try ids(home).first)
        #expect(try run(home, ["undo"]).status == 0)
        let undoOrder = try #require(try ids(home).first)
        let unsecured = home.text("conf/services/OrderProxy.xml")
        #expect(try run(home, ["apply", "--service", "EchoProxy", "--scenario", "2"]).status == 0)
        let echo = try #require(try ids(home).first)
        #expect(try run(home, ["apply", "--service", "EchoProxy", "--scenario", "5"]).status == 0)
        #expect(try run(home, ["undo"]).stdout.contains("scenario 5"))
        #expect(try run(home, ["undo"]).stdout.contains("scenario 2"))
        #expect(try run(home, ["redo"]).stdout.contains("scenario 2 (Non-repudiation) to EchoProxy"))
        #expect(try run(home, ["redo"]).stdout.contains("to EchoProxy"))

        let third = try run(home, ["redo", "--dry-run"])
        #expect(third.status == 1, "\(third.all)")
        #expect(third.stderr.contains("Nothing to redo: change \(echo) (apply scenario 2 (Non-repudiation) to EchoProxy) came after the last undo, \(undoOrder)"),
                "\(third.all)")
        #expect(third.stderr.contains("To put back change \(order) (apply scenario 2 (Non-repudiation) to OrderProxy) all the same: wssconsole --home \(home.root) undo \(undoOrder)"),
                "\(third.all)")
        #expect(try run(home, ["redo"]).status == 1)
        #expect(home.text("conf/services/OrderProxy.xml") == unsecured, "OrderProxy stays as the undo left it")

        // Undo of the undo by its ID still puts the change back.
        let put = try run(home, ["undo", undoOrder])
        #expect(put.status == 0 && put.stdout.hasPrefix("redo \(order) "), "\(put.all)")
        #expect(home.text("conf/services/OrderProxy.xml") != unsecured)
    }

    /// Forgetting the newest change: plain undo takes the newest change history still lists, and when the forgotten
    /// one changed its file since, says so (it cannot be undone) instead of "undo the later changes first".
    @Test func undoNamesAForgottenLaterChange() throws {
        let home = try TempHome()
        #expect(try run(home, ["apply", "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let first = try #require(try ids(home).first)
        #expect(try run(home, ["apply", "--service", "OrderProxy", "--scenario", "5"]).status == 0)
        let second = try #require(try ids(home).first)

        // While the later change is in the history, undo of the first names it.
        let byID = try run(home, ["undo", first, "--dry-run"])
        #expect(byID.status == 1, "\(byID.all)")
        #expect(byID.stderr.contains("changed again after change \(first): change \(second) (apply scenario 5"), "\(byID.all)")
        #expect(byID.stderr.contains("Undo the later changes first"), "\(byID.all)")

        #expect(try run(home, ["history", "--forget", second]).status == 0)
        #expect(try ids(home) == [first])
        let undo = try run(home, ["undo", "--dry-run"])
        #expect(undo.status == 1, "\(undo.all)")
        #expect(undo.stderr.contains("changed again after change \(first): change \(second) (apply scenario 5"), "\(undo.all)")
        #expect(undo.stderr.contains("changed it later and was forgotten (history --forget)"), "\(undo.all)")
        #expect(undo.stderr.contains("It cannot be undone: edit the file by hand, or apply again."), "\(undo.all)")
        #expect(!undo.stderr.contains("Undo the later changes first"), "\(undo.all)")
    }

    /// A file edited outside wssconsole: no change to undo first, none forgotten.
    @Test func undoOfAFileEditedByHandSaysSo() throws {
        let home = try TempHome()
        #expect(try run(home, ["apply", "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let change = try #require(try ids(home).first)
        let path = home.root + "/conf/services/OrderProxy.xml"
        try (try #require(home.text("conf/services/OrderProxy.xml")) + "<!-- edited -->\n").write(toFile: path, atomically: true, encoding: .utf8)
        let undo = try run(home, ["undo", "--dry-run"])
        #expect(undo.status == 1, "\(undo.all)")
        #expect(undo.stderr.contains("changed again after change \(change), by no change the history lists or forgot: edited by hand or by another tool"),
                "\(undo.all)")
        #expect(!undo.stderr.contains("Undo the later changes first"), "\(undo.all)")
    }
}
