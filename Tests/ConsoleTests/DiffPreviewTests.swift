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
        driver.press(.tab, .tab, .enter)   // Apply -> Cancel -> Diff
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

    /// Tab then Enter never applies, whichever button the dialog focuses first: Apply on an unsecured service
    /// (Tab reaches Cancel), Cancel where a scenario would replace another (Tab reaches Diff).
    @Test func tabThenEnterNeverApplies() throws {
        let home = try TestHome()
        let driver = confirmingScenario2(home)
        driver.press(.tab, .enter)
        #expect(try home.home.service(named: "EchoProxy").security == .unsecured)
        #expect(!(driver.app.stack.top is Dialog), "cancelled")
        try home.home.commit(home.home.planApply(scenario: 2, to: "EchoProxy"))
        let secured = home.read("conf/services/EchoProxy.xml")
        let again = confirmingScenario2(home)
        again.press(.tab, .enter)
        #expect(again.app.stack.top is TextPage, "the diff")
        #expect(home.read("conf/services/EchoProxy.xml") == secured)
    }

    /// Enter after coming back from the diff shows the diff again; it never applies.
    @Test func enterAfterTheDiffDoesNotApply() throws {
        let home = try TestHome()
        let driver = confirmingScenario2(home)
        driver.press(.tab, .tab, .enter, .escape, .enter)
        #expect(driver.app.stack.top is TextPage, "the diff again")
        #expect(try home.home.service(named: "EchoProxy").security == .unsecured)
        driver.press(.escape, .tab, .enter)   // Diff -> Apply: applies
        #expect(try home.home.service(named: "EchoProxy").security != .unsecured)
    }
}
