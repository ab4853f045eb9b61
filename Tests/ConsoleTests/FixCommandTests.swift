import ConsoleUI
import Foundation
import Testing
@testable import Console

/// The commands the console suggests, pasted as shown, act on the home it runs on: an error dialog's fix said
/// `wssconsole undo` on any home, which would undo on the demo home's working copy instead, silently.
@Suite struct FixCommandTests {
    /// The screen's text as one line: a dialog wraps its fix, and the path's space may be where it breaks.
    static func unwrapped(_ screen: String) -> String {
        screen.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

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
        let root = "'" + t.root.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        #expect(Self.unwrapped(driver.app.render(size: Size(width: 80, height: 24), glyphs: .unicode).text())
            .contains("Fix: Restore it from a backup or the history (wssconsole --home \(root) undo)."), "\(driver.screen())")
    }
}
