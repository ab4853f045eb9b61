import ArgumentParser
import ServerHome
import WSSecurity

/// `wssconsole validate`: a service's findings (policy, keys, trust, users) and the self-test round trip.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a service's security against the home, and run the self-test.",
        discussion: """
        Findings are errors, warnings or information, each with a code and a fix. The self-test builds a client and a \
        service from the home's configuration and exchanges a request and a response under the policy, in-process.

        Exit codes: 0 no finding is an error, 1 at least one is, 2 bad usage.
        """)

    @OptionGroup var home: HomeOptions
    @Option(help: "The service's name.") var service: String?
    @Flag(help: "Validate every service.") var all = false
    @Option(help: "Validate this scenario as applying it would leave the service (nothing is written).") var scenario: Int?
    @Flag(name: .customLong("no-self-test"), help: "Skip the self-test.") var noSelfTest = false
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        let service: String, scenario: Int?
        /// The wsu:Id of the service's custom policy; nil on a scenario, or when the policy cannot be read.
        let customPolicy: String?
        /// Why the service's policy cannot be read (file, line, column), when it cannot.
        let policyUnreadable: String?
        let state: String, findings: [Finding]
    }

    func validate() throws {
        guard (service == nil) != !all else { throw ValidationError("Give either --service NAME or --all.") }
        if let scenario, !(1...16).contains(scenario) {
            throw ValidationError("There is no scenario \(scenario); scenarios are numbered 1 to 16 (wssconsole scenarios lists them).")
        }
    }

    func run() throws {
        let home = try home.open()
        let services = try service.map { [try home.service(named: $0)] } ?? home.services()
        let rows = services.map { service in
            let report = home.validate(service, scenario: scenario, selfTest: !noSelfTest)
            var number = scenario
            var customPolicy: String?
            switch service.security {
            case .scenario(let current, _) where number == nil: number = current
            case .custom(_, let id) where number == nil: customPolicy = id
            default: break
            }
            // The fixes' commands name the home, in JSON too: a script shows or runs them as they are.
            let findings = report.findings.map { finding in
                var finding = finding
                finding.fix = home.commandsNamingHome(finding.fix)
                return finding
            }
            return Row(service: service.name, scenario: number, customPolicy: customPolicy,
                       policyUnreadable: scenario == nil ? service.security.policyProblem : nil, state: report.state.rawValue, findings: findings)
        }
        if json {
            if all { try printJSON(rows) } else { try printJSON(rows[0]) }
        } else {
            for row in rows { print(text(row)) }
        }
        if rows.contains(where: { $0.findings.contains { $0.severity == .error } }) { throw ExitCode(1) }
    }

    private func text(_ row: Row) -> String {
        let what = row.scenario.flatMap(ScenarioCatalogue.scenario).map { "scenario \($0.number) (\($0.name))" }
            ?? row.customPolicy.map { "custom policy \($0)" } ?? row.policyUnreadable.map { _ in "unreadable policy" } ?? "no scenario"
        guard row.state != ValidationState.unsecured.rawValue || !row.findings.isEmpty else {
            return "\(row.service): not secured (--scenario N validates a scenario before applying it)"
        }
        var lines = ["\(row.service): \(what): \(ValidationState(rawValue: row.state)!.label)"]
        for finding in row.findings {
            lines.append("  " + column(finding.severity.rawValue, 9) + column(finding.code, 30) + finding.message)
            if !finding.fix.isEmpty { lines.append(String(repeating: " ", count: 41) + "fix: " + finding.fix) }
        }
        return lines.joined(separator: "\n")
    }
}
