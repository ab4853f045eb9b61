import ConsoleUI
import Dispatch
import Foundation
import Testing
@testable import Console

/// "Preparing the changes…": work off the input loop while keys still work; Esc drops its result, and a finished
/// piece of work gives way to what it prepared.
@Suite struct PreparingDialogTests {
    /// A console whose only screen is a page, and a job held until `release` is signalled.
    final class Pending: @unchecked Sendable {
        let release = DispatchSemaphore(value: 0)
        var followed = 0
        let app = ScreenManager(root: TextPage(title: "Page", text: "the page below"), appName: "wssconsole")
        lazy var dialog = PreparingDialog(title: "Diff", mode: .background, work: { [release] in release.wait(); return 7 }) { value in
            self.followed += 1
            return .push(TextPage(title: "Prepared", text: "prepared \(value)"))
        }

        func screen() -> String { app.render(size: Size(width: 80, height: 24), glyphs: .unicode).text() }
    }

    @Test func keysWorkWhileItRunsAndEscDropsTheResult() {
        let pending = Pending()
        pending.app.stack.push(pending.dialog)
        #expect(pending.screen().contains("Preparing the changes…") && pending.screen().contains("Esc cancels."))
        _ = pending.app.poll()
        #expect(pending.app.stack.top === pending.dialog, "still running")
        pending.app.handle(.char("?"))
        #expect(pending.app.stack.top is HelpOverlay, "help opens over it")
        pending.app.handle(.escape)
        #expect(pending.app.stack.top === pending.dialog)
        pending.app.handle(.enter)
        #expect(pending.app.stack.top === pending.dialog, "a second Enter from the form before does not cancel")
        pending.app.handle(.escape)
        #expect(pending.app.stack.count == 1 && pending.screen().contains("the page below"))
        pending.release.signal()
        pending.dialog.waitUntilDone()
        _ = pending.app.poll()
        #expect(pending.app.stack.count == 1 && pending.followed == 0, "cancelled: what it prepared is not shown")
    }

    @Test func finishedWorkGivesWayToWhatItPrepared() {
        let pending = Pending()
        pending.app.stack.push(pending.dialog)
        pending.release.signal()
        pending.dialog.waitUntilDone()
        #expect(pending.app.poll())
        #expect(pending.screen().contains("prepared 7") && pending.app.stack.count == 2 && pending.followed == 1)
        _ = pending.app.poll()
        #expect(pending.followed == 1, "once")
    }
}
