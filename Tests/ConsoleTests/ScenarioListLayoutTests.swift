import ConsoleUI
import Testing
import WSSecurity
@testable import Console

/// The scenario list on the service screen shows each scenario's list name, whole from 80 columns, so every row tells
/// its scenario apart: WSO2's Secure Conversation names differ only after 60 characters, and cut to the list they read
/// "SecureConversation … X509 Authentication" three times. WSO2's own name heads the description. Narrower, names are
/// cut between words (at 80 a cut once fell inside "X509").
@Suite struct ScenarioListLayoutTests {
    /// The service screen of EchoProxy at `width` x `height`, the selection moved down `down` rows.
    func screen(width: Int, height: Int, down: Int = 0) throws -> String {
        try screens(width: width, height: height, downs: down...down)[0]
    }

    /// The screen at each selection of `downs`, moving down one row at a time.
    func screens(width: Int, height: Int, downs: ClosedRange<Int>) throws -> [String] {
        let driver = ConsoleDriver(try TestHome())
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        for _ in 0..<downs.lowerBound { driver.press(.down) }
        return downs.map { down in
            if down > downs.lowerBound { driver.press(.down) }
            return driver.screen(width: width, height: height)
        }
    }

    /// The scenario rows drawn: number and name as shown, and the list box's width.
    func rows(_ screen: String) throws -> (names: [Int: String], listWidth: Int) {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let boxTop = try #require(lines.first { $0.hasPrefix("┌─ Security for EchoProxy") })
        // The list box ends at its first top-right corner.
        let listWidth = try #require(boxTop.firstIndex(of: "┐")).utf16Offset(in: boxTop) + 1
        var names: [Int: String] = [:]
        for line in lines {
            // "│>  2  Non-repudiation   now │": the number, then the name up to the column gap.
            guard let match = line.firstMatch(of: /^│[> ] +(\d+)  (.+?)(  |│)/), let number = Int(match.1) else { continue }
            names[number] = String(match.2).trimmingCharacters(in: .whitespaces)
        }
        return (names, listWidth)
    }

    /// Every row, scrolled through: each scenario's list name, whole, and no two alike.
    @Test(arguments: [(80, 24), (120, 40)])
    func everyRowIsWholeAndTellsItsScenarioApart(width: Int, height: Int) throws {
        var names: [Int: String] = [:]
        for screen in try screens(width: width, height: height, downs: 0...15) { try names.merge(rows(screen).names) { $1 } }
        #expect(names.count == 16, "\(names)")
        for scenario in ScenarioCatalogue.all {
            #expect(names[scenario.number] == scenario.listName, "\(width)x\(height): \(names[scenario.number] ?? "-")")
        }
        #expect(Set(names.values).count == 16)
        #expect(names[9] == "SecConv Sign only - X509" && names[13] == "SecConv Encrypt only - Anonymous")
    }

    @Test func listNamesAreDistinctAndFitEightyColumns() {
        let names = ScenarioCatalogue.all.map(\.listName)
        #expect(Set(names).count == names.count)
        // At 80 columns the list is 46 cells wide, 33 of them for the name (theListIsNoWiderThanItsNames).
        #expect(names.allSatisfy { $0.count <= 33 }, "\(names)")
    }

    @Test func namesAreCutBetweenWordsWhenNarrower() throws {
        let names = try rows(try screen(width: 60, height: 16)).names
        #expect(!names.isEmpty)
        for (number, name) in names {
            let scenario = try #require(ScenarioCatalogue.scenario(number))
            guard name != scenario.listName else { continue }
            // Cut: every word left is a word of the name, whole.
            let whole = Set(scenario.listName.split(separator: " ").map(String.init))
            let kept = name.split(whereSeparator: { $0 == " " || $0 == "…" }).map(String.init)
            #expect(kept.allSatisfy(whole.contains), "60x16: \(name)")
        }
    }

    /// WSO2's whole name heads the selected scenario's description, and its distinguishing words show at 80 columns.
    @Test func theDescriptionHasWSO2sName() throws {
        let narrow = try screen(width: 80, height: 24, down: 8)
        #expect(narrow.contains("─ 9 SecureConversation - Sign only … X509 Authentication (SecConSignOnly) ─"), "\(narrow)")
        #expect(narrow.contains("WSO2 name: SecureConversation - Sign only - Service as STS"), "\(narrow)")
        let wide = try screen(width: 120, height: 40, down: 10)
        #expect(wide.contains("WSO2 name: SecureConversation - Sign and Encrypt - Service as STS - Bootstrap policy"), "\(wide)")
        #expect(try rows(wide).listWidth == 48, "the panel keeps the rest: \(wide)")
    }

    /// A list whose names are short does not take half the row (a service's custom policy row counts too).
    @Test func theListIsNoWiderThanItsNames() throws {
        let home = try TestHome()
        let screen = ServiceScreen(home: home.home, service: try home.home.service(named: "EchoProxy"), validationMode: .inline) { _ in }
        #expect(screen.listWidthNeeded == 13 + ScenarioCatalogue.all.map(\.listName.count).max()!)
        #expect(screen.listWidthNeeded == 46)
        #expect(screen.listWidth(beside: 72) == 38 && screen.listWidth(beside: 80) == 46 && screen.listWidth(beside: 200) == 48)
    }
}
