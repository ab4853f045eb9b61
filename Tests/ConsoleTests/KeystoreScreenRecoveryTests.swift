import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import Testing
@testable import Console

/// After a wrong password or a refused write the keystore screens are where their dialogs say: Enter asks for the
/// password again, and the entry list shows the file as it is now.
@Suite struct KeystoreScreenRecoveryTests {
    static let password = "demo-service-pass"

    func type(_ text: String, into driver: ConsoleDriver) { text.forEach { driver.press(.char($0)) } }

    @Test func enterAfterAWrongPasswordAsksAgain() throws {
        let t = try TestHome()
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .enter)
        type("not-the-password", into: driver)
        driver.press(.enter)
        #expect(driver.screen().contains("Press Enter to try again"))
        driver.press(.enter)
        #expect(driver.screen().contains("Store password"), "\(driver.screen())")
        type(Self.password, into: driver)
        driver.press(.enter)
        #expect(driver.screen().contains("PKCS#12, 2 entries"), "\(driver.screen())")
        // Esc on the dialog goes back to the list instead.
        driver.press(.escape, .enter)
        type("wrong-again", into: driver)
        driver.press(.enter, .escape)
        #expect(driver.screen().contains("Keystores of the home"), "\(driver.screen())")
    }

    @Test func aRefusedWriteShowsTheFileAsItIsNow() throws {
        let t = try TestHome()
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .enter)
        type(Self.password, into: driver)
        driver.press(.enter)
        driver.press(.char("G"), .char("d"))
        #expect(driver.screen().contains("Delete client?"))
        // Meanwhile another command adds an entry: the prepared deletion no longer matches the file.
        let target = try t.home.keystore(named: "keystore")
        try t.home.commit(try t.home.planKeystoreEdit(target, password: Secret(Self.password), summary: "outside") { store in
            try store.generateKeyPair(alias: "outsider", algorithm: .ecP256, subject: "CN=outsider", validityDays: 30)
        })
        driver.press(.left, .enter)
        #expect(driver.screen().contains("Not written"), "\(driver.screen())")
        driver.press(.enter)
        let screen = driver.screen()
        #expect(screen.contains("outsider") && screen.contains("3 entries"), "\(screen)")
        #expect(try t.home.openKeystore(target, password: Secret(Self.password)).entries.map(\.alias) == ["service", "client", "outsider"])
    }

    @Test func aPlainPEMFileOpensWithoutAPrompt() throws {
        let t = try TestHome()
        let service = try Keystore.open(data: Data(contentsOf: URL(fileURLWithPath: t.path("keystores/wssdemo-service.p12"))),
                                        password: Secret(Self.password))
        try service.serialized(format: .pem, password: Secret("")).write(to: URL(fileURLWithPath: t.path("keystores/plain.pem")))
        let driver = ConsoleDriver(t)
        driver.press(.char("S"))
        let files = try t.home.keystores().map(\.path)
        let index = try #require(files.firstIndex(of: "keystores/plain.pem"), "\(files)")
        driver.press(.home)
        for _ in 0..<index { driver.press(.down) }
        driver.press(.enter)
        #expect(driver.screen().contains("PEM, 2 entries"), "\(driver.screen())")
    }
}
