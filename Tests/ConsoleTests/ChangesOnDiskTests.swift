import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// The console follows the home on disk: a change made from another shell (`wssconsole unsecure`, another console)
/// or by hand is noticed when a screen comes back, before a service is opened or a confirmation built, and while
/// idle, and the status line says what was read again. A read-only console kept showing "3 Integrity" after another
/// shell's unsecure, and a writable one offered "now unsecured" for a proxy edited meanwhile to reference a policy.
@Suite struct ChangesOnDiskTests {
    /// The screen as text (80x24, temp path normalised).
    func screen(_ app: ScreenManager, _ home: TestHome) -> String {
        home.normalise(app.render(size: Size(width: 80, height: 24), glyphs: .unicode).text())
    }

    func row(_ name: String, in screen: String) -> String {
        screen.split(separator: "\n").first { $0.contains("│> \(name) ") || $0.contains("│  \(name) ") }.map(String.init) ?? ""
    }

    /// The status above the key bar, its rows (up to three: a long one wraps over the view's bottom) joined.
    func statusLine(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var rows = [lines[lines.count - 3]]
        // Status rows start with a blank; the view's own rows with its frame.
        for row in lines[..<(lines.count - 3)].reversed().prefix(StatusLine.maximumRows - 1) {
            guard row.hasPrefix(" ") else { break }
            rows.insert(row, at: 0)
        }
        return " " + rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// Writes `change`'s files as an editor would: in place, no history, no audit line.
    func editByHand(_ change: Change, in home: TestHome) throws {
        for edit in change.edits {
            try FileManager.default.createDirectory(atPath: (home.path(edit.path) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try #require(edit.after).withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: home.path(edit.path))) }
        }
    }

    /// The operator's reproduction: a read-only console, and another shell removes a service's security.
    @Test func aReadOnlyListFollowsAnotherShellsUnsecure() throws {
        let home = try TestHome()
        try home.home.commit(home.home.planApply(scenario: 3, to: "EchoProxy"))
        let console = ConsoleApp.screenManager(home: try Home.open(home.root, readOnly: true), validation: .inline,
                                               diskCheckInterval: .zero)
        console.handle(.down)    // EchoProxy
        #expect(row("EchoProxy", in: screen(console, home)).contains("3 Integrity"))
        _ = console.poll()    // the validation's results
        #expect(!console.poll(), "nothing changed yet")

        try home.home.commit(home.home.planRemoveSecurity(from: "EchoProxy"))   // another shell
        #expect(console.poll(), "an idle console looks again and redraws")
        let after = screen(console, home)
        #expect(row("EchoProxy", in: after).contains("unsecured"), "\(after)")
        #expect(!after.contains("Policy: conf:policies/EchoProxy"), "\(after)")
        #expect(statusLine(after) == " EchoProxy changed on disk; reloaded.", "\(after)")
        _ = console.poll()    // the new validation's results
        #expect(!console.poll(), "once")
    }

    /// Before the timer comes round, p looks first: it says the service changed, and why there is no policy to show.
    @Test func pLooksBeforeItShowsThePolicy() throws {
        let home = try TestHome()
        try home.home.commit(home.home.planApply(scenario: 3, to: "EchoProxy"))
        let driver = ConsoleDriver(home)    // the idle check every 2 s has not come round in this test
        driver.select(service: "EchoProxy")
        try home.home.commit(home.home.planRemoveSecurity(from: "EchoProxy"))
        _ = driver.app.poll()
        #expect(row("EchoProxy", in: driver.screen()).contains("3 Integrity"), "not looked yet")
        driver.press(.char("p"))
        let after = driver.screen()
        #expect(driver.app.stack.top is ServiceListScreen, "no stale policy shown")
        #expect(row("EchoProxy", in: after).contains("unsecured"), "\(after)")
        #expect(statusLine(after) == " EchoProxy changed on disk. Policy unavailable: EchoProxy has no policy yet.",
                "\(after)")
    }

    /// A proxy edited by hand (now referencing a policy) while its screen is open: the confirmation says what it
    /// replaces, with Cancel the default, and the screen says it read the service again.
    @Test func theConfirmationShowsAProxyEditedByHand() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        #expect(driver.screen().contains("now unsecured"))
        try editByHand(home.home.planApply(scenario: 3, to: "EchoProxy"), in: home)
        driver.press(.down, .enter)    // apply scenario 2
        let dialog = driver.screen()
        #expect(dialog.contains("Apply scenario 2?"), "\(dialog)")
        #expect(dialog.contains("This replaces its current security: 3 Integrity."), "\(dialog)")
        #expect(dialog.contains("> Cancel <"), "replacing: Cancel is the default")
        #expect(statusLine(dialog) == " EchoProxy changed on disk; reloaded.", "\(dialog)")
        driver.press(.escape)
        let picker = driver.screen()
        #expect(picker.contains("(proxy): now 3 In"), "\(picker)")
        #expect(picker.split(separator: "\n").contains { $0.contains("3  Integrity") && $0.contains("now│") }, "the row in effect: \(picker)")
    }

    /// While idle, the service screen follows its service: the box title, the "now" row and the status line.
    @Test func anIdleServiceScreenFollowsItsService() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home, diskCheckInterval: .zero)
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        _ = driver.app.poll()
        #expect(!driver.app.poll())
        try home.home.commit(home.home.planApply(scenario: 4, to: "EchoProxy"))   // another console
        #expect(driver.app.poll())
        let screen = driver.screen()
        #expect(screen.contains("(proxy): now 4 Co") && screen.contains("EchoProxy changed on disk; reloaded."), "\(screen)")
        // The list read it too, so its state and row are fresh when the operator goes back.
        driver.press(.escape)
        #expect(row("EchoProxy", in: driver.screen()).contains("4 Confidentiality"), "\(driver.screen())")
    }

    /// A service whose definition went is not acted on: Enter and x say why instead of confirming; when the file comes
    /// back it is read again.
    @Test func aRemovedServiceIsNotActedOn() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        let definition = try #require(home.read("conf/services/EchoProxy.xml"))
        try FileManager.default.removeItem(atPath: home.path("conf/services/EchoProxy.xml"))
        driver.press(.enter)
        #expect(!(driver.app.stack.top is Dialog), "no confirmation for a service that is gone")
        #expect(statusLine(driver.screen()).contains("Apply unavailable: EchoProxy is no longer in the home"), "\(driver.screen())")
        driver.press(.down)
        #expect(statusLine(driver.screen()).contains("EchoProxy is no longer in the home: conf/services/EchoProxy.xml was removed"),
                "\(driver.screen())")
        try home.write("conf/services/EchoProxy.xml", definition)
        driver.press(.enter)
        #expect(driver.screen().contains("Apply scenario 2?"), "back: \(driver.screen())")
        driver.press(.escape, .escape)
        // Gone from the list too; Enter on it opens nothing stale.
        try FileManager.default.removeItem(atPath: home.path("conf/services/EchoProxy.xml"))
        driver.press(.enter)
        #expect(driver.app.stack.top is ServiceListScreen)
        #expect(statusLine(driver.screen()).contains("EchoProxy was removed on disk; reloaded."), "\(driver.screen())")
        #expect(row("EchoProxy", in: driver.screen()).isEmpty)
    }

    /// A policy file edited by hand, its definition untouched, is noticed too: the list validates that service
    /// again and says whose policy changed; a restored policy validates clean again.
    @Test func aPolicyEditedByHandIsValidatedAgain() throws {
        let home = try TestHome()
        try home.home.commit(home.home.planApply(scenario: 2, to: "EchoProxy"))
        let console = ConsoleApp.screenManager(home: try Home.open(home.root), validation: .inline, diskCheckInterval: .zero)
        console.handle(.down)    // EchoProxy
        while console.poll() {}
        #expect(!row("EchoProxy", in: screen(console, home)).contains("ERROR"), "\(screen(console, home))")
        let policy = "conf/policies/EchoProxy.policy.xml"
        let original = try #require(home.read(policy))
        try home.write(policy, original.replacingOccurrences(of: "<rampart:user>service<", with: "<rampart:user>nosuchkey<"))
        #expect(console.poll(), "an idle console looks again and redraws")
        while console.poll() {}
        let broken = screen(console, home)
        #expect(statusLine(broken) == " The policy of EchoProxy changed on disk; reloaded.", "\(broken)")
        #expect(row("EchoProxy", in: broken).contains("ERROR"), "validated again: \(broken)")
        try home.write(policy, original)
        #expect(console.poll())
        while console.poll() {}
        #expect(!row("EchoProxy", in: screen(console, home)).contains("ERROR"), "\(screen(console, home))")
    }

    /// The console's own changes are not "changes on disk": the list says what was applied.
    @Test func ownChangesAreNotReportedAsChangesOnDisk() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home, diskCheckInterval: .zero)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .down, .enter, .enter)
        _ = driver.app.poll()
        let screen = driver.screen()
        #expect(statusLine(screen).contains("Applied scenario 2 to EchoProxy (Non-repudiation)"), "\(screen)")
        #expect(!screen.contains("changed on disk"))
    }
}
