import ConsoleUI
import Foundation
import KerberosConfig
import ServerHome
import Testing
@testable import Console

/// The Kerberos screen driven key by key into an in-memory 80x24 canvas, with the checks run inline.
@Suite(.serialized) struct KerberosScreenTests {
    let kdc = TestKDC.shared

    final class Driver {
        let manager: ScreenManager
        let screen: KerberosScreen

        init(_ home: Home) {
            screen = KerberosScreen(home: home, mode: .inline)
            manager = ScreenManager(root: screen, appName: "wssconsole", minimumSize: Size(width: 60, height: 16))
        }

        func press(_ keys: Key...) { keys.forEach(manager.handle) }
        func type(_ text: String) { text.forEach { manager.handle(.char($0)) } }
        var text: String { manager.render(size: Size(width: 80, height: 24), glyphs: .unicode).text() }
        var smallest: String { manager.render(size: Size(width: 60, height: 16), glyphs: .unicode).text() }
    }

    /// At the smallest size the findings panel keeps its lines; the file boxes give way.
    @Test func theFindingsShowAt60x16() throws {
        let t = try KerberosHome()
        let driver = Driver(t.home)
        let text = driver.smallest
        #expect(text.contains("Offline check ─") || text.contains("─ Offline check"), "\(text)")
        let first = try #require(driver.screen.findings.first)
        #expect(text.contains("│ \(first.severity.rawValue)  "), "the first finding is drawn: \(text)")
        #expect(text.contains("> conf/security/krb5.conf") && text.contains("conf/security/jaas.conf"))
    }

    @Test func showsTheFilesAndTheOfflineCheck() throws {
        let t = try KerberosHome()
        let driver = Driver(t.home)
        #expect(driver.text.contains("Default realm: EXAMPLE.COM"))
        #expect(driver.text.contains("Realm EXAMPLE.COM: kdc kdc.example.com:88  admin kdc.example.com:749"))
        #expect(driver.text.contains("Server: HTTP/localhost@EXAMPLE.COM, keytab keystores/service.keytab"))
        #expect(driver.text.contains("Offline check"))
        #expect(driver.text.contains("> conf/security/krb5.conf"))
        driver.press(.tab)
        #expect(driver.text.contains("> conf/security/jaas.conf"))
    }

    /// An entry the screen sums up by its options shows no secret among them, and says the value is hidden.
    @Test func theJaasSummaryHidesSecretValues() throws {
        let t = try KerberosHome()
        let jaas = try #require(t.text("conf/security/jaas.conf"))
        try t.write("conf/security/jaas.conf", jaas + "Other { com.sun.security.auth.module.Krb5LoginModule required storePass=Hunt3rX debug=true; };\n")
        let text = Driver(t.home).text
        #expect(text.contains("Other: storePass=(hidden) debug=true"), "\(text)")
        #expect(!text.contains("Hunt3r"), "\(text)")
    }

    @Test func checksAgainstTheKDC() throws {
        let t = try KerberosHome()
        try t.useTestKDC(kdc)
        try t.home.commit(t.home.planJaasService(principal: kdc.servicePrincipal, keytab: "keystores/service.keytab"))
        let driver = Driver(t.home)
        driver.press(.char("c"))
        let text = driver.text
        #expect(text.contains("Live check"))
        #expect(text.contains("Live check: 0 errors"))
        // Below the demo's two domain_realm warnings and their fixes.
        #expect(driver.screen.findings.map(\.code).contains("kdc.reachable"))
        #expect(driver.screen.findings.map(\.code).contains("service.login"))
        driver.press(.end)
        #expect(driver.text.contains("ok      \(kdc.servicePrincipal) obtained a ticket-granting"))
    }

    /// With `[client] kerberos_principal` set, `c` asks the self-test client's ticket for the service too, with the
    /// password the settings name; a password the KDC refuses is an error naming it.
    @Test func theCheckTriesTheSelfTestClient() throws {
        let t = try KerberosHome()
        try t.useTestKDC(kdc)
        try t.home.commit(t.home.planJaasService(principal: kdc.servicePrincipal, keytab: "keystores/service.keytab"))
        let folder = try TempFolder()
        var edit = ClientSettingsEdit()
        edit.kerberosPrincipal = kdc.userPrincipal
        edit.kerberosPassword = .file(try folder.write("alice.pw", kdc.userPassword + "\n", mode: 0o600))
        try t.home.commit(t.home.planClientSettings(edit))
        let driver = Driver(t.home)
        driver.press(.char("c"))
        #expect(driver.text.contains("Live check: 0 errors"), "\(driver.screen.findings)")
        #expect(driver.screen.findings.contains { $0.code == "client.ticket" && $0.message.contains(kdc.userPrincipal) }, "\(driver.screen.findings)")

        try folder.write("alice.pw", "not-alices\n", mode: 0o600)
        driver.press(.char("c"))
        #expect(driver.screen.findings.contains { $0.severity == .error && $0.message.contains(kdc.userPrincipal) }, "\(driver.screen.findings)")
    }

    @Test func setsTheDefaultRealmAfterConfirmation() throws {
        let t = try KerberosHome()
        let driver = Driver(t.home)
        driver.press(.char("d"), .ctrl("u"))
        driver.type("NEW.ORG")
        driver.press(.enter)
        #expect(driver.text.contains("Set the default realm?"))
        #expect(driver.text.contains("> Cancel <"))  // the safe button is the default
        driver.press(.enter)
        #expect(t.text("conf/security/krb5.conf")?.contains("default_realm = EXAMPLE.COM") == true)
        driver.press(.char("d"), .ctrl("u"))
        driver.type("NEW.ORG")
        driver.press(.enter, .backTab, .enter)
        #expect(t.text("conf/security/krb5.conf")?.contains("    default_realm = NEW.ORG\n") == true)
        #expect(driver.text.contains("Default realm: NEW.ORG"))
        #expect(t.home.history().first?.summary == "krb5.conf: default_realm = NEW.ORG")
    }

    @Test func aRefusedRealmNameIsAnErrorDialog() throws {
        let t = try KerberosHome()
        let driver = Driver(t.home)
        driver.press(.char("a"), .ctrl("u"))
        driver.type("BAD REALM")
        driver.press(.enter)
        driver.type("kdc.bad:88")
        driver.press(.enter, .enter)
        #expect(driver.text.contains("refused"))
        #expect(driver.text.contains("not a valid realm name"))
    }

    @Test func settingsAreCheckedBeforeTheyAreWritten() throws {
        let t = try KerberosHome()
        let driver = Driver(t.home)
        driver.press(.char("l"))
        driver.type("dns_lookup_kdc")
        driver.press(.enter, .ctrl("u"))
        driver.type("ture")
        driver.press(.enter)
        // Said beside the value, the prompt kept with what was typed (it closed on a dialog).
        #expect(driver.manager.stack.top is Form && driver.text.contains("ture_"), "\(driver.text)")
        #expect(driver.text.contains("! ") && driver.text.contains("not true or false"), "\(driver.text)")
        driver.press(.escape, .char("m"))
        driver.type(".corp.example")
        driver.press(.enter, .enter, .backTab, .enter)
        #expect(t.text("conf/security/krb5.conf")?.contains("    .corp.example = EXAMPLE.COM\n") == true)
    }

    @Test func aReadOnlyHomeHasNoEdits() throws {
        let t = try KerberosHome()
        let driver = Driver(try Home.open(t.root, readOnly: true))
        let bar = driver.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("c Check"))
        #expect(!bar.contains("Edit") && !bar.contains("Realm") && !bar.contains("Service"))
        driver.press(.char("d"))
        #expect(!driver.text.contains("Default realm:") == false)
        #expect(!driver.text.contains("krb5.conf's default realm:"))
    }

    /// A krb5.conf libkrb5 refuses is shown as broken, and a structured edit is refused until it is fixed.
    @Test func aBrokenKrb5ConfIsSaidAndNotEdited() throws {
        let t = try KerberosHome()
        let good = try #require(t.text("conf/security/krb5.conf"))
        let broken = good.replacingOccurrences(of: "        admin_server = kdc.example.com:749\n    }\n", with: "        admin_server = kdc.example.com:749\n")
        #expect(broken != good)
        try t.write("conf/security/krb5.conf", broken)
        let driver = Driver(t.home)
        #expect(driver.text.contains("Broken: line 23"), "\(driver.text)")
        driver.press(.char("a"), .ctrl("u"))
        driver.type("NEW.ORG")
        driver.press(.enter)
        driver.type("k.new.org")
        driver.press(.enter, .enter)
        #expect(driver.text.contains("refused"), "\(driver.text)")
        #expect(driver.text.contains("Fix the syntax first"), "\(driver.text)")
        #expect(t.text("conf/security/krb5.conf") == broken)
    }

    @Test func theEditorRouteChecksTheTextBeforeSaving() throws {
        let t = try KerberosHome()
        let folder = try TempFolder()
        // It keeps what it was given, to show where Edit again starts.
        let seen = folder.path + "/seen.conf"
        let editor = try folder.write("editor.sh", "#!/bin/sh\ncp \"$1\" '\(seen)'\nsed -i 's/useKeyTab=true/useKeyTab=tfalse/' \"$1\"\n", mode: 0o755)
        setenv("VISUAL", editor, 1)
        defer { unsetenv("VISUAL") }
        let before = t.text("conf/security/jaas.conf")
        let driver = Driver(t.home)
        driver.press(.tab, .char("e"))
        #expect(driver.text.contains("with errors?"))
        #expect(driver.text.contains("the value of useKeyTab"), "\(driver.text)")
        driver.press(.escape)  // Discard
        #expect(t.text("conf/security/jaas.conf") == before)
        #expect(driver.text.contains("Discarded the edits to conf/security/jaas.conf; it is unchanged."), "\(driver.text)")
        // Edit again starts from what was typed, not from the file again.
        driver.press(.char("e"))
        #expect(try String(contentsOfFile: seen, encoding: .utf8).contains("useKeyTab=true"))
        driver.press(.enter)   // Edit again
        #expect(try String(contentsOfFile: seen, encoding: .utf8).contains("useKeyTab=tfalse"))
    }

    /// A console killed while the operator's editor was open (a dropped SSH session) left the saved edit in its
    /// working copy, never mentioned again. The next edit of that file starts from it, says so, and the copy goes.
    @Test func anEditLeftByAKilledSessionIsTakenUpAgain() throws {
        let t = try KerberosHome()
        let folder = try TempFolder()
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let left = NSTemporaryDirectory() + "wssconsole-edit-\(dead.processIdentifier)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: left, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let saved = (t.text("conf/security/jaas.conf") ?? "") + "// saved before the session dropped\n"
        try saved.write(toFile: left + "/jaas.conf", atomically: true, encoding: .utf8)
        let seen = folder.path + "/seen.conf"
        let editor = try folder.write("editor.sh", "#!/bin/sh\ncp \"$1\" '\(seen)'\n", mode: 0o755)
        setenv("VISUAL", editor, 1)
        defer { unsetenv("VISUAL") }
        let driver = Driver(t.home)
        driver.press(.tab, .char("e"))
        #expect(try String(contentsOfFile: seen, encoding: .utf8) == saved)
        #expect(driver.text.contains("Save conf/security/jaas.conf") && driver.text.contains("Resumed the edit of conf/security/jaas.conf"),
                "\(driver.text)")
        #expect(!FileManager.default.fileExists(atPath: left))
    }
}
