import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// A custom policy from the picker: `c`, a path relative to the home, the confirmation dialog, and the list then
/// shows the service under its custom policy with the findings its own requirements give.
@Suite struct ApplyCustomPolicyTests {
    private func type(_ text: String, into driver: ConsoleDriver) {
        driver.press(.ctrl("u"))
        text.forEach { driver.press(.char($0)) }
    }

    /// Scenario 2's policy as the home writes it, under an Id of its own, saved in the home as `name`.
    private func writeCustomPolicy(_ home: TestHome, name: String) throws -> [UInt8] {
        let written = try #require(try home.home.planApply(scenario: 2, to: "EchoProxy").edits.first?.after)
        let text = String(decoding: written, as: UTF8.self).replacingOccurrences(of: "wsu:Id=\"SigOnly\"", with: "wsu:Id=\"OrdersSigned\"")
        try home.write(name, text)
        return Array(text.utf8)
    }

    @Test func cAsksTheFileConfirmsAndTheListShowsTheCustomPolicy() throws {
        let home = try TestHome()
        let bytes = try writeCustomPolicy(home, name: "orders-signed.xml")
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .char("c"))
        #expect(driver.screen().contains("Custom policy for EchoProxy"))
        type("orders-signed.xml", into: driver)
        driver.press(.enter)
        let dialog = driver.screen()
        #expect(dialog.contains("Apply the custom policy?"))
        #expect(dialog.contains("Apply the custom policy OrdersSigned to EchoProxy"))
        driver.press(.enter)

        #expect(driver.app.stack.breadcrumb == ["Services"])
        let screen = driver.screen()
        #expect(screen.contains("Applied the custom policy OrdersSigned to EchoProxy"))
        #expect(screen.split(separator: "\n").contains { $0.contains("EchoProxy") && $0.contains("custom policy OrdersSigned") })
        #expect(Array(home.read("conf/policies/EchoProxy.policy.xml")?.utf8 ?? "".utf8) == bytes)
        // The detail panel under the list: the custom policy's finding and the environment's.
        driver.select(service: "EchoProxy")
        let detail = driver.screen(width: 100, height: 40)
        #expect(detail.contains("A custom policy (wsu:Id OrdersSigned)"), "\(detail)")
        #expect(detail.contains("demo material"))
    }

    @Test func thePickerShowsTheCustomPolicyAsItsCurrentRowAndValidatesIt() throws {
        let home = try TestHome()
        _ = try writeCustomPolicy(home, name: "orders-signed.xml")
        try home.home.commit(home.home.planApplyPolicy(file: "orders-signed.xml", to: "EchoProxy").change)
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        let screen = driver.screen(width: 100, height: 40)
        let row = screen.split(separator: "\n").first { $0.contains("Custom policy OrdersSigned") }
        #expect(row?.contains("now") == true, "\(screen)")
        #expect(screen.contains("Custom policy: warn"), "the panel validates the policy the service has: \(screen)")
        #expect(driver.screen().contains("Custom policy: warn"), "the verdict stays in view at 80x24: \(driver.screen())")
        #expect(screen.contains("Protects: Body signed; Timestamp signed"), "the policy in words: \(screen)")
        #expect(screen.contains("Self-test passed"), "\(screen)")
        driver.press(.enter)
        #expect(driver.screen().contains("already has this custom policy"))
        #expect(driver.app.stack.breadcrumb == ["Services", "EchoProxy"], "Enter on the current policy writes nothing")
        driver.press(.home)
        #expect(driver.screen(width: 100, height: 40).contains("Validation of 1:"), "the scenarios are still there to pick")
    }

    /// Scenario 16's policy naming HTTP/orders@EXAMPLE.COM, under an Id of its own, saved in the home as `name`.
    private func writeKerberosPolicy(_ home: TestHome, name: String) throws {
        let options = ScenarioOptions(servicePrincipal: "HTTP/orders@EXAMPLE.COM", serviceKeytab: "keystores/any.keytab")
        let written = try #require(try home.home.planApply(scenario: 16, to: "EchoProxy", options: options).edits.first?.after)
        try home.write(name, String(decoding: written, as: UTF8.self)
            .replacingOccurrences(of: "wsu:Id=\"kerberossignandencrypt\"", with: "wsu:Id=\"OrdersKerberos\""))
    }

    /// A Kerberos custom policy asks its principal (the file's, filled in) and keytab, as scenario 16 does, and sets
    /// jaas.conf's service entry with them; a principal other than the file's is an error dialog.
    @Test func aKerberosPolicyAsksItsPrincipalAndKeytabForJaasConf() throws {
        let home = try TestHome()
        try writeKerberosPolicy(home, name: "orders-kerberos.xml")
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .char("c"))
        type("orders-kerberos.xml", into: driver)
        driver.press(.enter)
        let form = driver.screen(width: 100, height: 30)
        #expect(form.contains("Kerberos for OrdersKerberos") && form.contains("HTTP/orders@EXAMPLE.COM"), "\(form)")
        type("HTTP/other@EXAMPLE.COM", into: driver)
        driver.press(.enter)
        type("keystores/orders.keytab", into: driver)
        driver.press(.enter)
        let refused = driver.screen(width: 100, height: 30)
        // Said beside the principal, the form kept.
        #expect(driver.app.stack.top is Form && refused.contains("! The policy OrdersKerberos names the service"), "\(refused)")
        #expect(refused.contains("HTTP/other@EXAMPLE.COM_"), "\(refused)")
        #expect(home.read("conf/services/EchoProxy.xml")?.contains("<policy") != true, "nothing written")

        driver.press(.escape, .char("c"))
        type("orders-kerberos.xml", into: driver)
        driver.press(.enter, .enter)    // the file's principal as filled in
        type("keystores/orders.keytab", into: driver)
        driver.press(.enter)
        let dialog = driver.screen(width: 100, height: 30)
        #expect(dialog.contains("Apply the custom policy OrdersKerberos") && dialog.contains("conf/security/jaas.conf"), "\(dialog)")
        driver.press(.enter)
        #expect(driver.app.stack.breadcrumb == ["Services"])
        let jaas = try home.home.jaasFile().document.entry("Server")?.module()
        #expect(jaas?["principal"] == "HTTP/orders@EXAMPLE.COM" && jaas?["keyTab"] == "keystores/orders.keytab")
    }

    /// As for scenario 16 from the picker: jaas.conf has one Server entry for every Kerberos service, so moving it to
    /// the policy's principal would leave OrderProxy refusing its callers' tokens; the confirmation names it and Enter
    /// cancels.
    @Test func anotherPrincipalWarnsOfTheServicesOnTheServerEntryAndCancelsByDefault() throws {
        let home = try TestHome()
        try writeKerberosPolicy(home, name: "orders-kerberos.xml")
        try home.home.commit(home.home.planApply(scenario: 16, to: "OrderProxy", options: ScenarioOptions(
            servicePrincipal: "HTTP/localhost@EXAMPLE.COM", serviceKeytab: "keystores/service.keytab")))
        let jaasBefore = try home.home.jaasFile().document.bytes
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .char("c"))
        type("orders-kerberos.xml", into: driver)
        driver.press(.enter, .enter)    // the file's principal, HTTP/orders@EXAMPLE.COM
        type("keystores/orders.keytab", into: driver)
        driver.press(.enter)
        let screen = driver.screen(width: 100, height: 30)
        #expect(screen.contains("Apply the custom policy?"), "\(screen)")
        #expect(screen.contains("Warning: OrderProxy logs in with jaas.conf's Server"), "\(screen)")
        #expect(screen.contains("one Server entry for all its Kerberos"), "\(screen)")
        driver.press(.enter)
        #expect(home.read("conf/services/EchoProxy.xml")?.contains("<policy") != true, "Enter cancels")
        #expect(try home.home.jaasFile().document.bytes == jaasBefore)
    }

    /// The refusal is said in the prompt, which stays with the path typed (it closed on an error dialog).
    @Test func aFileThatIsNotAPolicyIsRefusedInThePromptAndNothingIsWritten() throws {
        let home = try TestHome()
        try home.write("not-a-policy.xml", "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"/>")
        let before = home.read("conf/services/EchoProxy.xml")
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .char("c"))
        type("not-a-policy.xml", into: driver)
        driver.press(.enter)
        let screen = driver.screen()
        #expect(driver.app.stack.top is Form && screen.contains("not-a-policy.xml_"), "\(screen)")
        #expect(screen.contains("! The file is not a policy wssconsole can apply"), "\(screen)")
        driver.press(.ctrl("u"))
        type("no-such.xml", into: driver)
        driver.press(.enter)
        #expect(driver.app.stack.top is Form && driver.screen().contains("Cannot read the policy file"), "\(driver.screen())")
        #expect(home.read("conf/services/EchoProxy.xml") == before)
        #expect(home.read("conf/policies/EchoProxy.policy.xml") == nil)
    }

    @Test func readOnlySessionsHaveNoC() {
        #expect(ServiceScreen.keys.bindings.contains { $0.action == .custom && $0.help.dangerous })
        #expect(ServiceScreen.keys.droppingDangerous().bindings.allSatisfy { $0.action != .custom })
    }
}
