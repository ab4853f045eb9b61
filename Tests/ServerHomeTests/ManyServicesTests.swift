import Testing
import Foundation
@testable import ServerHome

/// Going through every service of a large home costs each service once (canaries on counts, never on time).
@Suite struct ManyServicesTests {
    /// Validating each service read the whole catalogue again to find its policy: `validate --all` and `services` on
    /// a Micro Integrator home with 350 services took 28 s (debug build), and the console's validation panel as long.
    @Test func validatingEveryServiceReadsTheCatalogueOnce() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 2, to: "QuoteProxy"))
        let proxies = "repository/deployment/server/synapse-configs/default/proxy-services/"
        let quote = try #require(mi.text(proxies + "QuoteProxy.xml"))
        for index in 1...20 {
            try mi.write(proxies + "Proxy\(index).xml", quote.replacingOccurrences(of: "name=\"QuoteProxy\"", with: "name=\"Proxy\(index)\""))
        }
        let before = home.catalogueReads.load(ordering: .relaxed)
        let services = home.services()
        let reports = services.map { home.validate($0, scenario: nil, selfTest: false) }
        #expect(reports.filter { $0.state != .unsecured }.count == 21)
        #expect(!reports.contains { $0.findings.contains { $0.code.hasPrefix("policy.") && $0.severity == .error } })
        #expect(home.catalogueReads.load(ordering: .relaxed) - before == 1)
    }
}
