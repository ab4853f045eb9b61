import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// The users screen on an embedded store of 2,000 users: every user listed and found, and a change to all of them
/// shown as what a screen can show.
@Suite struct LargeUserStoreScreenTests {
    /// A scratch demo home whose store holds `count` users (user0 ... user1999), each in everyone and in one of 20
    /// teams, written as the store's format (a key derivation per user would take minutes).
    static func home(users count: Int) throws -> (ScratchHome, Home) {
        let scratch = try ScratchHome()
        let password = #"<Password scheme="pbkdf2-sha256" iterations="1000" salt="AAAAAAAAAAAAAAAAAAAAAA==">AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</Password>"#
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!-- wssconsole user store. Passwords are salted PBKDF2-HMAC-SHA256 hashes; edit with wssconsole. -->\n"
            + "<UserStore xmlns=\"urn:wssconsole:userstore:1\">\n  <Roles>\n"
        text += (["everyone"] + (0..<20).map { "team\($0)" }).map { "    <Role name=\"\($0)\"/>\n" }.joined() + "  </Roles>\n  <Users>\n"
        for user in 0..<count {
            text += "    <User name=\"user\(user)\">\n      \(password)\n      <MemberOf role=\"everyone\"/>\n"
                + "      <MemberOf role=\"team\(user % 20)\"/>\n    </User>\n"
        }
        try scratch.write("conf/userstore.xml", text + "  </Users>\n</UserStore>\n")
        return (scratch, try Home.open(scratch.root))
    }

    /// The listing stopped at 500 users, and its search with it: user1999 was "Nothing matches".
    @Test func everyUserIsListedAndFound() throws {
        let (scratch, home) = try Self.home(users: 2_000)
        defer { withExtendedLifetime(scratch) {} }
        let driver = UsersScreenDriver(home)
        #expect(driver.screen().contains("Users (2000)") && driver.screen().contains("2000 users, 21 roles."), "\(driver.screen())")
        driver.press(.char("/"))
        driver.type("user1999")
        driver.press(.enter)
        #expect(driver.screen().contains("> user1999 ") && driver.screen().contains("roles: everyone, team19"), "\(driver.screen())")
        driver.press(.end)
        #expect(driver.screen().contains("> user1999 "))
    }

    /// Deleting a role 2,000 users hold: the question names ten of them and counts the rest, the diff shows its first
    /// lines and counts the rest, and nothing is written until Delete.
    @Test func aRoleEveryUserHoldsIsDeletedWithBoundedQuestionAndDiff() throws {
        let (scratch, home) = try Self.home(users: 2_000)
        let before = scratch.text("conf/userstore.xml")
        let driver = UsersScreenDriver(home)
        driver.press(.tab, .char("d"))
        var screen = driver.screen()
        #expect(screen.contains("Delete role everyone?") && screen.contains("user9 and 1990 more."), "\(screen)")
        driver.press(.tab, .enter)    // Cancel -> Diff
        screen = driver.screen()
        #expect(screen.contains("In all: 2001 lines removed, 0 added. The first \(ChangeConfirmation.diffLines) lines:"), "\(screen)")
        driver.press(.char("G"))
        screen = driver.screen()
        #expect(screen.contains("… \(10_013 - ChangeConfirmation.diffLines) more lines not shown."), "\(screen)")
        driver.press(.escape)
        #expect(driver.screen().contains("> Diff <"))
        #expect(scratch.text("conf/userstore.xml") == before, "looking writes nothing")
        driver.press(.tab, .enter)    // Diff -> Delete
        #expect(driver.screen().contains("Remove role everyone: wrote conf/userstore.xml."), "\(driver.screen())")
        #expect(try home.embeddedUserStore().roles(of: "user1999") == ["team19"])
    }
}
