import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// A UsernameToken scenario from the picker asks the roles allowed to call before anything is planned, as
/// `wssconsole apply --roles` takes them. (ApplyRolesEndToEndTests types them into the real binary.)
@Suite struct ApplyRolesTests {
    private let policy = "conf/policies/OrderProxy.policy.xml"

    /// Opens OrderProxy and presses Enter on scenario `number`.
    private func apply(_ number: Int, _ driver: ConsoleDriver) {
        driver.select(service: "OrderProxy")
        driver.press(.enter, .home)
        for _ in 1..<number { driver.press(.down) }
        driver.press(.enter)
    }

    private func type(_ text: String, into driver: ConsoleDriver) {
        driver.press(.ctrl("u"))
        text.forEach { driver.press(.char($0)) }
    }

    private func allowedRolesProperty(_ home: TestHome) -> [String] {
        (home.read(policy) ?? "").split(separator: "\n").filter { $0.contains("org.wso2.carbon.security.allowedroles") }.map(String.init)
    }

    @Test func theFormStartsFromThePolicysRolesAndOffersTheStores() throws {
        let home = try TestHome()
        try home.home.commit(home.home.planApply(scenario: 8, to: "OrderProxy", options: ScenarioOptions(allowedRoles: ["admin", "operator"])))
        let driver = ConsoleDriver(home)
        apply(7, driver)
        let form = driver.screen()
        #expect(form.contains("Scenario 7 for OrderProxy"), "\(form)")
        #expect(form.contains("< Only the roles below >") && form.contains("Roles:     admin,operator"), "\(form)")
        #expect(form.contains("Roles in the user store: admin, operator, everyone."), "\(form)")
        driver.press(.down, .enter, .enter, .enter, .enter)    // past TTL, Skew and Nonce
        let confirmation = driver.screen()
        #expect(confirmation.contains("Apply scenario 7?") && confirmation.contains("Allowed roles written to the policy: admin,operator"),
                "\(confirmation)")
    }

    /// The panel beside the form validates the roles and numbers as they are typed (a role the store lacks is an
    /// error there before anything is written), the confirmation keeps them, and Cancel shows the policy's again.
    @Test func thePanelValidatesWhatIsTyped() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        apply(8, driver)
        // The form's values are read as it is drawn: the panel shows them from the next drawing on.
        let panel = { _ = driver.screen(width: 120, height: 40); return driver.screen(width: 120, height: 40) }
        #expect(panel().contains("Validation of 8: warn") && panel().contains("No allowed roles"), "\(panel())")
        driver.press(.down)
        type("nosuchrole", into: driver)
        #expect(panel().contains("Validation of 8 as typed: ERROR") && panel().contains("The allowed role nosuchrole does not"), "\(panel())")
        type("admin,operator", into: driver)
        driver.press(.down, .down, .down)
        type("900", into: driver)
        let typed = panel()
        #expect(typed.contains("Validation of 8 as typed: warn") && !typed.contains("No allowed roles") && !typed.contains("Requests can stay"), "\(typed)")
        driver.press(.enter)
        let confirmation = panel()
        #expect(confirmation.contains("Apply scenario 8?") && confirmation.contains("Validation of 8 as typed: warn"), "\(confirmation)")
        driver.press(.escape)
        #expect(panel().contains("Validation of 8: warn") && panel().contains("No allowed roles"), "\(panel())")
    }

    /// At 80 columns the roles field's hint is whole on the status line (it was cut before its last word).
    @Test func theRolesHintFitsEightyColumns() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        apply(8, driver)
        driver.press(.down)
        let screen = driver.screen()
        let status = try #require(screen.split(separator: "\n").first { $0.hasPrefix(" Comma-separated, no spaces:") }, "\(screen)")
        #expect(!status.contains("…") && status.trimmingCharacters(in: .whitespaces).hasSuffix(")"), "\(status)")
    }

    /// "Every authenticated user" is its own choice: no allowed-roles property is written, and the dialog says so.
    @Test func everyAuthenticatedUserWritesNoProperty() throws {
        let home = try TestHome()
        try home.home.commit(home.home.planApply(scenario: 8, to: "OrderProxy", options: ScenarioOptions(allowedRoles: ["admin"])))
        let driver = ConsoleDriver(home)
        apply(8, driver)
        driver.press(.right, .down, .enter, .enter, .enter, .enter)
        let confirmation = driver.screen()
        #expect(confirmation.contains("Allowed roles: none; every authenticated user may call."), "\(confirmation)")
        driver.press(.left, .enter)    // Apply (Cancel is the default: the service had a policy)
        #expect(driver.app.stack.breadcrumb == ["Services"], "\(driver.screen())")
        // The service comes before the scenario's long name, which 80 columns cut.
        #expect(driver.screen().contains(" Applied scenario 8 to OrderProxy (Sign and"), "\(driver.screen())")
        #expect(allowedRolesProperty(home).isEmpty, "\(home.read(policy) ?? "")")
    }

    /// An emptied field under "Only the roles below" does not open the service: OK stays disabled and says why.
    @Test func noRoleUnderOnlyTheseIsRefused() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        apply(1, driver)
        driver.press(.down, .enter, .enter, .enter, .enter)    // past TTL, Skew and Nonce
        let form = driver.screen()
        #expect(form.contains("Scenario 1 for OrderProxy") && form.contains("names no role; choose Every authenticated user"), "\(form)")
        driver.press(.escape)
        #expect(driver.app.stack.breadcrumb == ["Services", "OrderProxy"])
        #expect(home.read(policy) == nil)
    }

    /// Escape on the confirmation writes nothing; a scenario without users asks no roles.
    @Test func escapeOnTheConfirmationWritesNothing() throws {
        let home = try TestHome()
        let definition = home.read("conf/services/OrderProxy.xml")
        let driver = ConsoleDriver(home)
        apply(8, driver)
        driver.press(.down)
        type("admin", into: driver)
        driver.press(.enter, .enter, .enter, .enter)
        #expect(driver.screen().contains("Apply scenario 8?"))
        driver.press(.escape)
        #expect(driver.app.stack.breadcrumb == ["Services", "OrderProxy"])
        #expect(home.read(policy) == nil && home.read("conf/services/OrderProxy.xml") == definition)
        driver.press(.home, .down, .enter)
        #expect(driver.screen().contains("Apply scenario 2?"), "scenario 2 authenticates no user: \(driver.screen())")
    }

    /// Names the store lacks are written (as the CLI writes them) with a warning in the dialog.
    @Test func aRoleTheStoreLacksIsNamedBeforeWriting() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        apply(8, driver)
        driver.press(.down)
        type("admin,auditors", into: driver)
        driver.press(.enter, .enter, .enter, .enter)
        #expect(driver.screen().contains("Not in the user store (no user holds them): auditors"), "\(driver.screen())")
        driver.press(.enter)
        #expect(allowedRolesProperty(home).map { $0.contains(">admin,auditors<") } == [true], "\(home.read(policy) ?? "")")
    }

    /// The form sets the freshness numbers as `apply --nonce-lifetime` does: it says when a replay gets in, refuses a
    /// number Rampart would not take, and writes only what was changed.
    @Test func theNonceLifetimeThatClosesReplaysIsSetInTheForm() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        apply(8, driver)
        #expect(driver.screen().contains("acceptable 900 s"), "\(driver.screen())")
        driver.press(.down)
        type("admin", into: driver)
        driver.press(.down, .down, .down)
        type("0", into: driver)
        driver.press(.enter)
        #expect(driver.screen().contains("remembers no nonce"), "\(driver.screen())")
        #expect(home.read(policy) == nil)
        type("900", into: driver)
        driver.press(.enter)
        #expect(driver.screen().contains("Written to the policy: nonceLifeTime 900 s."), "\(driver.screen())")
        driver.press(.enter)
        let written = try #require(home.read(policy))
        #expect(written.contains("<rampart:nonceLifeTime>900</rampart:nonceLifeTime>") && written.contains("<rampart:timestampTTL>300</rampart:timestampTTL>"),
                "\(written)")
        let findings = home.home.validate(try home.home.service(named: "OrderProxy")).findings.map(\.code)
        #expect(!findings.contains("replay.window"), "\(findings)")
        // Opened again, the form starts from the policy's numbers and no longer warns.
        apply(8, driver)
        #expect(driver.screen().contains("Nonce:     900") && !driver.screen().contains("acceptable 900 s"), "\(driver.screen())")
    }

    /// The warning about replays follows the numbers as they are typed, not the policy's when the form opened.
    @Test func theReplayWarningFollowsTheNumbersTyped() throws {
        let driver = ConsoleDriver(try TestHome())
        apply(8, driver)
        #expect(driver.screen().contains("acceptable 900 s") && driver.screen().contains("forgotten after 300 s"), "\(driver.screen())")
        driver.press(.down)
        type("admin", into: driver)
        driver.press(.down, .down, .down)
        type("600", into: driver)
        #expect(driver.screen().contains("forgotten after 600 s") && !driver.screen().contains("after 300 s"), "\(driver.screen())")
        type("900", into: driver)
        #expect(!driver.screen().contains("acceptable 900 s"), "\(driver.screen())")
        driver.press(.up)                                       // Skew 400: 300 + 2 x 400 = 1100 s
        type("400", into: driver)
        #expect(driver.screen().contains("acceptable 1100 s") && driver.screen().contains("Nonce 1100 closes it"), "\(driver.screen())")
        type("x", into: driver)                                 // not a number: its field says so, the warning waits
        #expect(!driver.screen().contains("acceptable"), "\(driver.screen())")
    }
}
