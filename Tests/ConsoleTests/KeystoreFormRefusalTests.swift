import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import Testing
@testable import Console

/// A keystore form whose OK is refused (a wrong current password, a file that is no certificate, a reply for another
/// key, a subject OpenSSL cannot read) stays open with everything typed, passwords kept but never shown, the reason
/// beside the field to fix and the focus on it. The forms closed on an error dialog, and everything typed was lost.
@Suite struct KeystoreFormRefusalTests {
    let keystores = KeystoreScreenTests()

    func type(_ text: String, into driver: ConsoleDriver) { text.forEach { driver.press(.char($0)) } }

    /// The form's field rows: "Label: value", the focused one ending in _.
    func row(_ label: String, in screen: String) -> String {
        screen.split(separator: "\n").first { $0.contains(label) }.map(String.init) ?? ""
    }

    @Test func aWrongCurrentStorePasswordKeepsTheForm() throws {
        let t = try TestHome()
        let driver = keystores.openServiceStore(t)
        keystores.fillPasswordForm("p", current: "not-the-pass", new: "new-store-pass", into: driver)
        driver.press(.enter)
        let refused = driver.screen()
        #expect(driver.app.stack.top is Form && !refused.contains("Wrong password"), "\(refused)")
        #expect(row("Current password:", in: refused).contains("(hidden)_"), "\(refused)")        // the focus is on it
        #expect(refused.contains("! incorrect (Ctrl-U clears it)") && refused.contains("(1 to fix)"), "\(refused)")
        #expect(row("New password again:", in: refused).contains("(hidden)"), "\(refused)")
        #expect(!refused.contains("not-the-pass") && !refused.contains("new-store-pass"))
        // Only the current password is typed again: the new one, typed twice before, is what gets written.
        driver.press(.ctrl("u"))
        type(KeystoreScreenTests.password, into: driver)
        driver.press(.enter, .enter, .enter)
        #expect(driver.screen().contains("Change the store password?"), "\(driver.screen())")
        driver.press(.left, .enter)
        #expect(try keystores.store(t, password: "new-store-pass").entries.count == 2)
    }

    @Test func aFileThatIsNoCertificateKeepsTheImportForm() throws {
        let t = try TestHome()
        try t.write("notes.txt", "not a certificate\n")
        let certificate = try Certificate.selfSigned(key: PrivateKey.generate(.ecP256), subject: "CN=partner", validityDays: 30)
        try t.write("partner.pem", certificate.pemString)
        let driver = keystores.openServiceStore(t)
        driver.press(.char("i"))
        type("notes.txt", into: driver)
        driver.press(.tab)
        type("partner", into: driver)
        driver.press(.enter)
        let refused = driver.screen(width: 100, height: 30)
        #expect(driver.app.stack.top is Form && !refused.contains("Cannot read"), "\(refused)")
        #expect(row("Certificate file:", in: refused).contains("notes.txt_"), "\(refused)")
        #expect(refused.contains("! not a certificate") && row("Alias:", in: refused).contains("partner"), "\(refused)")
        driver.press(.ctrl("u"))
        type("partner.pem", into: driver)
        driver.press(.enter, .enter)
        #expect(driver.screen().contains("Import partner?"), "\(driver.screen())")
        driver.press(.left, .enter)
        #expect(try keystores.store(t).entry(alias: "partner")?.certificate == certificate)
    }

    /// A reply that does not carry the key's public key is refused beside the file, the form kept.
    @Test func aReplyForAnotherKeyKeepsTheForm() throws {
        let t = try TestHome()
        let other = try Certificate.selfSigned(key: PrivateKey.generate(.ecP256), subject: "CN=other", validityDays: 30)
        try t.write("reply.pem", other.pemString)
        let driver = keystores.openServiceStore(t)
        let index = try #require(keystores.store(t).entries.firstIndex { $0.alias == "service" })
        driver.press(.home)
        for _ in 0..<index { driver.press(.down) }
        driver.press(.char("I"))
        type("reply.pem", into: driver)
        driver.press(.enter)
        let refused = driver.screen(width: 100, height: 30)
        #expect(driver.app.stack.top is Form && refused.contains("reply.pem_"), "\(refused)")
        #expect(refused.contains("! no certificate of the reply carries the public key of service"), "\(refused)")
    }

    @Test func aWrongCurrentKeyPasswordKeepsTheForm() throws {
        let t = try TestHome()
        let demo = try Keystore.open(data: Data(contentsOf: URL(fileURLWithPath: t.path(KeystoreScreenTests.serviceStore))),
                                     password: Secret(KeystoreScreenTests.password))
        try demo.serialized(format: .jks, password: Secret("store-pass-1")).write(to: URL(fileURLWithPath: t.path("keystores/service.jks")))
        let driver = try KeystoreScreenJKSTests().openJKS(t, file: "keystores/service.jks")
        driver.press(.home)
        keystores.fillPasswordForm("P", current: "not-the-key-pass", new: "key-pass-2", into: driver)
        driver.press(.enter)
        let refused = driver.screen()
        #expect(driver.app.stack.top is Form && row("Current key password:", in: refused).contains("(hidden)_"), "\(refused)")
        #expect(refused.contains("! incorrect (Ctrl-U clears it)"), "\(refused)")
        driver.press(.ctrl("u"))
        type("store-pass-1", into: driver)
        driver.press(.enter, .enter, .enter)
        #expect(driver.screen().contains("Change the key password of service?"), "\(driver.screen())")
    }

    /// A subject attribute OpenSSL does not know is said beside the subject as it is typed, not after OK by a dialog.
    @Test func aSubjectTheCertificateMakerRefusesIsSaidBesideIt() throws {
        let t = try TestHome()
        let driver = keystores.openServiceStore(t)
        driver.press(.char("a"))
        type("partner", into: driver)
        driver.press(.tab, .tab, .ctrl("u"))
        type("CN=x,FOO=y", into: driver)
        driver.press(.enter, .enter, .enter)
        let screen = driver.screen(width: 100, height: 30)
        #expect(driver.app.stack.top is Form && screen.contains("! unknown or invalid name attribute FOO=y"), "\(screen)")
        #expect(!screen.contains("Nothing was changed"))
    }
}
