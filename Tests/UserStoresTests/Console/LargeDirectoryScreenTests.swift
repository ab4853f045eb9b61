import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import Testing
import UserStores
@testable import Console

/// The users screen on a directory larger than the server's size limit for one search (500).
@Suite struct LargeDirectoryScreenTests {
    let slapd = Slapd.shared

    func home(reader: String) throws -> ScratchHome {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        var edit = UserStoreProfileEdit()
        edit.type = "read_only_ldap"
        edit.url = slapd.ldapURL
        edit.bindDN = reader
        edit.password = .inline(Secret(Slapd.readerPassword))
        edit.userSearchBase = Slapd.Large.people
        edit.groupSearchBase = Slapd.Large.groups
        try home.commit(home.planUserStoreProfile(edit))
        return scratch
    }

    /// The listing stopped at the server's 500, said "(first 500)", and user1100 could not be found.
    @Test func everyUserIsListedInPages() throws {
        let scratch = try home(reader: Slapd.Large.pager)
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        #expect(driver.screen().contains("Users (1200)") && driver.screen().contains(": 1200 users, 600 roles."), "\(driver.screen())")
        driver.press(.char("/"))
        driver.type("user1100")
        driver.press(.enter, .enter)
        #expect(driver.screen().contains("> user1100 ") && driver.screen().contains("roles: team500"), "\(driver.screen())")
    }

    /// A server that stops the listing at 500 even in pages: the screen says so and how to lift it, and / with Enter
    /// asks the directory, so user1100 is found and opened all the same.
    @Test func slashSearchesTheDirectoryWhenTheListingIsCutShort() throws {
        let scratch = try home(reader: Slapd.Large.strict)
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        var screen = driver.screen()
        #expect(screen.contains("Users (500+)") && screen.contains(": 500+ users, 500+ roles; / searches the directory."),
                "\(screen)")
        #expect(screen.contains("The server stopped the listing at 500 entries, its limit on paged searches") && screen.contains("Fix: Let the bind DN page further"), "\(screen)")
        driver.press(.char("/"))
        driver.type("user1100")
        #expect(driver.screen().contains("Search: user1100_   Enter searches the directory"), "\(driver.screen())")
        // Not among the 500 names read is no miss: the status line is not an error's.
        #expect((driver.manager.stack.top as? UserStoreScreen)?.status?.isError == false)
        driver.press(.enter)
        screen = driver.screen()
        #expect(screen.contains("Users containing \"user1100\" (1)") && screen.contains("> user1100 "), "\(screen)")
        #expect(screen.contains("Directory search: 1 user containing \"user1100\". Esc: the listing."), "\(screen)")
        #expect(!screen.contains("The server stopped"), "the answer is whole: \(screen)")
        driver.press(.enter)
        screen = driver.screen()
        #expect(screen.contains("dn: uid=user1100,ou=People,dc=large,dc=test") && screen.contains("roles: team500"), "\(screen)")
        // n and N keep the query; a shorter one asks again.
        driver.press(.char("/"))
        driver.type("user110")
        driver.press(.enter)
        screen = driver.screen()
        #expect(screen.contains("Users containing \"user110\" (11)") && screen.contains("> user110 "), "\(screen)")
        driver.press(.char("n"))
        #expect(driver.screen().contains("> user1100 "), "\(driver.screen())")
        driver.press(.escape)
        screen = driver.screen()
        #expect(screen.contains("Users (500+)") && screen.contains("500+ users"), "\(screen)")
        #expect(driver.manager.stack.count == 1, "Esc went back to the listing, not out of the screen")
        // The query is a value, never filter syntax (RFC 4515 escaping): no name contains these characters.
        driver.press(.char("/"))
        driver.type("*)(uid=*")
        driver.press(.enter)
        #expect(driver.screen().contains("Users containing \"*)(uid=*\" (0)"), "\(driver.screen())")
    }

    /// The query typed for the directory is edited as any other: its cursor shows on the status line. The hint after
    /// it dropped the cursor, so Left moved it unseen.
    @Test func theDirectoryQueryShowsItsCursor() throws {
        let scratch = try home(reader: Slapd.Large.strict)
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("/"))
        driver.type("user1100")
        driver.press(.left, .left)
        let canvas = driver.manager.render(size: Size(width: 80, height: 24), glyphs: .unicode)
        let status = canvas.text().split(separator: "\n", omittingEmptySubsequences: false)[22]
        #expect(status.hasPrefix(" Search: user1100    Enter searches the directory"), "\(status)")
        let x = " Search: user11".count
        #expect(canvas.styles(22)[x] == .cursor && canvas.styles(22).filter { $0 == .cursor }.count == 1, "on the first 0")
    }

    /// The note on the server's limit gives the list its room and keeps its fix whole where there is room: at 60x16
    /// its four lines left the list no row, and at 60x24 they cut the olcLimits line before size.prtotal=unlimited.
    /// At 60x16 the status takes two rows (it names the directory and the search key), which the screen lays out above:
    /// one name shows, and the detail box keeps its bottom edge.
    @Test func theLimitNoteLeavesTheListRoomAndKeepsItsFix() throws {
        let scratch = try home(reader: Slapd.Large.strict)
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        _ = driver.screen()
        let smallest = driver.manager.render(size: Size(width: 60, height: 16), glyphs: .unicode)
        #expect(smallest.text().contains("> user0 ") && smallest.row(12).hasPrefix("└"), "\(smallest.text())")
        #expect(smallest.text().contains("The server stopped the listing at 500 entries, its limi…"), "cut, and said to be: \(smallest.text())")
        let narrow = driver.manager.render(size: Size(width: 60, height: 24), glyphs: .unicode).text()
        #expect(narrow.contains("size.prtotal=unlimited") && narrow.contains("> user0 "), "\(narrow)")
        #expect(driver.screen().contains("size.prtotal=unlimited"), "80x24 as before: \(driver.screen())")
    }

    /// Roles too: the directory is searched in the list shown.
    @Test func rolesAreSearchedInTheDirectory() throws {
        let scratch = try home(reader: Slapd.Large.strict)
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.tab, .char("/"))
        driver.type("team599")
        driver.press(.enter)
        let screen = driver.screen()
        #expect(screen.contains("Roles containing \"team599\" (1)") && screen.contains("> team599 "), "\(screen)")
    }

    /// Checking user0 (600 roles) with c: the roles row shows ten and how many more, once; it wrapped all 600 over
    /// some 90 lines, and the verdict in the status line repeated them.
    @Test func checkingAUserWithManyRolesShowsThemOnceAndBounded() throws {
        let scratch = try home(reader: Slapd.Large.pager)
        let driver = UsersScreenDriver(try Home.open(scratch.root))
        driver.press(.char("c"))
        driver.press(.ctrl("u"))
        driver.type("user0")
        driver.press(.enter)
        driver.type(Slapd.readerPassword)
        driver.press(.enter, .enter)
        let screen = driver.screen()
        #expect(screen.contains("roles      team0, team1, team10, team100, team101, team102, team103, ")
                && screen.contains("           team104, team105, team106 and 590 more ") && screen.contains("password   right"), "\(screen)")
        #expect(screen.contains("user0 authenticates") && !screen.contains("team107"), "\(screen)")
    }
}
