import ArgumentParser
import ServerHome

/// `wssconsole apply`: writes a scenario's policy for a service and references it from the definition.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply", abstract: "Apply one of the 16 scenarios to a service.")

    @OptionGroup var home: HomeOptions
    @Option(help: "The service's name.") var service: String
    @Option(help: "The scenario number, 1 to 16.") var scenario: Int
    @OptionGroup var kerberos: Krb5ScenarioOptions
    @OptionGroup var write: WriteOptions

    func validate() throws {
        guard (1...16).contains(scenario) else {
            throw ValidationError("There is no scenario \(scenario); scenarios are numbered 1 to 16 (wssconsole scenarios lists them).")
        }
    }

    func run() throws {
        let home = try home.open()
        guard try write.perform(home.planApply(scenario: scenario, to: service, options: kerberos.options(scenario: scenario)), on: home) != nil else { return }
        let report = home.validate(try home.service(named: service))
        print("validation: \(report.state.label)")
        for finding in report.findings { print("  \(finding.severity.rawValue): \(finding.message)" + (finding.fix.isEmpty ? "" : " (fix: \(finding.fix))")) }
    }
}
