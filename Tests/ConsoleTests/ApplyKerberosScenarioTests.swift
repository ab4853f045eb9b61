import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// Scenario 16 from the picker: the principal and the keytab or password are asked before anything is planned.
@Suite struct ApplyKerberosScenarioTests {
    private func openScenario16(_ driver: ConsoleDriver) {
        driver.select(service: "EchoProxy")
        driver.press(.enter, .end, .enter)
    }

    private func type(_ text: String, into driver: ConsoleDriver) {
        driver.press(.ctrl("u"))
        text.forEach { driver.press(.char($0)) }
    }

    /// Scenario 16 on EchoProxy with HTTP/orders.example.com@EXAMPLE.COM and keystores/orders.keytab, up to the
    /// confirmation.
    private func giveOrdersPrincipalAndKeytab(_ driver: ConsoleDriver) {
        openScenario16(driver)
        #expect(driver.screen().contains("Scenario 16 for EchoProxy"))
        type("HTTP/orders.example.com@EXAMPLE.COM", into: driver)
        driver.press(.enter)
        type("keystores/orders.keytab", into: driver)
        driver.press(.enter, .enter)    // past the empty password, then Next
    }

    @Test func asksThePrincipalAndKeytabThenWritesBoth() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        giveOrdersPrincipalAndKeytab(driver)
        #expect(driver.screen().contains("Apply scenario 16?"))
        driver.press(.enter)

        #expect(driver.app.stack.breadcrumb == ["Services"])
        let policy = try home.home.policyText(for: "EchoProxy")
        #expect(policy.contains("HTTP/orders.example.com@EXAMPLE.COM"))
        let jaas = try home.home.jaasFile().document.entry("Server")?.module()
        #expect(jaas?["principal"] == "HTTP/orders.example.com@EXAMPLE.COM")
        #expect(jaas?["keyTab"] == "keystores/orders.keytab")
    }

    /// The panel validated scenario 16 without a principal; the confirmation after the form must not repeat that error
    /// for the principal the operator has just given (it said "ERROR ... The policy names no service principal").
    @Test func theConfirmationDoesNotSayThePrincipalTypedIsMissing() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        giveOrdersPrincipalAndKeytab(driver)
        let screen = driver.screen(width: 120, height: 40)
        #expect(screen.contains("Apply scenario 16?"), "\(screen)")
        // The panel behind the dialog still reports the scenario as it validated it, without a principal.
        #expect(!screen.contains("First: The policy names no service principal"), "\(screen)")
    }

    @Test func aPasswordGoesIntoThePolicyOwnerOnlyAndIsNeverShown() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        openScenario16(driver)
        type("HTTP/orders.example.com@EXAMPLE.COM", into: driver)
        driver.press(.enter, .ctrl("u"), .enter)    // no keytab
        "s3cret-pw".forEach { driver.press(.char($0)) }
        #expect(!driver.screen().contains("s3cret-pw"))
        driver.press(.enter)
        #expect(driver.screen().contains("Apply scenario 16?"))
        driver.press(.enter)

        let policy = try home.home.policyText(for: "EchoProxy")
        #expect(policy.contains("s3cret-pw"))
        let file = home.files(containing: "s3cret-pw").first { $0.hasPrefix("conf/") }
        let mode = try file.map { try FileManager.default.attributesOfItem(atPath: home.path($0))[.posixPermissions] as? Int }
        #expect(mode == 0o600)
    }

    @Test func aKeytabAndAPasswordTogetherAreRefusedInTheForm() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        openScenario16(driver)
        type("HTTP/orders.example.com@EXAMPLE.COM", into: driver)
        driver.press(.enter)
        type("keystores/orders.keytab", into: driver)
        driver.press(.enter)
        "pw".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        let screen = driver.screen()
        #expect(screen.contains("Scenario 16 for EchoProxy"), "the form stays")
        #expect(screen.contains("only without a keytab"))
        #expect(home.read("conf/services/EchoProxy.xml")?.contains("<policy") != true)
    }

    /// jaas.conf has one Server entry for every Kerberos service: moving it to another principal for EchoProxy would
    /// leave OrderProxy refusing its callers' tokens, so the confirmation names it and Enter cancels.
    @Test func anotherPrincipalWarnsOfTheServicesOnTheServerEntryAndCancelsByDefault() throws {
        let home = try TestHome()
        try home.home.commit(home.home.planApply(scenario: 16, to: "OrderProxy", options: ScenarioOptions(
            servicePrincipal: "HTTP/localhost@EXAMPLE.COM", serviceKeytab: "keystores/service.keytab")))
        let jaasBefore = try home.home.jaasFile().document.bytes
        let driver = ConsoleDriver(home)
        giveOrdersPrincipalAndKeytab(driver)
        let screen = driver.screen()
        #expect(screen.contains("Apply scenario 16?"))
        #expect(screen.contains("Warning: OrderProxy logs in with jaas.conf's Server"), "\(screen)")
        #expect(screen.contains("one Server entry for all its Kerberos"), "\(screen)")
        driver.press(.enter)
        #expect(home.read("conf/services/EchoProxy.xml")?.contains("<policy") != true, "Enter cancels")
        #expect(try home.home.jaasFile().document.bytes == jaasBefore)
    }

    @Test func anEmptyPrincipalAppliesThePolicyAndLeavesJaasAlone() throws {
        let home = try TestHome()
        let jaasBefore = try home.home.jaasFile().document.bytes
        let driver = ConsoleDriver(home)
        openScenario16(driver)
        driver.press(.ctrl("u"), .enter, .ctrl("u"), .enter, .enter)
        #expect(driver.screen().contains("Apply scenario 16?"))
        // Without a principal the service's callers would fault: Cancel is focused, Apply is chosen on purpose.
        #expect(driver.screen().contains("> Cancel <"), "\(driver.screen())")
        driver.press(.left, .enter)
        guard case .scenario(16, _) = try home.home.service(named: "EchoProxy").security else {
            Issue.record("EchoProxy was not put on scenario 16"); return
        }
        #expect(try home.home.jaasFile().document.bytes == jaasBefore)
    }
}
