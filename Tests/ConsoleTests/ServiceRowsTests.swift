import ConsoleUI
import Foundation
import ServerHome
import Testing
import WSSecurity
@testable import Console

/// The service list's rows and detail panel, and what Enter does on a service wssconsole only lists.
@Suite struct ServiceRowsTests {
    static let carbonApp = Service(
        name: "OrdersCApp_1.0.0", kind: .carbonApp, path: "repository/deployment/server/carbonapps/OrdersCApp_1.0.0.car",
        security: .unsecured,
        readOnlyReason: "Packaged in a Carbon app: secure its services in the integration project and redeploy the .car")

    /// A Carbon app is an archive wssconsole never opens: its kind is its own, its security unknown (not "unsecured"),
    /// and the panel says why it is read-only instead of inviting Enter.
    @Test func aCarbonAppShowsItsKindAnUnknownSecurityAndWhyItIsReadOnly() throws {
        let report = ValidationReport(findings: [], secured: false)
        let row = ServiceRows.row(Self.carbonApp, report: report)
        #expect(row.cells == ["OrdersCApp_1.0.0", "carbon app", "unknown", "-"])
        let detail = ServiceRows.detail(Self.carbonApp, report: report, home: try TestHome().home, width: 74).map(\.text).joined(separator: "\n")
        #expect(detail.contains("Read-only: Packaged in a Carbon app"), "\(detail)")
        #expect(detail.contains("Security: unknown"), "\(detail)")
        #expect(!detail.contains("Press Enter"), "\(detail)")
    }

    /// Opened anyway (the list's Enter), the scenario screen refuses Apply, a custom policy and Remove at once, saying
    /// why, instead of after a confirmation.
    @Test func theScenarioScreenOfACarbonAppRefusesToApplyAndSaysWhy() throws {
        let home = try TestHome()
        let screen = ServiceScreen(home: home.home, service: Self.carbonApp, validationMode: .inline, onApplied: { _ in })
        #expect(screen.status?.text.contains("unknown") == true, "\(screen.status?.text ?? "")")
        for key in [Key.enter, .char("c"), .char("x")] {
            guard case .redraw = screen.handle(key) else { Issue.record("\(key) did more than explain"); continue }
            #expect(screen.status?.text.contains("Packaged in a Carbon app") == true, "\(screen.status?.text ?? "")")
        }
    }

    /// An error only in wssconsole's own [client] settings leaves a secured service untested, not in error; any
    /// error of the service's own makes it ERROR again.
    @Test func onlyTheSelfTestClientsErrorsLeaveAServiceUntested() throws {
        let client = Finding(.error, "selftest.noClient", "The self-test plays the client that [client] describes", fix: "Name it")
        let service = Finding(.error, "keystore.alias", "No key pair under the alias wso2carbon", fix: "Import it")
        #expect(ValidationReport(findings: [client], secured: true).state == .untested)
        #expect(ValidationReport(findings: [client, service], secured: true).state == .errors)
        let home = try TestHome()
        let secured = Service(name: "OrderProxy", kind: .proxy, path: "conf/proxy/OrderProxy.xml", security: .unsecured)
        let detail = ServiceRows.detail(secured, report: ValidationReport(findings: [client], secured: true), home: home.home, width: 74)
            .map(\.text).joined(separator: " ")
        #expect(detail.contains("nothing was found wrong with the service itself"), "\(detail)")
        #expect(ServiceRows.row(secured, report: ValidationReport(findings: [client], secured: true)).cells.last == "untested")
    }
}
