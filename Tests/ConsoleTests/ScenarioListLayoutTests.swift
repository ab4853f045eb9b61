import ConsoleUI
import Testing
import WSSecurity
@testable import Console

/// The scenario list on the service screen takes the width its names need, up to half the row, and cuts what still
/// does not fit between words: at 200 columns it stayed 46 wide beside an empty 150-column panel, and at 80 a cut fell
/// inside "X509" ("Sign and Encrypt…9 Authentication").
@Suite struct ScenarioListLayoutTests {
    /// The scenario rows of the service screen at `width` x `height`: each row's name as drawn, and the list box's width.
    func picker(width: Int, height: Int) throws -> (names: [String], listWidth: Int, screen: String) {
        let driver = ConsoleDriver(try TestHome())
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        let screen = driver.screen(width: width, height: height)
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let boxTop = try #require(lines.first { $0.hasPrefix("┌─ Security for EchoProxy") })
        // The list box ends at its first top-right corner.
        let listWidth = try #require(boxTop.firstIndex(of: "┐")).utf16Offset(in: boxTop) + 1
        let names = lines.compactMap { line -> String? in
            // "│>  2  Non-repudiation   now │": the number, then the name up to the column gap.
            guard let match = line.firstMatch(of: /^│[> ] +(\d+)  (.+?)(  |│)/), Int(match.1) != nil else { return nil }
            return String(match.2).trimmingCharacters(in: .whitespaces)
        }
        return (names, listWidth, screen)
    }

    @Test(arguments: [(60, 16), (80, 24), (120, 40), (200, 50)])
    func namesAreCutBetweenWords(width: Int, height: Int) throws {
        let (names, _, screen) = try picker(width: width, height: height)
        #expect(!names.isEmpty, "\(screen)")
        for (row, name) in names.enumerated() {
            let scenario = ScenarioCatalogue.all[row]
            guard name != scenario.name else { continue }
            // Cut: every word left is a word of the name, whole.
            let whole = Set(scenario.name.split(separator: " ").map(String.init))
            let kept = name.split(whereSeparator: { $0 == " " || $0 == "…" }).map(String.init)
            #expect(kept.allSatisfy(whole.contains), "\(width)x\(height): \(name)")
        }
    }

    @Test func aWideTerminalWidensTheList() throws {
        let narrow = try picker(width: 80, height: 24)
        #expect(narrow.listWidth == 46)
        #expect(narrow.names[4] == "Sign and … X509 Authentication", "\(narrow.screen)")
        let wide = try picker(width: 200, height: 50)
        #expect(wide.listWidth == 100, "half the row: \(wide.screen)")
        #expect(Array(wide.names.prefix(8)) == ScenarioCatalogue.all.prefix(8).map(\.name), "1-8 whole")
        #expect(wide.names[8] == "SecureConversation - Sign only - Service as STS … X509 Authentication", "\(wide.screen)")
        #expect(wide.screen.contains("Validation of 1"), "the panel stays")
        let middle = try picker(width: 120, height: 40)
        #expect(middle.listWidth == 60)
        #expect(middle.names[4] == "Sign and Encrypt - X509 Authentication")
    }

    /// A list whose names are short does not take half the row (a service's custom policy row counts too).
    @Test func theListIsNoWiderThanItsNames() throws {
        let home = try TestHome()
        let screen = ServiceScreen(home: home.home, service: try home.home.service(named: "EchoProxy"), validationMode: .inline) { _ in }
        #expect(screen.listWidth(beside: 400) == screen.listWidthNeeded)
        #expect(screen.listWidthNeeded == 13 + ScenarioCatalogue.all.map(\.name.count).max()!)
        #expect(screen.listWidth(beside: 72) == 38 && screen.listWidth(beside: 80) == 46 && screen.listWidth(beside: 200) == 100)
    }
}
