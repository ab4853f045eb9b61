import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome
import UserStores
import WSSecurity

/// `wssconsole bench validate`: the live validation of scenarios 1-15 (findings plus the self-test), as the
/// console's validation panel runs it, timed on the home (the demo home by default). Figures only.
struct BenchValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Time the live validation (findings and self-test) of scenarios 1-15.",
        discussion: """
        Each scenario is validated as the console's panel does it: the policy applying it would write, every \
        finding, and the self-test (a request and a response secured and verified in-process; for 9-15 also the \
        SecurityContextToken issued by the service as STS and cancelled). One warm-up run, then \
        --repeats runs; the median and the fastest are shown, with the findings alone beside them. Target: < 150 ms.

        Build with `swift build -c release` first: debug builds measure the Swift compiler's debug code.
        """)

    @OptionGroup var home: HomeOptions
    @Option(help: "The service validated (any service of the home; nothing is written).") var service = "PaymentProxy"
    @Option(help: ArgumentHelp("How many timed runs per scenario.", valueName: "N")) var repeats = 9
    @Flag(help: "Print the figures as JSON.") var json = false

    static let target = 150.0

    struct Row: Encodable {
        let scenario: Int, name: String, findingsMs: Double, medianMs: Double, fastestMs: Double
        let selfTest: String, target: String
        /// Nil when the self-test did not pass: it stopped early, so its time is not the whole exchange.
        let met: Bool?
        /// Why the self-test did not pass, and its fix.
        let selfTestFailure: String?
    }

    func validate() throws {
        guard repeats > 0 else { throw ValidationError("--repeats must be positive.") }
    }

    func run() throws {
        let home = try home.open()
        let service = try home.service(named: self.service)
        var rows: [Row] = []
        for scenario in ScenarioCatalogue.all.prefix(15) {
            _ = home.validate(service, scenario: scenario.number, selfTest: true)    // warm-up: caches, first use of xmlsec
            var report: ValidationReport?
            let full = (0..<repeats).map { _ in time { report = home.validate(service, scenario: scenario.number, selfTest: true) } }.sorted()
            let checks = (0..<repeats).map { _ in time { _ = home.validate(service, scenario: scenario.number, selfTest: false) } }.sorted()
            let outcome = report?.findings.first { $0.code.hasPrefix("selftest.") && $0.code != SelfTestCodes.step }
            let median = full[full.count / 2]
            let passed = outcome?.code == "selftest.passed"
            rows.append(Row(scenario: scenario.number, name: scenario.listName, findingsMs: checks[checks.count / 2], medianMs: median,
                            fastestMs: full[0], selfTest: outcome.map { String($0.code.dropFirst("selftest.".count)) } ?? "none",
                            target: "< \(Int(Self.target)) ms", met: passed ? median < Self.target : nil,
                            selfTestFailure: passed ? nil : outcome.map { $0.message + ($0.fix.isEmpty ? "" : "; fix: " + $0.fix) } ?? "no self-test ran"))
        }
        if json { return try printJSON(rows) }
        print("live validation of \(service.name) on \(home.root), \(repeats) runs per scenario (median, fastest)\n")
        print("scenario                                   findings  +self-test  fastest  self-test  target")
        for row in rows {
            let name = column("\(row.scenario) \(row.name)", 40)
            print(name + String(format: " %8.1f  %10.1f  %7.1f  ", row.findingsMs, row.medianMs, row.fastestMs)
                  + column(row.selfTest, 11) + row.target + (row.met.map { $0 ? " met" : " NOT met" } ?? " not judged"))
        }
        for row in rows {
            guard let failure = row.selfTestFailure else { continue }
            print("\nscenario \(row.scenario) not judged: its self-test stopped early, so its time is not the whole exchange. \(failure)"
                  + "\n(wssconsole validate --service \(service.name) --scenario \(row.scenario) shows every finding)")
        }
        let iterations = EmbeddedUserStore.defaultIterations
        let derive = { (function: (Secret, Data, Int, Int) throws -> Data) in
            try (0..<repeats).map { _ in try time { _ = try function(Secret("bench"), Data(count: 16), iterations, 32) } }.sorted()
        }
        var ours: [Double] = [], openSSL: [Double] = []
        for _ in 0..<2 {    // in turns, so that both see the same moments of a shared machine
            ours += try derive(PBKDF2.deriveSHA256)
            openSSL += try derive(PBKDF2.openSSLDeriveSHA256)
        }
        let (hash, peer) = (ours.sorted()[ours.count / 2], openSSL.sorted()[openSSL.count / 2])
        print(String(format: "\nthe embedded store's password hash alone (PBKDF2-SHA256, %d iterations), same run: %.1f ms median,", iterations, hash)
              + String(format: "\n%.2fx faster than OpenSSL's PKCS5_PBKDF2_HMAC (%.1f ms); ", peer / hash, peer)
              + "the UsernameToken scenarios (1, 7, 8, 14, 15) pay it once, when the service checks the user")
    }

    private func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }
}
