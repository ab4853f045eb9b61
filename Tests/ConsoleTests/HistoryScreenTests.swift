import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import Testing
@testable import Console

/// H on the service list: the home's changes, newest first; Enter shows one with its diff, u undoes the selected
/// one (not only the newest), and the service list shows the result on return.
@Suite struct HistoryScreenTests {
    @Test func theHistoryShowsAChangeAndUndoesTheSelectedOne() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 2, to: "EchoProxy"))
        try home.home.commit(try home.home.planApply(scenario: 1, to: "OrderProxy"))
        let echo = try #require(home.read("conf/services/EchoProxy.xml"))
        let order = try #require(home.read("conf/services/OrderProxy.xml"))
        let driver = ConsoleDriver(home)
        driver.press(.char("H"))
        #expect(driver.app.stack.breadcrumb == ["Services", "History"])
        let list = driver.screen().split(separator: "\n")
        let newest = try #require(list.firstIndex { $0.contains("apply scenario 1") }), older = try #require(list.firstIndex { $0.contains("apply scenario 2") })
        #expect(newest < older, "newest first: \(driver.screen())")
        let echoApply = try #require(home.home.undoState().records.first { $0.summary.contains("EchoProxy") })
        let when = DisplayDate.time(echoApply.date)
        #expect(list[older].contains(when), "\(list[older])")

        driver.press(.down, .enter)
        #expect(driver.screen().contains("+++ b/conf/policies/EchoProxy.policy.xml"), "\(driver.screen())")
        #expect(driver.screen().contains("on \(when)"), "\(driver.screen())")
        driver.press(.escape)
        #expect(driver.app.stack.breadcrumb == ["Services", "History"])

        driver.press(.char("u"))
        #expect(driver.screen().contains("Undo this change?") && driver.screen().contains("> Cancel <"), "\(driver.screen())")
        #expect(driver.screen().contains("on \(when)."), "\(driver.screen())")
        driver.press(.backTab, .enter)
        #expect(home.read("conf/services/EchoProxy.xml") != echo, "EchoProxy's apply is undone")
        #expect(home.read("conf/services/OrderProxy.xml") == order, "the newer change stays")
        let undone = driver.screen().split(separator: "\n").first { $0.contains("apply scenario 2") && !$0.contains("undo 2") }
        #expect(undone?.contains("undone") == true, "\(driver.screen())")
        driver.press(.char("u"))
        #expect(driver.screen().contains("already undone"), "\(driver.screen())")

        driver.press(.escape)
        let row = driver.screen().split(separator: "\n").first { $0.contains("EchoProxy") && $0.contains("proxy") }
        #expect(row?.contains("unsecured") == true, "the list shows the undo on return: \(driver.screen())")
    }

    /// The screen's own undo is not called a change on disk by the list below it, which looks while idle; another
    /// shell's `history --forget` is read again while the screen is open.
    @Test func ownUndoIsNotAChangeOnDiskAndAForgetElsewhereIsSeen() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 2, to: "EchoProxy"))
        try home.home.commit(try home.home.planApply(scenario: 1, to: "OrderProxy"))
        let driver = ConsoleDriver(home, diskCheckInterval: .zero)
        driver.press(.char("H"), .char("u"), .backTab, .enter)
        for _ in 0..<3 { _ = driver.app.poll() }
        #expect(driver.screen().contains("Changes to the home (3)"), "\(driver.screen())")
        let forgotten = try home.home.changesToForget(ids: [try #require(home.home.history().last).id])
        try home.home.forget(forgotten)
        #expect(driver.app.poll(), "the open screen looks again")
        #expect(driver.screen().contains("The history changed on disk; read again.") && !driver.screen().contains("scenario 2"), "\(driver.screen())")
        driver.press(.escape)
        for _ in 0..<3 { _ = driver.app.poll() }
        #expect(driver.screen().contains("Undone: apply scenario 1") && !driver.screen().contains("changed on disk"), "\(driver.screen())")
    }

    /// At 80 columns an undo's or redo's row says what it reverts ("undo: apply scenario 2 …"), not the reverted
    /// change's ID, which took most of the column ("undo 20261127T19…OrderProxy)"); Enter still shows the ID.
    @Test func undoAndRedoRowsNameTheChangeNotItsID() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 2, to: "OrderProxy"))
        let applied = try #require(home.home.history().first)
        try home.home.commit(try home.home.planUndo())
        try home.home.commit(try home.home.planRedo())
        let driver = ConsoleDriver(home)
        driver.press(.char("H"))
        let rows = driver.screen().split(separator: "\n")
        let stamp = String(applied.id.prefix(8))
        #expect(rows.contains { $0.contains("redo: apply scen") } && rows.contains { $0.contains("undo: apply scen") }, "\(driver.screen())")
        #expect(!rows.dropFirst().contains { $0.contains(stamp) }, "no row shows an ID: \(driver.screen())")
        driver.press(.down, .enter)
        #expect(driver.screen().contains("Reverts change \(applied.id)"), "\(driver.screen())")
    }

    /// A history that cannot be read (here a file where its folder should be) is said so, not shown as "No changes yet".
    @Test func anUnreadableHistoryIsNotShownAsEmpty() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 2, to: "EchoProxy"))
        let history = home.path(".wssconsole/history")
        try FileManager.default.moveItem(atPath: history, toPath: history + ".kept")
        try home.write(".wssconsole/history", "not a folder")
        let driver = ConsoleDriver(home)
        driver.press(.char("H"))
        let screen = driver.screen()
        #expect(screen.contains("Cannot read the history") && !screen.contains("No changes yet"), "\(screen)")
        driver.press(.char("u"))
        #expect(driver.screen().contains("the history cannot be read"), "\(driver.screen())")
    }

    @Test func aReadOnlyHomeShowsTheHistoryButOffersNoUndo() throws {
        let home = try TestHome(readOnly: true)
        let writer = try Home.open(home.root)
        try writer.commit(try writer.planApply(scenario: 2, to: "EchoProxy"))
        let driver = ConsoleDriver(home)
        driver.press(.char("H"), .char("u"))
        #expect(driver.app.stack.breadcrumb == ["Services", "History"], "u does nothing: \(driver.screen())")
        driver.press(.enter)
        #expect(driver.screen().contains("+++ b/conf/policies/EchoProxy.policy.xml"))
    }
}
