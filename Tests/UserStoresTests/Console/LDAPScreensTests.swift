import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import Testing
import UserStores
@testable import Console

/// The users screen on a home whose users live in the test slapd, and the LDAP settings screen.
@Suite struct LDAPScreensTests {
    let slapd = Slapd.shared

    func ldapHome() throws -> ScratchHome {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        var edit = UserStoreProfileEdit()
        edit.type = "read_only_ldap"
        edit.url = slapd.ldapsURL
        edit.caCertificateFile = slapd.caFile
        edit.bindDN = Slapd.readerDN
        edit.password = .inline(Secret(Slapd.readerPassword))
        edit.userSearchBase = Slapd.people
        edit.groupSearchBase = Slapd.groups
        edit.connectTimeoutMilliseconds = 2_000
        edit.readTimeoutMilliseconds = 2_000
        try home.commit(home.planUserStoreProfile(edit))
        return scratch
    }

    /// A bind password wssconsole's own file names (connection_password_env) is shown as such, not as the `$env{}`
    /// of deployment.toml, which keeps its vault alias.
    @Test func theSettingsScreenSaysWhichFileNamesTheBindPassword() throws {
        let deployment = "[user_store]\ntype = \"read_only_ldap\"\nconnection_url = \"\(slapd.ldapURL)\"\n"
            + "connection_name = \"\(Slapd.readerDN)\"\nconnection_password = \"$secret{ldap_pass}\"\n"
        let scratch = try ScratchHome(microIntegrator: deployment)
        try FileManager.default.createDirectory(atPath: scratch.root + "/wssconsole", withIntermediateDirectories: true)
        try scratch.write("wssconsole/console.toml", "[user_store]\nconnection_password_env = \"READER_PW\"\n")
        let settings = try Home.open(scratch.root).ldapSettings()
        let shown = LDAPProfileField.password.value(saved: settings, type: "read_only_ldap", edit: UserStoreProfileEdit())
        #expect(shown == "environment variable READER_PW, named in wssconsole/console.toml", "\(shown)")
    }

    @Test func browseLookUpTestAndCheck() throws {
        let scratch = try ldapHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        #expect(driver.screen().contains("Read-only here"))
        #expect(driver.screen().contains("wssconsole"))
        driver.press(.enter)
        #expect(driver.screen().contains("dn: uid=alice,ou=People,dc=example,dc=com"))
        #expect(driver.screen().contains("roles: admin, everyone"))
        driver.press(.char("a"))
        #expect(driver.screen().contains("unavailable: users live in the LDAP directory"))
        driver.press(.char("t"))
        #expect(driver.screen().contains("ok    TLS"))
        #expect(driver.screen().contains("The LDAP user store answers."))
        driver.press(.end)
        #expect(driver.screen().contains("ok    group search"))
        driver.press(.escape, .char("c"), .enter)
        driver.type("alice-pass")
        driver.press(.enter, .enter)
        #expect(driver.screen().contains("password   right"))
    }

    /// Settings are edited on a copy, tested before saving, and written one line each.
    @Test func editTestBeforeSavingThenWrite() throws {
        let scratch = try ScratchHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("s"), .down, .enter)            // connection_url
        driver.type("http://nowhere")
        driver.press(.enter)
        #expect(driver.screen().contains("connection_url: \"http://nowhere\" is not an ldap:// or ldaps:// URL"))
        driver.press(.escape)
        let settings: [(Int, String)] = [(1, slapd.ldapURL), (3, Slapd.readerDN), (5, Slapd.people), (9, Slapd.groups)]
        for (row, value) in settings {
            driver.press(.home)
            for _ in 0..<row { driver.press(.down) }
            driver.press(.enter, .ctrl("u"))
            driver.type(value)
            driver.press(.enter)
        }
        driver.press(.home, .down, .down, .enter)          // start_tls: true
        driver.press(.end, .enter, .ctrl("u"))             // ca_certificate
        driver.type(slapd.caFile)
        driver.press(.enter)
        driver.press(.home, .down, .down, .down, .down, .enter, .tab, .enter)   // connection_password: type it
        driver.type(Slapd.readerPassword)
        driver.press(.enter)
        driver.press(.char("t"))
        #expect(driver.screen().contains("ok    bind"), "\(driver.screen())")
        #expect(scratch.text("conf/console.toml")?.contains("connection_url") == false)
        driver.press(.escape, .char("w"), .enter)
        let written = try #require(scratch.text("conf/console.toml"))
        #expect(written.contains("type = \"read_only_ldap\"") && written.contains("start_tls = true"))
        #expect(driver.history.allSatisfy { !$0.contains(Slapd.readerPassword) })

        // A password edited to one that cannot be had fails the test: testing with the saved one would pass a
        // profile that then fails once written.
        driver.press(.home, .down, .down, .down, .down, .enter, .enter)   // connection_password: an environment variable
        driver.type("WSSCONSOLE_TEST_UNSET_BIND_PW")
        driver.press(.enter, .char("t"))
        #expect(driver.screen().contains("The environment variable WSSCONSOLE_TEST_UNSET_BIND_PW holding the password"), "\(driver.screen())")
        #expect(!driver.screen().contains("ok    bind"), "\(driver.screen())")
        // Writing what just failed its test says so, and Enter does not write it.
        driver.press(.escape, .char("w"))
        #expect(driver.screen().contains("The test of these settings FAILED"), "\(driver.screen())")
        driver.press(.enter)
        #expect(scratch.text("conf/console.toml")?.contains("WSSCONSOLE_TEST_UNSET_BIND_PW") == false)
    }

    /// Esc and Q do not drop unsaved edits: they ask, Keep editing first; without edits Esc leaves at once.
    @Test func leavingWithUnsavedEditsAsksFirst() throws {
        let scratch = try ScratchHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("s"), .escape)
        #expect(driver.manager.stack.count == 1, "\(driver.screen())")

        driver.press(.char("s"), .enter)                   // type: read_only_ldap
        driver.press(.escape)
        #expect(driver.screen().contains("Unsaved LDAP settings"), "\(driver.screen())")
        #expect(driver.screen().contains("1 setting edited, not saved: type."), "\(driver.screen())")
        driver.press(.enter)                               // Keep editing
        #expect(driver.manager.stack.count == 2)
        #expect(driver.screen().contains("1 setting edited, not saved"), "\(driver.screen())")

        driver.press(.char("Q"))
        #expect(driver.screen().contains("Unsaved LDAP settings"), "\(driver.screen())")
        driver.press(.char("Q"))                           // asked once, not once more
        #expect(driver.manager.stack.count == 3 && !driver.manager.isFinished)
        driver.press(.escape)                              // Keep editing
        #expect(driver.manager.stack.count == 2 && !driver.manager.isFinished)

        driver.press(.escape, .left, .enter)               // Discard
        #expect(driver.manager.stack.count == 1, "\(driver.screen())")
        #expect(scratch.text("conf/console.toml")?.contains("read_only_ldap") != true)

        driver.press(.char("s"), .enter, .char("Q"), .left, .enter)   // Q, Discard: quits
        #expect(driver.manager.isFinished)
    }

    /// Write in the question shows the change as w does, writes it, then leaves.
    @Test func leavingCanWriteTheEdits() throws {
        let scratch = try ldapHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("s"), .end, .up, .up, .up, .enter)   // read_groups: switched
        driver.press(.escape, .tab, .enter)                      // Write
        #expect(driver.screen().contains("Write the LDAP settings?"), "\(driver.screen())")
        driver.press(.enter)
        #expect(driver.manager.stack.count == 1, "\(driver.screen())")
        #expect(scratch.text("conf/console.toml")?.contains("read_groups = false") == true, "\(scratch.text("conf/console.toml") ?? "")")
    }
}
