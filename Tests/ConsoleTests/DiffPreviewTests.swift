import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// The confirmation dialog's Diff button shows the exact edits, scrollable, and comes back to the question.
@Suite struct DiffPreviewTests {
    /// The confirmation dialog of scenario 2 on EchoProxy, its Apply button focused.
    func confirmingScenario2(_ home: TestHome) -> ConsoleDriver {
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        driver.press(.down, .enter)
        return driver
    }

    @Test func diffShowsTheEditsAndReturnsToTheDialog() throws {
        let home = try TestHome()
        let driver = confirmingScenario2(home)
        driver.press(.tab, .enter)   // Apply -> Diff
        let diff = driver.screen()
        #expect(diff.contains("+++ b/conf/policies/EchoProxy.policy.xml"))
        #expect(diff.contains("--- /dev/null"))
        driver.press(.end)
        #expect(driver.screen().contains("+    <enableSec/>"))
        driver.press(.escape)
        #expect(driver.screen().contains("Apply scenario 2?"))
        #expect(driver.screen().contains("> Diff <") && driver.screen().contains("[ Apply ]"), "back on Diff, not on Apply")
        // Nothing was written by looking.
        #expect(try home.home.service(named: "EchoProxy").security == .unsecured)
        driver.press(.escape)
        #expect(driver.app.stack.breadcrumb == ["Services", "EchoProxy"])
    }

    /// Enter after coming back from the diff shows the diff again; it never applies.
    @Test func enterAfterTheDiffDoesNotApply() throws {
        let home = try TestHome()
        let driver = confirmingScenario2(home)
        driver.press(.tab, .enter, .escape, .enter)
        #expect(driver.app.stack.top is TextPage, "the diff again")
        #expect(try home.home.service(named: "EchoProxy").security == .unsecured)
        driver.press(.escape, .backTab, .enter)   // Diff -> Apply: applies
        #expect(try home.home.service(named: "EchoProxy").security != .unsecured)
    }
}
