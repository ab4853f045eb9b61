import ArgumentParser
import ServerHome
import WSSecurity

/// `wssconsole services`: every service with its security and validation state, self-test included (as `validate`
/// and the console's list give it), so that a service whose exchange fails never reads as merely warned about.
struct ServicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "services", abstract: "List the services of the home.")

    @OptionGroup var home: HomeOptions
    @Flag(name: .customLong("no-self-test"), help: "Skip the self-test (faster on a home with many secured services).") var noSelfTest = false
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        let name: String, kind: String, path: String, security: String, scenario: Int?, policyKey: String?
        /// Why the policy cannot be read (file, line, column), when it cannot; `problem` is the definition's.
        let policyUnreadable: String?
        let state: String, problem: String?, findings: [Finding]
    }

    func run() throws {
        let home = try home.open()
        let services = home.services()
        let rows = services.map { service in
            let report = home.validate(service, scenario: nil, selfTest: !noSelfTest)
            var scenario: Int?
            if case .scenario(let n, _) = service.security { scenario = n }
            return Row(name: service.name, kind: service.kind.rawValue, path: service.path, security: service.securityLabel,
                       scenario: scenario, policyKey: service.security.policyKey, policyUnreadable: service.security.policyProblem,
                       state: report.state.rawValue,
                       problem: service.problem, findings: report.findings)
        }
        if json { return try printJSON(rows) }
        let cells = zip(services, rows).map { service, row in
            [row.name, service.kind.label, service.securityLabel, ValidationState(rawValue: row.state)!.label]
        }
        let lines = tableLines([["NAME", "KIND", "SECURITY", "STATE"]] + cells)
        print(lines[0])
        for (line, row) in zip(lines.dropFirst(), rows) {
            print(line)
            if let problem = row.problem ?? row.policyUnreadable { print("    \(problem)") }
        }
    }
}
