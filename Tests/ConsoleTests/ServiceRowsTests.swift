import ConsoleUI
import Foundation
import ServerHome
import Testing
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
}
