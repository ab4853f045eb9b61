import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import Testing
@testable import Console

/// The keystore screen says when an operation breaks what the home's settings name, and refuses a PKCS #12
/// password Java cannot use.
@Suite struct KeystoreScreenSettingsTests {
    let screens = KeystoreScreenTests()

    func typeOldAndNew(_ new: String, into driver: ConsoleDriver) {
        screens.fillPasswordForm("p", current: KeystoreScreenTests.password, new: new, into: driver)
    }

    /// The dialog said only "Delete the key pair service and its private key", and validation failed afterwards.
    @Test func deletingTheConfiguredKeyPairNamesTheSetting() throws {
        let t = try TestHome()
        let driver = screens.openServiceStore(t)
        driver.press(.char("d"))
        let dialog = driver.screen()
        #expect(dialog.contains("Delete service?") && dialog.contains("[keystore.service]") && dialog.contains("conf/console.toml"), "\(dialog)")
        #expect(dialog.contains("> Cancel <"))
        driver.press(.escape, .char("G"), .char("d"))
        let other = driver.screen()
        #expect(other.contains("Delete client?") && !other.contains("[keystore.service]"), "\(other)")
    }

    /// The password form took pässwörd for a PKCS #12 store keytool then could not open; an ASCII one is written and
    /// the dialog says which setting still holds the old one.
    @Test func thePasswordFormRefusesNonASCIIForPKCS12AndNamesTheSetting() throws {
        let t = try TestHome()
        let driver = screens.openServiceStore(t)
        typeOldAndNew("pässwörd-1", into: driver)
        #expect(driver.screen().contains("ASCII only"), "\(driver.screen())")
        driver.press(.escape)
        typeOldAndNew("new-store-pass", into: driver)
        driver.press(.enter)
        let dialog = driver.screen()
        #expect(dialog.contains("[keystore.service]") && dialog.contains("conf/console.toml"), "\(dialog)")
        // The old password still opens the version kept for undo: said before, and how to remove it after.
        #expect(dialog.contains("stays in the home's history"), "\(dialog)")
        driver.press(.left, .enter)
        #expect(try screens.store(t, password: "new-store-pass").entries.count == 2)
        let id = try #require(t.home.history().first?.id)
        // The history names the change as `keystore passwd` does; it said "Change the store password", no file.
        #expect(t.home.history().first?.summary == "change the store password of keystores/wssdemo-service.p12")
        let command = "Remove the earlier version with: wssconsole --home /tmp/wssc-XXXXXXXX history --forget \(id)"
        #expect(driver.screen(width: 240).contains(command), "\(driver.screen(width: 240))")
        // At 60x16 the status cut the ID off; the words before the command give way instead, and it starts a row.
        let narrow = driver.screen(width: 60, height: 16)
        let status = narrow.split(separator: "\n", omittingEmptySubsequences: false)[12...14].map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(status[1...].joined(separator: " ") == "wssconsole --home /tmp/wssc-XXXXXXXX history --forget \(id)", "\(narrow)")
        #expect(status[0].hasPrefix("Change the store password: wrote") && status[0].hasSuffix("…"), "\(narrow)")
    }

    /// A keystore of the operator's (not the demo's) with private keys that other users can read says so, with the fix.
    @Test func privateKeysOthersCanReadAreSaidOnTheStatusLine() throws {
        let t = try TestHome()
        let demo = try Keystore.open(data: Data(contentsOf: URL(fileURLWithPath: t.path(KeystoreScreenTests.serviceStore))),
                                     password: Secret(KeystoreScreenTests.password))
        try demo.serialized(format: .jks, password: Secret("store-pass-1")).write(to: URL(fileURLWithPath: t.path("keystores/service.jks")))
        chmod(t.path("keystores/service.jks"), 0o644)
        let driver = try KeystoreScreenJKSTests().openJKS(t, file: "keystores/service.jks")
        #expect(driver.screen(width: 240).contains("keystores/service.jks holds private keys and other users can read it (mode 644): chmod 600"),
                "\(driver.screen(width: 240))")
    }
}
