import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import Testing
import UserStores
@testable import Console

/// The users screen of the console on a scratch demo home: browsing, every edit through prompts and the one
/// confirmation dialog, and no password ever on screen.
@Suite struct UsersScreenTests {
    @Test func listsUsersAndRoles() throws {
        let scratch = try ScratchHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        let users = driver.screen()
        #expect(users.contains("Users (3)") && users.contains("admin, everyone"))
        #expect(users.contains("PasswordText only") && users.contains("Tab Roles"))
        driver.press(.tab)
        #expect(driver.screen().contains("Roles (3)") && driver.screen().contains("Tab Users"), "the key bar names where Tab goes")
        #expect(driver.screen().contains("alice, bob, carol"))
    }

    @Test func addAUserAllowedToUseDigest() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        let driver = UsersScreenDriver(home)
        driver.press(.char("a"))
        driver.type("dave")
        driver.press(.enter)
        driver.type("dave-pass")
        #expect(driver.screen().contains("(hidden)"))
        driver.press(.enter)
        driver.type("dave-pass")
        driver.press(.enter)
        #expect(driver.screen().contains("[ ] operator"))
        driver.press(.down, .char(" "), .enter)
        #expect(driver.screen().contains("PasswordDigest for dave?"))
        driver.press(.tab, .enter)          // Allow digest
        #expect(driver.screen().contains("new       conf/userstore.digest-secrets"))
        driver.press(.enter)                // Add
        #expect(driver.screen().contains("Add user dave (operator), PasswordDigest allowed: wrote"))
        #expect(driver.screen().contains("Users (4)"))
        #expect(driver.history.allSatisfy { !$0.contains("dave-pass") })
        #expect(scratch.mode("conf/userstore.digest-secrets") == 0o600)
        let store = try home.embeddedUserStore()
        #expect(try store.roles(of: "dave") == ["operator"] && store.allowsDigest("dave"))
    }

    /// The LDAP settings screen says before writing that the home's store becomes LDAP and where the typed bind
    /// password is kept; the written file is owner-only.
    @Test func ldapSettingsWriteSaysWhatItDoes() throws {
        let scratch = try ScratchHome()
        chmod(scratch.root + "/conf/console.toml", 0o644)
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("s"), .down, .enter, .ctrl("u"))            // connection_url
        driver.type("ldap://127.0.0.1:1")
        driver.press(.enter)
        #expect(driver.screen().contains("│  *  type                      read_only_ldap"), "\(driver.screen())")
        #expect(driver.screen().contains("read_only_ldap"))
        driver.press(.home, .down, .down, .down, .down, .enter, .tab, .enter)   // connection_password: type it
        #expect(driver.screen().contains("Stored in clear in conf/console.toml"), "\(driver.screen())")
        driver.type("bind-s3cret")
        driver.press(.enter, .char("w"))
        let dialog = driver.screen()
        #expect(dialog.contains("becomes the LDAP directory"), "\(dialog)")
        #expect(dialog.contains("stored in clear in conf/console.toml"), "\(dialog)")
        #expect(dialog.contains("The LDAP connection is not encrypted (ldap:// without StartTLS)"), "\(dialog)")
        driver.press(.enter)
        #expect(scratch.text("conf/console.toml")?.contains("connection_password = \"bind-s3cret\"") == true)
        #expect(scratch.mode("conf/console.toml") == 0o600)
        #expect(driver.history.allSatisfy { !$0.contains("bind-s3cret") })
    }

    /// A setting refused keeps its prompt open, with what was typed and the whole reason; it was on the status line
    /// alone, cut at 80 columns, and the typed value was gone.
    @Test func aRefusedSettingKeepsItsPromptAndSaysWhyInFull() throws {
        let scratch = try ScratchHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("s"), .down, .enter, .ctrl("u"))            // connection_url
        driver.type("ldapi://socket")
        driver.press(.enter)
        let screen = driver.screen()
        #expect(driver.manager.stack.top is Form && screen.contains("ldapi://socket_"), "\(screen)")
        #expect(screen.contains("! ldapi:// (a local socket) is not supported: WSO2 connects over ldap://"), "\(screen)")
        #expect(screen.contains(" or ldaps://"), "\(screen)")
        driver.press(.ctrl("u"))
        driver.type("ldap://127.0.0.1:1")
        driver.press(.enter)
        #expect(driver.screen().contains("connection_url            ldap://127.0.0.1:1"), "\(driver.screen())")
    }

    /// The password is asked twice in one form: an empty one, one WSO2's user stores would refuse (PasswordJavaRegEx
    /// ^[\S]{5,30}$) and a mismatch are said beside their field, the form kept; the flow ended before, or went on with
    /// a one-character password.
    @Test func aPasswordTheStoreWouldRefuseIsSaidBesideItsField() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        let driver = UsersScreenDriver(home)
        driver.press(.char("a"))
        driver.type("erin")
        driver.press(.enter, .enter, .enter)            // nothing typed: OK goes back to the password
        #expect(driver.manager.stack.top is Form && driver.screen().contains("! required"), "\(driver.screen())")
        driver.type("a")
        driver.press(.tab)
        driver.type("a")
        driver.press(.enter)
        let short = driver.screen()
        #expect(driver.manager.stack.top is Form && short.contains("! is shorter than 5 characters: passwords take"), "\(short)")
        #expect(short.contains("PasswordJavaRegEx ^[\\S]{5,30}$") && short.contains("(1 to fix)"), "\(short)")
        driver.press(.ctrl("u"))
        driver.type("erin pass")
        driver.press(.tab, .ctrl("u"))
        driver.type("erin pass")
        driver.press(.enter)
        #expect(driver.screen().contains("! has a blank"), "\(driver.screen())")
        driver.press(.ctrl("u"))
        driver.type("erin-pass")
        driver.press(.tab, .ctrl("u"))
        driver.type("erin-pass")
        driver.press(.enter)
        #expect(driver.screen().contains("[ ] operator"), "\(driver.screen())")
        driver.press(.enter)
        #expect(driver.screen().contains("PasswordDigest for erin?"))
        driver.press(.enter, .enter)        // Text only, Add
        #expect(try home.embeddedUserStore().authenticate(user: "erin", password: Secret("erin-pass")).isAuthenticated)
        #expect(driver.history.allSatisfy { !$0.contains("erin-pass") && !$0.contains("erin pass") })
    }

    /// Two different passwords are said beside the second, both kept (never shown); nothing is changed.
    @Test func differentPasswordsChangeNothing() throws {
        let scratch = try ScratchHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("p"))
        driver.type("first-one")
        driver.press(.enter)
        driver.type("second-one")
        driver.press(.enter)
        #expect(driver.manager.stack.top is Form && driver.screen().contains("! does not match"), "\(driver.screen())")
        #expect(driver.screen().contains("Password:") && driver.screen().contains("(hidden)"))
        driver.press(.escape)
        #expect(try Home.open(scratch.root).embeddedUserStore().authenticate(user: "alice", password: Secret("alice-demo-pass")).isAuthenticated)
        #expect(driver.history.allSatisfy { !$0.contains("first-one") && !$0.contains("second-one") })
    }

    /// A user name WSO2's user stores would refuse (UsernameJavaRegEx ^[\S]{3,30}$), or one taken, is said beside the
    /// name as it is typed: the password was asked first, and the name refused only after it.
    @Test func aNameTheStoreWouldRefuseIsSaidAsItIsTyped() throws {
        let scratch = try ScratchHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("a"))
        driver.type("bad name<>")
        driver.press(.enter)
        let screen = driver.screen()
        #expect(driver.manager.stack.top is Form && screen.contains("bad name<>_"), "\(screen)")
        #expect(screen.contains("! has a blank: WSO2's user stores take 3 to 30 characters") && screen.contains("UsernameJavaRegEx"), "\(screen)")
        driver.press(.ctrl("u"))
        driver.type("bob")
        driver.press(.enter)
        #expect(driver.screen().contains("! user bob exists already"), "\(driver.screen())")
        driver.press(.escape, .tab, .char("a"))
        driver.type("ops,dev")
        driver.press(.enter)
        #expect(driver.screen().contains("! has a comma"), "\(driver.screen())")
    }

    /// Deleting asks first, and Enter alone presses Cancel.
    @Test func deletingDefaultsToCancel() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        let driver = UsersScreenDriver(home)
        driver.press(.char("G"), .char("d"))
        #expect(driver.screen().contains("Delete user carol?"))
        driver.press(.enter)
        #expect(try home.embeddedUserStore().users == ["alice", "bob", "carol"])
        driver.press(.char("d"), .left, .enter)
        #expect(try home.embeddedUserStore().users == ["alice", "bob"])
    }

    @Test func rolesAreTickedAndUnticked() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        let driver = UsersScreenDriver(home)
        driver.press(.char("e"))                 // alice: admin, everyone
        driver.press(.char(" "), .enter)        // untick admin
        #expect(driver.screen().contains("Take away: admin"))
        driver.press(.enter)
        #expect(try home.embeddedUserStore().roles(of: "alice") == ["everyone"])
    }

    @Test func readOnlyHomeOffersNoChanges() throws {
        let scratch = try ScratchHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root, readOnly: true))
        #expect(!driver.manager.currentKeyHelp.contains { $0.dangerous })
        driver.press(.char("a"))
        #expect(!driver.screen().contains("Add a user"))
    }

    @Test func checkAUserFromTheScreen() throws {
        let scratch = try ScratchHome()
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("c"), .enter)
        driver.type("alice-demo-pass")
        driver.press(.enter, .enter)           // PasswordText
        #expect(driver.screen().contains("password   right"))
        #expect(driver.screen().contains("verdict    ok: alice authenticates"))
        driver.press(.escape, .char("c"), .enter)
        driver.type("alice-demo-pass")
        driver.press(.enter, .tab, .enter)     // PasswordDigest
        #expect(driver.screen().contains("REJECTED   the token uses PasswordDigest"))
        #expect(driver.history.allSatisfy { !$0.contains("alice-demo-pass") })
    }
}
