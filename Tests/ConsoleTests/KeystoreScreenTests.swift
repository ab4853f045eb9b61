import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import Testing
@testable import Console

/// The keystore screens driven key by key on a copy of the demo home: S on the service list, the store password
/// without echo, the entries, details, every write through a form and the one confirmation dialog.
@Suite struct KeystoreScreenTests {
    static let password = "demo-service-pass"

    /// The key-pair form takes the validities the CLI's --validity takes (a CA-style 30 years included), no fewer.
    @Test func theFormTakesTheCLIsValidityRange() {
        #expect(KeyPairFields.daysProblem("10950") == nil)
        #expect(KeyPairFields.daysProblem("36500") == nil)
        #expect(KeyPairFields.daysProblem("36501") == "a number of days, 1 to 36500")
        #expect(KeyPairFields.daysProblem("0") != nil && KeyPairFields.daysProblem("x") != nil)
    }
    static let serviceStore = "keystores/wssdemo-service.p12"

    /// The console on a scratch demo home, with the service keystore opened.
    func openServiceStore(_ t: TestHome) -> ConsoleDriver {
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .enter)
        type(Self.password, into: driver)
        driver.press(.enter)
        return driver
    }

    func type(_ text: String, into driver: ConsoleDriver) { text.forEach { driver.press(.char($0)) } }

    /// Fills the password form `key` opens (p: the store's, P: the key's): the current password, the new one twice.
    func fillPasswordForm(_ key: Character, current: String, new: String, into driver: ConsoleDriver) {
        driver.press(.char(key))
        type(current, into: driver)
        driver.press(.tab)
        type(new, into: driver)
        driver.press(.tab)
        type(new, into: driver)
    }

    func store(_ t: TestHome, password: String = Self.password) throws -> Keystore {
        try Keystore.open(data: Data(contentsOf: URL(fileURLWithPath: t.path(Self.serviceStore))), password: Secret(password))
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? -1
    }

    @Test func listsTheHomesKeystores() throws {
        let t = try TestHome()
        let driver = ConsoleDriver(t)
        driver.press(.char("S"))
        let screen = driver.screen()
        #expect(screen.contains("keystores/wssdemo-service.p12"))
        #expect(screen.contains("service keystore (key service)"))
        #expect(screen.contains("keystores/wssdemo-client.p12"))
        #expect(screen.contains("PKCS#12"))
    }

    @Test func theEntriesWithTheirExpiryInWords() throws {
        let t = try TestHome()
        let driver = openServiceStore(t)
        let screen = driver.screen()
        #expect(!screen.contains(Self.password))
        #expect(screen.contains("wssdemo-service.p12 (PKCS#12, 2 entries)"))
        #expect(screen.contains("service") && screen.contains("key pair") && screen.contains("trusted"))
        #expect(screen.contains("RSA 2048"))
        #expect(screen.contains("SHA-256"))
        // Enter shows everything: fingerprints and extensions.
        driver.press(.enter)
        let details = driver.screen()
        #expect(details.contains("SHA-256") && details.contains("Valid until"))
        let certificate = try #require(store(t).entry(alias: "service")?.certificate)
        #expect(details.contains("Valid from   \(DisplayDate.time(certificate.notBefore))"), "\(details)")
        #expect(details.contains("Extension"))
    }

    /// The list counts days as keystore list does (Certificate.daysLeft): a 30-day certificate shows 30d!, and the
    /// days since an expiry are whole days, in words.
    @Test func daysAreCountedAsTheCLICountsThem() throws {
        let certificate = try Certificate.selfSigned(key: PrivateKey.generate(.ecP256), subject: "CN=soon", validityDays: 30)
        let entry = Keystore.Entry.trustedCertificate(alias: "soon", certificate: certificate, created: Date())
        #expect(KeystoreRow(entry, now: Date()).expiry == "30d!")
        let summary = { (now: Date) in KeystoreRow(entry, now: now).summary.map(\.text).joined(separator: "\n") }
        #expect(summary(Date()).contains("30 days left - renew it soon"))
        #expect(summary(certificate.notAfter.addingTimeInterval(1.5 * 86_400)).contains("EXPIRED 1 day ago"))
        #expect(summary(certificate.notAfter.addingTimeInterval(60)).contains("EXPIRED today"))
    }

    @Test func aWrongPasswordIsNotADamagedFile() throws {
        let t = try TestHome()
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .enter)
        type("not-the-password", into: driver)
        #expect(!driver.screen().contains("not-the-password"))
        driver.press(.enter)
        #expect(driver.screen().contains("Wrong password"))
        #expect(driver.screen().contains("the store password is incorrect, or the file was"))
        // A truncated copy is a damaged file, whatever the password.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: t.path(Self.serviceStore)))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: t.path("keystores/broken.p12")))
        driver.press(.escape, .char("r"), .home)
        let files = try t.home.keystores().map(\.path)
        guard let index = files.firstIndex(of: "keystores/broken.p12") else { Issue.record("broken.p12 not listed: \(files)"); return }
        for _ in 0..<index { driver.press(.down) }
        driver.press(.enter)
        type(Self.password, into: driver)
        driver.press(.enter)
        #expect(driver.screen().contains("Damaged or not a keystore"))
    }

    @Test func generatesAKeyPairThroughTheForm() throws {
        let t = try TestHome()
        let driver = openServiceStore(t)
        driver.press(.char("a"))
        #expect(driver.screen().contains("(3 to fix)") == false)   // alias and subject are missing: 2
        #expect(driver.screen().contains("(2 to fix)"))
        type("service", into: driver)
        driver.press(.tab)
        #expect(driver.screen().contains("already used"))
        driver.press(.backTab, .ctrl("u"))
        type("orders", into: driver)
        driver.press(.tab, .right, .right, .right)          // EC P-256
        driver.press(.tab)
        type("orders.example.com", into: driver)
        driver.press(.tab, .tab)
        type("orders.example.com, localhost", into: driver)
        driver.press(.enter)
        let confirmation = driver.screen()
        #expect(confirmation.contains("Add key pair orders?"))
        #expect(confirmation.contains("modified  keystores/wssdemo-service.p12"))
        #expect(confirmation.contains("> Cancel <"))
        driver.press(.left, .enter)
        #expect(driver.screen().contains("3 entries"))
        let entry = try store(t).entry(alias: "orders")
        #expect(entry?.kind == .privateKey)
        #expect(entry?.certificate?.publicKeyDescription == "EC P-256")
        #expect(entry?.certificate?.subject == "CN=orders.example.com")
        #expect(mode(t.path(Self.serviceStore)) == 0o600)
        #expect(t.home.history().first?.summary.contains("orders") == true)
    }

    @Test func deletingDefaultsToCancel() throws {
        let t = try TestHome()
        let driver = openServiceStore(t)
        driver.press(.char("G"), .char("d"))
        #expect(driver.screen().contains("Delete client?"))
        // The diff of a keystore is binary: the question says which entry goes.
        #expect(driver.screen(width: 120, height: 30).contains("Note: keystores/wssdemo-service.p12: removes trusted certificate"), "\(driver.screen(width: 120, height: 30))")
        driver.press(.enter)
        #expect(try store(t).entries.count == 2)
        driver.press(.char("d"), .left, .enter)
        #expect(try store(t).entries.map(\.alias) == ["service"])
        #expect(driver.screen().contains("1 entry"))
        driver.press(.char("r"))
        #expect(driver.screen().contains("Read keystores/wssdemo-service.p12 again: 1 entry."), "\(driver.screen())")
    }

    /// (Importing it again: TrustedImportScreenTests.)
    @Test func exportsTheCertificateAsPEM() throws {
        let t = try TestHome()
        let driver = openServiceStore(t)
        driver.press(.char("e"), .enter, .enter)           // certificate as PEM, to service.pem
        #expect(driver.screen().contains("new       service.pem"))
        driver.press(.enter)                                // a new file: Write is the default
        let pem = try #require(t.read("service.pem"))
        #expect(try Certificate(pemString: pem).sha256Fingerprint == store(t).entry(alias: "service")?.certificate?.sha256Fingerprint)
    }

    @Test func renamesAndChangesTheStorePassword() throws {
        let t = try TestHome()
        let driver = openServiceStore(t)
        driver.press(.char("G"), .char("m"), .ctrl("u"))
        type("partner", into: driver)
        driver.press(.enter, .left, .enter)
        #expect(try store(t).entries.map(\.alias).sorted() == ["partner", "service"])
        driver.press(.char("p"))
        type(Self.password, into: driver)
        driver.press(.tab)
        type("new-store-pass", into: driver)
        driver.press(.tab)
        type("new-store-pass", into: driver)
        #expect(driver.screen().contains("(hidden)") && !driver.screen().contains("new-store-pass"))
        driver.press(.enter, .left, .enter)
        #expect(try store(t, password: "new-store-pass").entries.count == 2)
        #expect(throws: KeyMaterialError.self) { try store(t) }
    }

    @Test func comparesTwoCertificatesSideBySide() throws {
        let t = try TestHome()
        let driver = openServiceStore(t)
        driver.press(.home, .char(" "), .down, .char("="))
        let screen = driver.screen()
        #expect(screen.contains("service and client"))
        #expect(screen.contains("* "))
        driver.press(.end)
        #expect(driver.screen().contains("fields differ"))
    }

    @Test func aCSRIsShown() throws {
        let t = try TestHome()
        let driver = openServiceStore(t)
        driver.press(.home, .char("c"), .enter)
        #expect(driver.screen().contains("BEGIN CERTIFICATE REQUEST"))
    }

    @Test func readOnlyHidesEveryWrite() throws {
        let t = try TestHome(readOnly: true)
        let driver = openServiceStore(t)
        driver.press(.char("a"))
        #expect(!driver.screen().contains("New key pair"))
        driver.press(.char("d"))
        #expect(!driver.screen().contains("Delete"))
        driver.press(.char("?"))
        let help = driver.screen()
        #expect(help.contains("Show everything about the entry"))
        #expect(!help.contains("Add a key pair"))
    }

    /// 5,000 entries: rows are made once, only the visible ones are drawn, End reaches the last.
    @Test func aLargeStoreScrolls() throws {
        let t = try TestHome()
        let certificate = try #require(store(t).entry(alias: "client")?.certificate)
        let entries = (0..<5_000).map { Keystore.Entry.trustedCertificate(alias: String(format: "partner-%04d", $0), certificate: certificate) }
        let data = try Keystore(format: .pkcs12, entries: entries).serialized(password: Secret("big-store-pass"))
        try data.write(to: URL(fileURLWithPath: t.path("keystores/partners.p12")))
        let session = try KeystoreSession(home: t.home, keystore: t.home.keystore(named: "keystores/partners.p12"), password: Secret("big-store-pass"))
        let manager = ScreenManager(root: KeystoreScreen(home: t.home, session: session), appName: "wssconsole")
        var screen = manager.render(size: Size(width: 80, height: 24), glyphs: .unicode).text()
        #expect(screen.contains("5000 entries") && screen.contains("partner-0000"))
        manager.handle(.end)
        screen = manager.render(size: Size(width: 80, height: 24), glyphs: .unicode).text()
        #expect(screen.contains("> partner-4999") && !screen.contains("partner-0000"))
        manager.handle(.char("/"))
        "partner-2500".forEach { manager.handle(.char($0)) }
        manager.handle(.enter)
        screen = manager.render(size: Size(width: 80, height: 24), glyphs: .unicode).text()
        #expect(screen.contains("> partner-2500"))
    }

    /// Days left change every day: snapshots are of the layout, with the digits of days, dates and fingerprints
    /// masked (same widths, so the columns stay as drawn).
    func masked(_ screen: String) -> String {
        let digits = { (text: Substring) in String(text.map { $0.isNumber ? "N" : $0 }) }
        return screen
            .replacing(/\b\d+d!?\b|\d+ days left|\d{4}-\d{2}-\d{2}/) { digits($0.output[...]) }
            .replacing(/([0-9A-F]{2}:)+[0-9A-F]{0,2}/) { String($0.output.0.map { $0 == ":" ? ":" : "X" }) }
    }

    /// The key pair form over the entries, with the inline message of a field left invalid and OK disabled.
    @Test func snapshotOfTheKeyPairForm() throws {
        let t = try TestHome()
        let driver = openServiceStore(t)
        driver.press(.char("a"))
        type("service", into: driver)
        driver.press(.tab, .tab)
        Snapshot.assert(masked(driver.screen()), named: "keystore-keypair-form-80x24")
    }

    @Test func snapshotOfTheEntryList() throws {
        let t = try TestHome()
        let driver = openServiceStore(t)
        Snapshot.assert(masked(driver.screen()), named: "keystore-entries-80x24")
    }
}

/// Operations checked with keytool, a peer no one here wrote: a CSR the screen writes is signed by keytool -gencert
/// and its reply installed with I; a conversion to JKS is listed by keytool.
@Suite struct KeystoreScreenKeytoolTests {
    func keytool(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["keytool"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: output]) }
        return output
    }

    func open(_ t: TestHome, password: String = KeystoreScreenTests.password) -> ConsoleDriver {
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .enter)
        password.forEach { driver.press(.char($0)) }
        driver.press(.enter)
        return driver
    }

    @Test func aCAReplySignedByKeytoolIsInstalled() throws {
        let t = try TestHome()
        let ca = t.path("ca.p12")
        _ = try keytool(["-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Test CA", "-ext", "bc:c",
                         "-validity", "30", "-keystore", ca, "-storetype", "PKCS12", "-storepass", "ca-pass-123"])
        let driver = open(t)
        driver.press(.home, .char("c"))
        "service.csr".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        #expect(driver.screen().contains("new       service.csr"))
        driver.press(.enter, .escape)                     // write it (a new file), then leave the CSR page
        _ = try keytool(["-gencert", "-alias", "ca", "-keystore", ca, "-storetype", "PKCS12", "-storepass", "ca-pass-123", "-rfc",
                         "-infile", t.path("service.csr"), "-outfile", t.path("reply.pem"), "-validity", "20"])
        let caPEM = try keytool(["-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storetype", "PKCS12", "-storepass", "ca-pass-123"])
        try (t.read("reply.pem")! + caPEM).write(toFile: t.path("reply.pem"), atomically: true, encoding: .utf8)
        driver.press(.char("I"))
        "reply.pem".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        #expect(driver.screen().contains("Install the CA reply?"))
        driver.press(.left, .enter)
        let listing = try keytool(["-list", "-v", "-alias", "service", "-keystore", t.path(KeystoreScreenTests.serviceStore),
                                   "-storetype", "PKCS12", "-storepass", KeystoreScreenTests.password])
        #expect(listing.contains("Certificate chain length: 2"), "\(listing)")
        #expect(listing.contains("Issuer: CN=Test CA"))
        #expect(driver.screen().contains("20d!"), "\(driver.screen())")     // the new leaf's 20 days, marked: it expires soon
    }

    @Test func convertsToJKSThatKeytoolLists() throws {
        let t = try TestHome()
        let driver = open(t)
        driver.press(.char("v"))
        #expect(driver.screen().contains("< JKS >"))
        driver.press(.enter, .enter)                      // JKS, keystores/wssdemo-service.jks
        #expect(driver.screen().contains("new       keystores/wssdemo-service.jks"))
        driver.press(.enter)
        let listing = try keytool(["-list", "-keystore", t.path("keystores/wssdemo-service.jks"), "-storetype", "JKS",
                                   "-storepass", KeystoreScreenTests.password])
        #expect(listing.contains("Keystore type: JKS") || listing.contains("Keystore type: jks"), "\(listing)")
        #expect(listing.contains("service, ") && listing.contains("client, "))
        let mode = (try FileManager.default.attributesOfItem(atPath: t.path("keystores/wssdemo-service.jks")))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// Back on the keystore list after a convert, the new file is listed without r, the store left still selected.
    @Test func theConvertedCopyIsListedOnReturn() throws {
        let t = try TestHome()
        let driver = open(t)
        driver.press(.char("v"), .enter, .enter, .enter)     // JKS, keystores/wssdemo-service.jks, Write
        #expect(FileManager.default.fileExists(atPath: t.path("keystores/wssdemo-service.jks")))
        driver.press(.escape)
        let list = driver.screen()
        #expect(list.contains("keystores/wssdemo-service.jks"), "\(list)")
        #expect(list.contains(">keystores/wssdemo-service.p12") || list.contains("> keystores/wssdemo-service.p12"), "\(list)")
    }

    @Test func emptyPasswordUsesTheConfiguredOne() throws {
        let t = try TestHome()
        let driver = open(t, password: "")
        #expect(driver.screen().contains("PKCS#12, 2 entries"))
    }
}

/// A JKS store, where each key has a password of its own: P changes it, and a key keytool locked with another
/// password is opened for a CSR.
@Suite struct KeystoreScreenJKSTests {
    func openJKS(_ t: TestHome, file: String) throws -> ConsoleDriver {
        let driver = ConsoleDriver(t)
        driver.press(.char("S"))
        let files = try t.home.keystores().map(\.path)
        let index = try #require(files.firstIndex(of: file), "\(files)")
        driver.press(.home)
        for _ in 0..<index { driver.press(.down) }
        driver.press(.enter)
        "store-pass-1".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        return driver
    }

    @Test func changesAKeyPassword() throws {
        let t = try TestHome()
        let demo = try Keystore.open(data: Data(contentsOf: URL(fileURLWithPath: t.path(KeystoreScreenTests.serviceStore))),
                                     password: Secret(KeystoreScreenTests.password))
        let data = try demo.serialized(format: .jks, password: Secret("store-pass-1"))
        try data.write(to: URL(fileURLWithPath: t.path("keystores/service.jks")))
        let driver = try openJKS(t, file: "keystores/service.jks")
        #expect(driver.screen().contains("JKS, 2 entries"))
        driver.press(.home, .char("P"))
        "store-pass-1".forEach { driver.press(.char($0)) }
        driver.press(.tab)
        "key-pass-2".forEach { driver.press(.char($0)) }
        driver.press(.tab)
        "key-pass-2".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        #expect(driver.screen().contains("Change the key password of service?"))
        driver.press(.left, .enter)
        let written = try Keystore.open(data: Data(contentsOf: URL(fileURLWithPath: t.path("keystores/service.jks"))), password: Secret("store-pass-1"))
        #expect(throws: (any Error).self) { try written.privateKey(alias: "service", password: Secret("store-pass-1")) }
        #expect(try written.privateKey(alias: "service", password: Secret("key-pass-2")).matches(#require(written.entry(alias: "service")?.certificate)))
    }

    @Test func unlocksAKeyWithItsOwnPasswordForACSR() throws {
        let t = try TestHome()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["keytool", "-genkeypair", "-alias", "own", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=own",
                             "-keystore", t.path("keystores/own.jks"), "-storetype", "JKS", "-storepass", "store-pass-1", "-keypass", "key-pass-9"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let driver = try openJKS(t, file: "keystores/own.jks")
        driver.press(.home, .enter)
        #expect(driver.screen().contains("locked by its own password"))
        driver.press(.escape, .char("c"))
        #expect(driver.screen().contains("Key password of own"))
        // A wrong one is said beside it, the prompt kept (it closed on a dialog).
        "key-pass-0".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        #expect(driver.app.stack.top is Form && driver.screen().contains("! incorrect (Ctrl-U clears it)"), "\(driver.screen())")
        driver.press(.ctrl("u"))
        "key-pass-9".forEach { driver.press(.char($0)) }
        driver.press(.enter, .enter)                    // the key password, then Show
        #expect(driver.screen().contains("BEGIN CERTIFICATE REQUEST"))
    }
}
