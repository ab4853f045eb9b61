import ConsoleUI
import Foundation
import Testing
@testable import Console

/// The commands the console suggests, pasted as shown, act on the home it runs on: an error dialog's fix said
/// `wssconsole undo` on any home, which would undo on the demo home's working copy instead, silently.
@Suite struct FixCommandTests {
    /// The top view's text alone, as one line: a dialog wraps its fix, and the path's space may be where it breaks.
    static func shownOnTop(_ driver: ConsoleDriver) -> String {
        var canvas = Canvas(size: Size(width: 80, height: 24), glyphs: .unicode)
        driver.app.stack.top.render(into: &canvas, frame: canvas.bounds)
        return canvas.text().replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `path` as a shell reads it back.
    static func quoted(_ path: String) -> String { "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }

    /// Another shell undid the change while the history showed it: u on it is refused with the command that puts it
    /// back, which names the home.
    @Test func anErrorDialogsFixNamesTheHome() throws {
        let t = try TestHome(suffix: " it's")
        try t.home.commit(try t.home.planApply(scenario: 2, to: "EchoProxy"))
        let driver = ConsoleDriver(t)
        driver.press(.char("H"))
        let undo = try t.home.planUndo()
        try t.home.commit(undo)
        // A new change ends the redo chain: only `undo ID` puts it back.
        try t.home.commit(try t.home.planApply(scenario: 1, to: "OrderProxy"))
        let by = try #require(t.home.history().first { $0.undoes != nil }).id
        driver.press(.char("u"))
        let dialog = try #require(driver.app.stack.top as? Dialog, "\(driver.screen())")
        #expect(dialog.title == "Cannot prepare the undo")
        #expect(Self.shownOnTop(driver).contains("Fix: wssconsole --home \(Self.quoted(t.root)) undo \(by) puts it back."), "\(driver.screen())")
    }

    /// A fix suggesting the history's commands names the console's keys for them, as its other messages do: a damaged
    /// keystore's said "(wssconsole undo)".
    @Test func aDamagedKeystoresFixNamesTheConsolesKeys() throws {
        let t = try TestHome()
        let file = URL(fileURLWithPath: t.path("keystores/wssdemo-service.p12"))
        try Data(contentsOf: file).prefix(100).write(to: file)
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .enter)
        "demo-service-pass".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        let dialog = try #require(driver.app.stack.top as? Dialog, "\(driver.screen())")
        #expect(dialog.title == "Damaged or not a keystore")
        #expect(Self.shownOnTop(driver).contains("Fix: Restore it from a backup or the history (u on the service list, or H for an older change)."),
                "\(driver.screen())")
    }

    /// The history's commands with an argument stay commands; those without are the service list's keys.
    @Test func historyCommandsBecomeKeysOnlyWithoutAnArgument() {
        #expect(HistoryCommandKeys.words("wssconsole redo puts it back.") == "^R on the service list puts it back.")
        #expect(HistoryCommandKeys.words("Undo the later changes first (wssconsole history lists them).")
                == "Undo the later changes first (H on the service list lists them).")
        let kept = "wssconsole undo 20261127T194003.782Z-4580 puts it back; wssconsole history --forget ID; wssconsole historyx; "
            + "/opt/bin/wssconsole undo; mywssconsole redo"
        #expect(HistoryCommandKeys.words(kept) == kept)
    }

    /// Outside dialogs too: a [libdefaults] value the form refuses says why with the finding's fix, a command.
    @Test func aRefusedSettingsFixNamesTheHome() throws {
        let t = try TestHome(suffix: " it's")
        let driver = ConsoleDriver(t)
        driver.press(.char("K"), .char("l"))
        "default_realm".forEach { driver.press(.char($0)) }
        driver.press(.enter, .ctrl("u"))
        "OTHER.ORG".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        #expect(Self.shownOnTop(driver).contains("(wssconsole --home \(Self.quoted(t.root)) krb5 realm set OTHER.ORG --kdc HOST:PORT)"), "\(driver.screen())")
    }
}
