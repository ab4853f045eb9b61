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

    @Test func anErrorDialogsFixNamesTheHome() throws {
        let t = try TestHome(suffix: " it's")
        // Cut short, it is damaged: its fix is to restore it from the history, by `wssconsole undo`.
        let file = URL(fileURLWithPath: t.path("keystores/wssdemo-service.p12"))
        let bytes = try Data(contentsOf: file)
        try bytes.prefix(bytes.count / 2).write(to: file)
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .enter)
        "demo-service-pass".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        let dialog = try #require(driver.app.stack.top as? Dialog, "\(driver.screen())")
        #expect(dialog.title == "Damaged or not a keystore")
        #expect(Self.shownOnTop(driver).contains("Fix: Restore it from a backup or the history (wssconsole --home \(Self.quoted(t.root)) undo)."), "\(driver.screen())")
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
