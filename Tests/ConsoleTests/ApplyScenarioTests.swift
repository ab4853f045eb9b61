import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// The walking skeleton through the app model: open a service, pick scenario 2, confirm, back on the list.
@Suite struct ApplyScenarioTests {
    @Test func applyingScenario2WritesThePolicyAndTheListShowsIt() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        #expect(driver.app.stack.breadcrumb == ["Services", "EchoProxy"])
        driver.press(.down, .enter)
        let dialog = driver.screen()
        #expect(dialog.contains("Apply scenario 2?"))
        #expect(dialog.contains("> Apply <"), "unsecured service: Apply is the default")
        driver.press(.enter)

        #expect(driver.app.stack.breadcrumb == ["Services"])
        let screen = driver.screen()
        let row = screen.split(separator: "\n").first { $0.contains("EchoProxy") && $0.contains("proxy") }
        #expect(row?.contains("2 Non-repudiation") == true)
        #expect(screen.contains("Applied scenario 2 to EchoProxy (Non-repudiation)"))

        let service = try home.home.service(named: "EchoProxy")
        guard case .scenario(2, let key) = service.security else {
            Issue.record("EchoProxy is \(service.security)"); return
        }
        #expect(home.read(service.path)?.contains("<policy key=\"\(key)\"") == true)
        #expect(!home.files(containing: "wsu:Id=\"SigOnly\"").filter { $0.hasPrefix("conf/") }.isEmpty)
    }

    @Test func replacingAPolicyFocusesCancel() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 1, to: "EchoProxy"))
        let before = home.read("conf/services/EchoProxy.xml")
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        #expect(driver.screen().contains("now 1 UsernameToken"))
        driver.press(.down, .enter)
        #expect(driver.screen().contains("> Cancel <"))
        #expect(driver.screen().contains("This replaces its current security: 1 UsernameToken."))
        driver.press(.enter)    // Cancel: nothing written
        #expect(home.read("conf/services/EchoProxy.xml") == before)
        #expect(driver.app.stack.breadcrumb == ["Services", "EchoProxy"])
    }

    /// What the validation panel says reaches the question: applying a scenario the home cannot support is said.
    @Test func theDialogSaysWhenTheScenarioValidatesWithErrors() throws {
        let home = try TestHome()
        try FileManager.default.removeItem(atPath: home.path("keystores/wssdemo-service.p12"))
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        // Scenario 7 needs the client's user (for X.509 scenarios the self-test signs as the service itself);
        // its roles form first: every authenticated user.
        driver.press(.enter, .home, .down, .down, .down, .down, .down, .down, .enter, .right, .down, .enter, .enter, .enter, .enter)
        let dialog = driver.screen()
        #expect(dialog.contains("Apply scenario 7?"), "\(dialog)")
        #expect(dialog.contains("Validation: ERROR"), "\(dialog)")
        // Its callers would fault: Cancel is focused, and Enter writes nothing.
        #expect(dialog.contains("> Cancel <"), "\(dialog)")
        let before = home.read("conf/services/EchoProxy.xml")
        driver.press(.enter)
        #expect(home.read("conf/services/EchoProxy.xml") == before)
        let fine = ConsoleDriver(try TestHome())
        fine.select(service: "EchoProxy")
        fine.press(.enter, .down, .enter)
        #expect(fine.screen().contains("Apply scenario 2?") && !fine.screen().contains("Validation:"))
        #expect(fine.screen().contains("> Apply <"), "\(fine.screen())")
    }

    /// An error only in wssconsole's own [client] settings stops the self-test, not the service's callers.
    @Test func aSelfTestClientErrorIsNotCalledAServiceFault() throws {
        let home = try TestHome()
        let settings = try #require(home.read("conf/console.toml"))
        let client = try #require(settings.range(of: "[client]")), next = try #require(settings.range(of: "[user_store]"))
        try home.write("conf/console.toml", settings.replacingCharacters(in: client.lowerBound..<next.lowerBound, with: ""))
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        // Scenario 7 needs the client's user (for X.509 scenarios the self-test signs as the service itself);
        // its roles form first: every authenticated user.
        driver.press(.enter, .home, .down, .down, .down, .down, .down, .down, .enter, .right, .down, .enter, .enter, .enter, .enter)
        let dialog = driver.screen()
        #expect(dialog.contains("Apply scenario 7?"), "\(dialog)")
        #expect(dialog.contains("Validation: the self-test") && !dialog.contains("fault its callers"), "\(dialog)")
    }

    /// Removing the security of a service whose policy file another service uses keeps the file: the question says so.
    @Test func theDialogSaysWhenAPolicyFileIsKeptForAnotherService() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 2, to: "EchoProxy"))
        let key = try #require(try home.home.service(named: "EchoProxy").security.policyKey)
        let order = try #require(home.read("conf/services/OrderProxy.xml"))
        try home.write("conf/services/OrderProxy.xml", order.replacingOccurrences(of: "</proxy>", with: "<policy key=\"\(key)\"/><enableSec/></proxy>"))
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .char("x"))
        let dialog = driver.screen()
        #expect(dialog.contains("Remove security?") && dialog.contains("Note: kept"), "\(dialog)")
        #expect(!dialog.contains("deleted"), "the shared file is not among the files written: \(dialog)")
    }

    /// A policy scoped to requests (type="in") is dropped by apply: the dialog says so before anything is written.
    @Test func theDialogSaysWhatApplyDropsBesidesThePolicy() throws {
        let home = try TestHome()
        try home.home.commit(home.home.planApply(scenario: 2, to: "EchoProxy"))
        let secured = try #require(home.read("conf/services/EchoProxy.xml"))
        try home.write("conf/services/EchoProxy.xml", secured.replacingOccurrences(of: ".policy.xml\"/>", with: ".policy.xml\" type=\"in\"/>"))
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .home, .down, .down, .enter)
        let dialog = driver.screen()
        #expect(dialog.contains("Apply scenario 3?"), "\(dialog)")
        #expect(dialog.contains("Note: drops type=\"in\""), "\(dialog)")
    }

    @Test func choosingTheCurrentScenarioChangesNothing() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 2, to: "EchoProxy"))
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .enter)
        let screen = driver.screen()
        #expect(!screen.contains("Apply scenario 2?"))
        #expect(screen.contains("already uses scenario 2"))
    }

    @Test func escapeAndQGoBackAndQOnTheListQuits() throws {
        let driver = ConsoleDriver(try TestHome())
        driver.press(.enter, .escape)
        #expect(driver.app.stack.count == 1 && !driver.app.isFinished)
        driver.press(.enter, .char("q"))
        #expect(driver.app.stack.count == 1 && !driver.app.isFinished)
        driver.press(.char("q"))
        #expect(driver.app.isFinished)
    }

    @Test func policyViewShowsThePolicyText() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 2, to: "EchoProxy"))
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.char("p"))
        #expect(driver.screen().contains("Policy of EchoProxy"))
        #expect(driver.app.stack.top is TextPage)
    }

    /// A password in the policy is masked, as in the diffs, on the list's `p` and the service screen's.
    @Test func policyViewMasksPasswords() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 2, to: "EchoProxy"))
        let path = try #require(home.files(containing: "wsu:Id=\"SigOnly\"").first { $0.hasPrefix("conf/") })
        let text = try #require(home.read(path))
        let user = "<rampart:property name=\"rampart.config.user\">service</rampart:property>"
        #expect(text.contains(user))
        try home.write(path, text.replacingOccurrences(
            of: user, with: "<rampart:property name=\"keystore.password\">TopSecret123</rampart:property>"))
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.char("p"), .end)
        #expect(!driver.screen().contains("TopSecret123") && driver.screen().contains("********"), "\(driver.screen())")
        driver.press(.escape, .enter, .char("p"), .end)
        #expect(driver.screen().contains("Policy of EchoProxy"))
        #expect(!driver.screen().contains("TopSecret123") && driver.screen().contains("********"), "\(driver.screen())")
    }

    @Test func backgroundValidationShowsCheckingThenTheState() throws {
        let home = try TestHome()
        let board = ValidationBoard(home: home.home, mode: .background)
        let services = home.home.services()
        board.request(services)
        board.waitUntilIdle()
        #expect(board.takeChanges())
        for service in services { #expect(board.report(for: service.name) != nil) }
        #expect(!board.takeChanges())
    }
}

@Suite struct ServiceListKeysTests {
    @Test func searchSelectsTheMatchingService() throws {
        let driver = ConsoleDriver(try TestHome())
        driver.press(.char("/"), .char("p"), .char("a"), .char("y"))
        #expect(driver.screen().contains("Search: pay_"))
        driver.press(.enter)
        #expect(driver.screen().contains("> PaymentProxy"))
    }

    /// While the query is typed ? and Q are part of it: the bar names the keys that work then.
    @Test func theKeyBarWhileSearchingNamesTheKeysThatWork() throws {
        let driver = ConsoleDriver(try TestHome())
        driver.press(.char("/"), .char("Q"), .char("?"))
        let screen = driver.screen()
        #expect(screen.contains("Search: Q?_") && !driver.app.isFinished, "\(screen)")
        #expect(screen.split(separator: "\n").last?.hasPrefix("Enter Keep  Esc Drop  F1 Help  F10 Quit") == true, "\(screen)")
        driver.press(.enter)
        #expect(driver.screen().split(separator: "\n").last?.hasPrefix("Enter Open") == true)
    }

    @Test func disabledPolicyKeySaysWhy() throws {
        let driver = ConsoleDriver(try TestHome())
        driver.select(service: "EchoProxy")
        driver.press(.char("p"))
        #expect(driver.screen().contains("Policy unavailable: EchoProxy has no policy yet."))
        #expect(driver.app.stack.count == 1)
    }
}

@Suite struct ReadOnlyHomeTests {
    @Test func readOnlySessionDropsApplyAndSaysSo() throws {
        let home = try TestHome(readOnly: true)
        let before = home.read("conf/services/EchoProxy.xml")
        let driver = ConsoleDriver(home)
        #expect(driver.screen().split(separator: "\n").first?.hasSuffix("(read-only)") == true)
        driver.select(service: "EchoProxy")
        // The detail panel does not offer to choose a scenario that cannot be applied.
        let list = driver.screen()
        #expect(!list.contains("Press Enter to choose a security scenario"), "\(list)")
        #expect(list.contains("Not secured. Enter shows the scenarios (read-only: none can be applied)."), "\(list)")
        driver.press(.enter, .down)
        let screen = driver.screen()
        #expect(!screen.contains("Enter Apply"))
        #expect(screen.contains("Read-only: nothing can be applied."))
        driver.press(.enter)
        #expect(driver.app.stack.breadcrumb == ["Services", "EchoProxy"] && !(driver.app.stack.top is Dialog))
        #expect(home.read("conf/services/EchoProxy.xml") == before)
    }
}

@Suite struct UndoTests {
    @Test func undoRevertsTheLastChangeAfterConfirmation() throws {
        let home = try TestHome()
        let before = home.read("conf/services/EchoProxy.xml")
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .down, .enter, .enter)
        #expect(home.read("conf/services/EchoProxy.xml") != before)

        driver.press(.char("u"))
        let dialog = driver.screen()
        #expect(dialog.contains("Undo the last change?"))
        #expect(dialog.contains("> Cancel <"), "an undo overwrites the present: Cancel is the default")
        driver.press(.backTab, .enter)
        #expect(home.read("conf/services/EchoProxy.xml") == before)
        let row = driver.screen().split(separator: "\n").first { $0.contains("EchoProxy") && $0.contains("proxy") }
        #expect(row?.contains("unsecured") == true)
        #expect(driver.screen().contains("Undone: "))
    }

    @Test func undoAgainStepsBackAndCtrlRRedoes() throws {
        let home = try TestHome()
        let original = home.read("conf/services/EchoProxy.xml")
        try home.home.commit(home.home.planApply(scenario: 2, to: "EchoProxy"))
        let second = home.read("conf/services/EchoProxy.xml")
        try home.home.commit(home.home.planApply(scenario: 5, to: "EchoProxy"))
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")

        driver.press(.char("u"), .backTab, .enter)
        #expect(home.read("conf/services/EchoProxy.xml") == second)
        driver.press(.char("u"))
        #expect(driver.screen().contains("Undo the last change: apply scenario 2"), "the second u reaches the change before")
        driver.press(.backTab, .enter)
        #expect(home.read("conf/services/EchoProxy.xml") == original)
        driver.press(.char("u"))
        #expect(driver.screen().contains("Undo unavailable: every change is undone."))

        driver.press(.ctrl("r"))
        #expect(driver.screen().contains("Redo the last undone change?"))
        #expect(driver.screen().contains("Put back the change last undone: apply scenario 2"))
        driver.press(.backTab, .enter)
        #expect(home.read("conf/services/EchoProxy.xml") == second)
        #expect(driver.screen().contains("Redone: apply scenario 2"))
    }

    /// `u` undoes the newest change of the home as it is when pressed: one made on another screen (a role added)
    /// or by another process since the list was read, not the one the list read at start-up.
    @Test func undoTakesTheHistoryAsItIsWhenPressed() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        driver.press(.char("u"))
        #expect(driver.screen().contains("Undo unavailable: the history is empty."))
        try home.home.commit(home.home.planApply(scenario: 2, to: "EchoProxy"))
        driver.press(.char("u"))
        #expect(driver.screen().contains("Undo the last change: apply scenario 2"), "\(driver.screen())")
        driver.press(.escape)
        try home.home.commit(home.home.planApply(scenario: 3, to: "OrderProxy"))
        driver.press(.char("u"))
        #expect(driver.screen().contains("Undo the last change: apply scenario 3"), "\(driver.screen())")
        driver.press(.backTab, .enter)
        #expect(home.read("conf/services/OrderProxy.xml")?.contains("enableSec") == false)
        #expect(home.read("conf/services/EchoProxy.xml")?.contains("enableSec") == true)
    }

    @Test func undoWithAnEmptyHistorySaysSo() throws {
        let driver = ConsoleDriver(try TestHome())
        driver.press(.char("u"))
        #expect(driver.screen().contains("Undo unavailable: the history is empty."))
        #expect(driver.app.stack.count == 1)
    }
}
