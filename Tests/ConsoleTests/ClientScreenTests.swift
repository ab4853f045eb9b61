import ConsoleUI
import Foundation
import ServerHome
import Testing
import TestSupport
@testable import Console

/// C on the service list: the client the self-test acts as (`[client]`), shown and set as `wssconsole client show|set`
/// does, through the same planner. The console had no way to see or set it.
@Suite struct ClientScreenTests {
    private let settings = "conf/console.toml"

    /// The demo home without its client keystore and user: the self-test signs as the service.
    private func homeWithoutClient() throws -> TestHome {
        let home = try TestHome()
        let text = try #require(home.read(settings))
        try home.write(settings, text.replacingOccurrences(of: "keystore = \"client\"\nservice_alias = \"service\"\n", with: "")
            .replacingOccurrences(of: "user = \"alice\"\npassword = \"alice-demo-pass\"\n", with: ""))
        return home
    }

    /// A copy of the demo client keystore at keystores/caller.p12 and a file holding `password`.
    private func callerKeystore(in home: TestHome, password: String) throws {
        try FileManager.default.copyItem(atPath: home.path("keystores/wssdemo-client.p12"), toPath: home.path("keystores/caller.p12"))
        try home.write("conf/caller.pass", password + "\n")
    }

    private func type(_ text: String, _ driver: ConsoleDriver) { text.forEach { driver.press(.char($0)) } }

    /// On the client screen: the keystore row through the picker's last row (a typed path), then the store password
    /// from a file.
    private func setKeystore(_ driver: ConsoleDriver) {
        driver.press(.home, .enter, .end, .enter)
        type("keystores/caller.p12", driver)
        driver.press(.enter, .down, .down, .enter)
        #expect(driver.screen().contains("The settings never hold the password itself."), "\(driver.screen())")
        driver.press(.right, .enter)
        type("conf/caller.pass", driver)
        driver.press(.enter)
    }

    @Test func theScreenShowsTheClientAndNeverAPassword() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        driver.press(.char("C"))
        let screen = driver.screen(width: 120, height: 30)
        #expect(driver.app.stack.breadcrumb == ["Services", "Self-test client"])
        #expect(screen.contains("Self-test client ([client] in conf/console.toml)"), "\(screen)")
        for row in ["Keystore             keystores/wssdemo-client.p12", "Key pair             client",
                    "Store password       written in the settings", "Service certificate  service", "User                 alice",
                    "Kerberos principal   (jaas.conf's Client entry)"] {
            #expect(screen.contains(row), "\(row)\n\(screen)")
        }
        #expect(screen.contains("It signs with the key pair client of keystores/wssdemo-client.p12"), "\(screen)")
        #expect(!screen.contains("demo-client-pass") && !screen.contains("alice-demo-pass"), "\(screen)")

        let bare = ConsoleDriver(try homeWithoutClient())
        bare.press(.char("C"))
        let none = bare.screen(width: 120, height: 30)
        #expect(none.contains("Keystore             none: the self-test signs as the service"), "\(none)")
        #expect(none.contains("No client keystore: the self-test signs as the service"), "\(none)")
        #expect(none.contains("No user: the UsernameToken scenarios (1, 7, 8, 14, 15) cannot be self-tested."), "\(none)")
    }

    /// A keystore set in the form is checked by the planner, confirmed with its diff, written (its password named, not
    /// written), validated again (the self-test now signs with it), and undone from the service list.
    @Test func aKeystoreIsWrittenValidatedAndUndone() throws {
        let home = try homeWithoutClient()
        try home.home.commit(home.home.planApply(scenario: 2, to: "OrderProxy"))
        try callerKeystore(in: home, password: "demo-client-pass")
        let before = try #require(home.read(settings))
        let driver = ConsoleDriver(home)
        #expect(report(of: "OrderProxy", driver).contains("the self-test signs as the service"))

        driver.press(.char("C"))
        setKeystore(driver)
        let edited = driver.screen(width: 120, height: 30)
        #expect(edited.contains("*  Keystore             keystores/caller.p12") && edited.contains("*  Store password       file conf/caller.pass"),
                "\(edited)")
        #expect(home.read(settings) == before, "nothing is written before w")
        driver.press(.char("w"))
        let confirmation = driver.screen(width: 120, height: 30)
        #expect(confirmation.contains("Set the self-test client?") && confirmation.contains("modified  conf/console.toml")
                && confirmation.contains("[ Diff ]"), "\(confirmation)")
        driver.press(.enter)
        let written = try #require(home.read(settings))
        let table = try #require(written.components(separatedBy: "[keystore.client]").last?.components(separatedBy: "\n[").first)
        #expect(table.contains("file = \"keystores/caller.p12\"") && table.contains("password_file = \"conf/caller.pass\"")
                && table.contains("alias = \"client\""), "\(table)")
        #expect(!table.contains("password =") && !written.contains("demo-client-pass"), "\(written)")
        #expect(driver.screen().contains("Written; the services are validated again"), "\(driver.screen())")

        driver.press(.escape)
        #expect(driver.screen().contains("Client: keystore keystores/caller.p12, keystore password: wrote"), "\(driver.screen())")
        let validated = report(of: "OrderProxy", driver)
        #expect(validated.contains("key pair client in keystores/caller.p12") && !validated.contains("signs as the service"), "\(validated)")

        driver.press(.char("u"), .backTab, .enter)
        #expect(home.read(settings) == before)
        driver.press(.char("C"))
        #expect(driver.screen(width: 120, height: 30).contains("none: the self-test signs as the service"))
    }

    /// The keystore row's None (the picker's row before "Another file..."): the client keystore, its key pair, password
    /// and service certificate go, confirmed with the diff (passwords masked), written, validated again (the self-test
    /// signs as the service) and undone. An operator could not go back to that in the console.
    @Test func theKeystoreIsRemovedConfirmedValidatedAndUndone() throws {
        let home = try TestHome()
        try home.home.commit(home.home.planApply(scenario: 2, to: "OrderProxy"))
        let before = try #require(home.read(settings))
        let driver = ConsoleDriver(home)
        #expect(report(of: "OrderProxy", driver).contains("key pair client in keystores/wssdemo-client.p12"))

        driver.press(.char("C"), .home, .enter, .end, .up)
        let picker = driver.screen(width: 120, height: 30)
        #expect(picker.contains("> None") && picker.contains("self-test signs as the service") && picker.contains("  Another file..."), "\(picker)")
        driver.press(.enter)
        let edited = driver.screen(width: 120, height: 30)
        for row in ["*  Keystore             none (removed): the self-test signs as the service", "   Key pair             -",
                    "   Store password       -", "   Service certificate  -", "   User                 alice"] {
            #expect(edited.contains(row), "\(row)\n\(edited)")
        }
        #expect(home.read(settings) == before, "nothing is written before w")
        driver.press(.char("w"))
        let confirmation = driver.screen(width: 120, height: 30)
        #expect(confirmation.contains("Set the self-test client?") && confirmation.contains("client: no keystore (the self-test signs as the service)")
                && confirmation.contains("The self-test will then sign as the service, with its own key pair.") && confirmation.contains("modified  conf/console.toml"),
                "\(confirmation)")
        driver.press(.tab, .tab, .enter)   // Write -> Cancel -> Diff
        let diff = driver.screen(width: 120, height: 40)
        #expect(diff.contains("-keystore = \"client\"") && diff.contains("-file = \"keystores/wssdemo-client.p12\"")
                && diff.contains("-password = \"********\"") && !diff.contains("demo-client-pass"), "\(diff)")
        driver.press(.escape, .backTab, .backTab, .enter)
        let written = try #require(home.read(settings))
        #expect(written == before.replacingOccurrences(of: "[keystore.client]\n# The demo client's keystore: what a caller of the demo services would use.\n"
                                                            + "file = \"keystores/wssdemo-client.p12\"\nalias = \"client\"\npassword = \"demo-client-pass\"\ndemo = true\n\n", with: "")
                    .replacingOccurrences(of: "keystore = \"client\"\nservice_alias = \"service\"\n", with: ""), "\(written)")
        #expect(driver.screen(width: 120, height: 30).contains("No client keystore: the self-test signs as the service"))

        driver.press(.escape)
        let validated = report(of: "OrderProxy", driver)
        #expect(validated.contains("no client keystore in conf/console.toml: the self-test signs as the service")
                && validated.contains("Self-test passed"), "\(validated)")
        driver.press(.char("u"), .backTab, .enter)
        #expect(home.read(settings) == before)
    }

    /// The confirmation's Diff hides every line of a password written over several lines (a `"""` and a `'''`
    /// string): only their first lines say password, and the others were shown beside the user's change, which now
    /// removes alice's password too.
    @Test func theDiffHidesEveryLineOfAMultiLinePassword() throws {
        let home = try TestHome()
        let text = try #require(home.read(settings))
        try home.write(settings, MultiLineSecrets.client(in: text))
        let driver = ConsoleDriver(home)
        driver.press(.char("C"), .home, .down, .down, .down, .down, .enter, .ctrl("u"))   // User
        type("bob", driver)
        driver.press(.enter, .char("w"), .tab, .tab, .enter)   // Write -> Cancel -> Diff
        let diff = driver.screen(width: 120, height: 40)
        #expect(diff.contains("-user = \"alice\"") && diff.contains("+user = \"bob\"") && diff.contains(" kerberos_password = \"********\"")
                && diff.contains("-password = \"********\""), "\(diff)")
        for secret in MultiLineSecrets.lines { #expect(!diff.contains(secret), "\(secret)\n\(diff)") }
    }

    /// Esc and Q do not drop unsaved edits: they ask, Keep editing first; Write goes through the confirmation and
    /// then leaves; without edits Esc leaves at once. Esc dropped a typed user without a word.
    @Test func leavingWithUnsavedEditsAsksFirst() throws {
        let home = try TestHome()
        let before = try #require(home.read(settings))
        let driver = ConsoleDriver(home)
        driver.press(.char("C"), .escape)
        #expect(driver.app.stack.breadcrumb == ["Services"])

        driver.press(.char("C"), .home, .down, .down, .down, .down, .enter, .ctrl("u"))   // User
        type("bob", driver)
        driver.press(.enter, .escape)
        #expect(driver.screen(width: 120, height: 30).contains("Unsaved client settings")
                && driver.screen(width: 120, height: 30).contains("1 setting edited, not written: User."), "\(driver.screen(width: 120, height: 30))")
        driver.press(.enter)                                  // Keep editing
        #expect(driver.app.stack.breadcrumb == ["Services", "Self-test client"])
        #expect(home.read(settings) == before)

        driver.press(.char("Q"), .left, .left, .enter)        // Write
        #expect(driver.screen(width: 120, height: 30).contains("Set the self-test client?"), "\(driver.screen(width: 120, height: 30))")
        driver.press(.enter)
        #expect(home.read(settings)?.contains("user = \"bob\"") == true)
        #expect(driver.app.isFinished, "Q asked, then written, then quit")
    }

    /// A keystore file the settings name that is not there shows in the picker as missing, as on the keystore list, and
    /// choosing it is refused there, saying what is missing and what to do: it was shown by its use only, and w refused
    /// it only later, with a fix for the command line ("Check the path given to --keystore").
    @Test func aMissingNamedKeystoreIsShownMissingAndRefusedInThePicker() throws {
        let home = try TestHome()
        let text = try #require(home.read(settings))
        try home.write(settings, text + "\n[keystore.partner]\nfile = \"keystores/partner.p12\"\npassword_env = \"PARTNER_PASS\"\n")
        let before = try #require(home.read(settings))
        let driver = ConsoleDriver(home)
        driver.press(.char("C"), .home, .enter)
        for _ in 0..<10 where !driver.screen(width: 120, height: 30).contains("> keystores/partner.p12") { driver.press(.down) }
        let picker = driver.screen(width: 120, height: 30)
        let row = try #require(picker.split(separator: "\n").first { $0.contains("> keystores/partner.p12") }, "\(picker)")
        #expect(row.contains("missing: [keystore.partner]"), "\(row)")
        #expect(picker.components(separatedBy: "missing").count == 2, "the files that are there are not missing:\n\(picker)")

        driver.press(.enter)
        let refused = driver.screen(width: 120, height: 30)
        #expect(refused.contains("Keystore missing") && refused.contains("keystores/partner.p12 is missing")
                && refused.contains("Copy the client's keystore to that path, or choose another file"), "\(refused)")
        driver.press(.enter)
        #expect(driver.screen(width: 120, height: 30).contains("> keystores/partner.p12"), "the picker stays, to choose another")
        driver.press(.escape)
        let kept = driver.screen(width: 120, height: 30)
        #expect(kept.contains("   Keystore             keystores/wssdemo-client.p12"), "\(kept)")
        #expect(home.read(settings) == before)
    }

    /// A keystore whose password (from the named file) is wrong is refused with the planner's reason; nothing is
    /// written and the edits stay on the screen. A variable name with a dash is refused as it is typed.
    @Test func aKeystoreThatDoesNotOpenIsRefusedAndTheEditsStay() throws {
        let home = try homeWithoutClient()
        try callerKeystore(in: home, password: "not-the-password")
        let before = try #require(home.read(settings))
        let driver = ConsoleDriver(home)
        driver.press(.char("C"))
        setKeystore(driver)
        driver.press(.char("w"))
        let refused = driver.screen(width: 120, height: 30)
        #expect(refused.contains("Nothing was written") && refused.contains("password"), "\(refused)")
        #expect(home.read(settings) == before)
        driver.press(.escape)
        let kept = driver.screen(width: 120, height: 30)
        #expect(kept.contains("*  Keystore             keystores/caller.p12") && kept.contains("Not written:"), "\(kept)")

        driver.press(.home, .down, .down, .down, .down, .down, .enter, .enter)    // User password: environment variable
        type("BAD-NAME", driver)
        driver.press(.enter)
        #expect(driver.screen().contains("letters, digits and _ only"), "\(driver.screen())")
        driver.press(.escape)
        #expect(!driver.screen(width: 120, height: 30).contains("BAD-NAME"))
    }

    /// The full validation report of `service`, opened from the service list (v on its screen), then back.
    private func report(of service: String, _ driver: ConsoleDriver) -> String {
        driver.select(service: service)
        driver.press(.enter, .char("v"))
        let text = driver.screen(width: 200, height: 60)
        driver.press(.escape, .escape)
        return text
    }
}
