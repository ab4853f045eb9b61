import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import Testing
@testable import Console

/// n on the keystore list: a new keystore with its first key pair, planned by the home as `keystore genkey` plans
/// one. Each refusal shows beside its field with everything typed kept, and nothing is written.
@Suite struct NewKeystoreFormTests {
    func type(_ text: String, into driver: ConsoleDriver) { text.forEach { driver.press(.char($0)) } }

    /// The form at `path`, both passwords `password` (and `again`), alias client, `subject` typed after the field's CN=.
    func fill(_ driver: ConsoleDriver, path: String, password: String, again: String? = nil, subject: String = "test client") {
        driver.press(.char("S"), .char("n"))
        type(path, into: driver)
        driver.press(.tab)
        type(password, into: driver)
        driver.press(.tab)
        type(again ?? password, into: driver)
        driver.press(.tab)
        type("client", into: driver)
        driver.press(.tab, .tab)
        type(subject, into: driver)
    }

    /// Written: a JKS store keytool's format reads back with the key pair, 0600, listed, opened, one recorded change.
    @Test func createsTheStoreAndOpensIt() throws {
        let t = try TestHome()
        let driver = ConsoleDriver(t)
        fill(driver, path: "keystores/client.jks", password: "client-pass")
        #expect(!driver.screen().contains("client-pass"))
        driver.press(.enter, .enter, .enter)                   // subject, days, DNS names: OK
        let confirmation = driver.screen(width: 100, height: 30)
        #expect(confirmation.contains("Create client.jks?") && confirmation.contains("new       keystores/client.jks"), "\(confirmation)")
        #expect(confirmation.contains("Note: keystores/client.jks: a new JKS keystore, owner-only (0600)"), "\(confirmation)")
        #expect(confirmation.contains("Undo deletes the file again"), "\(confirmation)")
        driver.press(.enter)
        let opened = driver.screen()
        #expect(opened.contains("keystores/client.jks (JKS, 1 entry)") && opened.contains("Created keystores/client.jks"), "\(opened)")
        let store = try Keystore.open(data: Data(contentsOf: URL(fileURLWithPath: t.path("keystores/client.jks"))), password: Secret("client-pass"))
        #expect(store.format == .jks && store.entry(alias: "client")?.certificate?.subject == "CN=test client")
        #expect((try FileManager.default.attributesOfItem(atPath: t.path("keystores/client.jks")))[.posixPermissions] as? Int == 0o600)
        driver.press(.escape)
        #expect(driver.screen().contains("keystores/client.jks"))
        #expect(t.home.history().first?.summary == "create the JKS keystore keystores/client.jks: generate RSA 2048 key pair client")
    }

    /// Outside the home, a missing folder, a name without a keystore extension, an existing file, a short password and
    /// a mismatch: each is said beside its field, Create stays disabled, and nothing is written.
    @Test(arguments: [
        ("../outside.jks", "client-pass", nil, "is outside the home"),
        ("wssconsole/client.jks", "client-pass", nil, "Cannot create wssconsole/client.jks: the folder"),
        ("keystores/client.pem", "client-pass", nil, "the extension does not say which keystore to create"),
        ("keystores/wssdemo-client.p12", "client-pass", nil, "keystores/wssdemo-client.p12 exists"),
        ("keystores/client.p12", "five5", nil, "shorter than 6 characters"),
        ("keystores/client.p12", "client-pass", "client-pasz", "does not match"),
    ] as [(String, String, String?, String)])
    func refusalsKeepTheFormAndWriteNothing(path: String, password: String, again: String?, says: String) throws {
        let t = try TestHome()
        let driver = ConsoleDriver(t)
        let before = try FileManager.default.contentsOfDirectory(atPath: t.path("keystores")).sorted()
        let bytes = FileManager.default.contents(atPath: t.path("keystores/wssdemo-client.p12"))
        fill(driver, path: path, password: password, again: again)
        driver.press(.enter, .enter, .enter)                   // OK is refused: the first field in trouble gets the focus
        let screen = driver.screen(width: 120, height: 40)
        #expect(screen.contains("New keystore") && screen.contains("(1 to fix)"), "\(screen)")
        #expect(screen.replacingOccurrences(of: "\n", with: " ").contains(says) || screen.contains(says), "\(screen)")
        #expect(!screen.contains(password) && !screen.contains(again ?? password))
        driver.press(.escape)
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.path("keystores")).sorted() == before)
        #expect(FileManager.default.contents(atPath: t.path("keystores/wssdemo-client.p12")) == bytes)
        #expect(!FileManager.default.fileExists(atPath: t.path("wssconsole")) && !FileManager.default.fileExists(atPath: t.root + "/../outside.jks"))
        #expect(t.home.history().isEmpty)
    }

    /// The subject field starts with CN=; typing CN= again (or naming an attribute twice) is refused beside it, with
    /// why, instead of a certificate for "CN=CN=x".
    @Test(arguments: [("CN=x", "CN would be \"CN=x\": the field starts with CN="),
                      ("x,O=a,O=b", "O is named twice"),
                      ("x O=a", nil), ("x,OU=a,OU=b,DC=example,DC=com", nil)] as [(String, String?)])
    func aSubjectWithAnAttributeTypedTwiceIsRefused(typed: String, says: String?) throws {
        let t = try TestHome()
        let driver = ConsoleDriver(t)
        fill(driver, path: "keystores/client.p12", password: "client-pass", subject: typed)
        driver.press(.tab)
        let screen = driver.screen(width: 120, height: 40)
        if let says {
            #expect(screen.contains("! " + says) && screen.contains("(1 to fix)"), "\(screen)")
        } else {
            #expect(!screen.contains("to fix)"), "\(screen)")
        }
    }

    @Test func readOnlyHasNoNewKeystore() throws {
        let t = try TestHome(readOnly: true)
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .char("n"))
        #expect(!driver.screen().contains("New keystore"))
    }
}
