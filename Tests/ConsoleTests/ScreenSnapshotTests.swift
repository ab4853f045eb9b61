import ConsoleUI
import Testing
import WSSecurity
@testable import Console

/// Golden screens at 80x24 (TESTING.md level 5). Validation runs inline, so each screen is final.
@Suite struct ScreenSnapshotTests {
    @Test func serviceList() throws {
        let driver = ConsoleDriver(try TestHome())
        Snapshot.assert(driver.screen(), named: "service-list-80x24")
    }

    /// Secured services with their validation state, and the selected one's findings and fixes.
    @Test func serviceListWithSecuredServices() throws {
        let home = try TestHome()
        for (scenario, service) in [(2, "EchoProxy"), (1, "PaymentProxy"), (16, "OrderProxy")] {
            try home.home.commit(try home.home.planApply(scenario: scenario, to: service))
        }
        let driver = ConsoleDriver(home)
        driver.select(service: "OrderProxy")
        Snapshot.assert(driver.screen(), named: "service-list-secured-80x24")
    }

    @Test func serviceListInAsciiForNonUTF8Locales() throws {
        let driver = ConsoleDriver(try TestHome())
        let screen = driver.screen(glyphs: .ascii)
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII })
        Snapshot.assert(screen, named: "service-list-80x24-ascii")
    }

    @Test func scenarioPickerWithScenario2Selected() throws {
        let driver = ConsoleDriver(try TestHome())
        driver.select(service: "EchoProxy")
        driver.press(.enter, .down)
        Snapshot.assert(driver.screen(), named: "scenario-picker-80x24")
    }

    @Test func applyConfirmation() throws {
        let driver = ConsoleDriver(try TestHome())
        driver.select(service: "EchoProxy")
        driver.press(.enter, .down, .enter)
        Snapshot.assert(driver.screen(), named: "apply-confirmation-80x24")
    }

    @Test func helpOverlayOnTheServiceList() throws {
        let driver = ConsoleDriver(try TestHome())
        driver.press(.char("?"))
        Snapshot.assert(driver.screen(), named: "help-service-list-80x24")
    }

    /// At the documented minimum (60x16) every column stays, Name giving way first, and the detail panel's long MI
    /// path keeps the file name.
    @Test func serviceListAtTheMinimumSize() throws {
        let home = try TestHome()
        try home.home.commit(try home.home.planApply(scenario: 2, to: "InventoryDataService"))
        let driver = ConsoleDriver(home)
        driver.select(service: "InventoryDataService")
        Snapshot.assert(driver.screen(width: 60, height: 16), named: "service-list-60x16")
    }

    @Test func tooSmall() throws {
        let driver = ConsoleDriver(try TestHome())
        Snapshot.assert(driver.screen(width: 40, height: 10), named: "too-small-40x10")
    }
}

@Suite struct ScenarioPanelTests {
    /// At 80x24 what each scenario protects, what a client needs and its diagram fit without scrolling;
    /// only the long WSO2 names of the Secure Conversation scenarios need PgDn.
    @Test(arguments: 1...16)
    func descriptionFitsAt80x24(number: Int) throws {
        let driver = ConsoleDriver(try TestHome())
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        for _ in 1..<number { driver.press(.down) }
        let screen = driver.screen()
        let scenario = try #require(WSSecurity.ScenarioCatalogue.scenario(number))
        let lastDiagramLine = try #require(scenario.diagram.last)
        #expect(screen.contains("Protects:") && screen.contains("Client needs:"))
        #expect(screen.contains(lastDiagramLine), "scenario \(number) does not fit:\n\(screen)")
        if screen.contains("PgDn: more") {
            driver.press(.pageDown)
            #expect(driver.screen().contains("WSO2 name: SecureConversation"))
        }
    }
}
