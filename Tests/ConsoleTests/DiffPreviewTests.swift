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
        driver.press(.char("G"))    // End moves along the diff's wide lines; G goes to its end
        #expect(driver.screen().contains("+    <enableSec/>"))
        driver.press(.escape)
        #expect(driver.screen().contains("Apply scenario 2?"))
        #expect(driver.screen().contains("> Diff <") && driver.screen().contains("[ Apply ]"), "back on Diff, not on Apply")
        // Nothing was written by looking.
        #expect(try home.home.service(named: "EchoProxy").security == .unsecured)
        driver.press(.escape)
        #expect(driver.app.stack.breadcrumb == ["Services", "EchoProxy"])
    }

    /// The diff's long lines (the policy's wsu:Id, a token's IncludeToken) were cut with … and could not be read:
    /// Left, Right, Home and End move along them, the border says there is more beside, the key bar and help list it.
    @Test func theDiffScrollsSideways() throws {
        let driver = confirmingScenario2(try TestHome())
        driver.press(.tab, .tab, .enter)
        var screen = driver.screen()
        let bar = screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(!screen.contains("wsu:Id=\"SigOnly\">") && screen.contains(" more ▶ ─┘"), "\(screen)")
        #expect(bar.hasPrefix("Right Sideways"), "\(bar)")
        driver.press(.end)
        screen = driver.screen()
        #expect(screen.contains("wsu:Id=\"SigOnly\">") && screen.contains("└─ ◀ more ─"), "\(screen)")
        driver.press(.home)
        #expect(driver.screen().contains("│ +<wsp:Policy xmlns:wsp="), "back at the left edge")
        driver.press(.right)
        #expect(driver.screen().contains("│ +…"), "the + stays in its column: \(driver.screen())")
        driver.press(.char("?"))
        #expect(driver.screen().contains("Scroll sideways"))
        driver.press(.escape, .escape)
        #expect(driver.screen().contains("Apply scenario 2?"), "Esc still goes back to the question")
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
