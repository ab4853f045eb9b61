import ArgumentParser
import Foundation
import ServerHome
import WSSecurity

/// `wssconsole policy show`: the policy a service references.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "Show the policy a service uses, or check a policy file.",
                                                    subcommands: [Show.self, Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a policy file and say whether wssconsole understands it, and what it demands.",
            discussion: "The scenario it is (by wsu:Id), the policy in words, whether the engine enforces all of it, and what the "
                + "policy deserves to be told (alternatives, legacy algorithm suites). Nothing of a home is read.")
        @Argument(help: "The policy file.") var file: String
        @Flag(help: "Print it as JSON.") var json = false

        struct Report: Encodable {
            let file: String
            let id: String
            let scenario: Int?
            /// False when the file has a scenario's wsu:Id but other assertions.
            let matchesScenario: Bool
            let alternatives: Int
            let summary: [String: String]
            let findings: [Finding]
        }

        func run() throws {
            let data = try readFile(file)
            let policy: SecurityPolicy
            do { policy = try PolicyReader.read([UInt8](data)) } catch { throw OperationFailed(message: "\(file): \(error)") }
            let scenario = ScenarioCatalogue.scenario(wsuId: policy.id)
            let matches = scenario.map { policy.alternative == $0.alternative } ?? false
            let summary = PolicySummary(policy).lines
            // Nothing of a home is read, so the runtime is not known: Carbon class names are a warning for Micro Integrator.
            let findings = PolicyFindings.of(policy) + PolicyFindings.carbonClasses(policy, onMicroIntegrator: false)
            if json {
                try printJSON(Report(file: file, id: policy.id, scenario: scenario?.number, matchesScenario: matches, alternatives: policy.alternativesOffered,
                                     summary: Dictionary(uniqueKeysWithValues: summary.map { ($0.label.lowercased(), $0.text) }), findings: findings))
            } else {
                printText(findings: findings, scenario: scenario, matches: matches, summary: summary, id: policy.id)
            }
            // As validate: a script learns from the status that the file is not fit to apply as it is.
            if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }

        private func printText(findings: [Finding], scenario: Scenario?, matches: Bool, summary: [(label: String, text: String)], id: String) {
            print("\(file): \(id.isEmpty ? "(no wsu:Id)" : id)"
                  + (scenario.map { " = scenario \($0.number) \($0.name)" + (matches ? "" : " (assertions differ from the catalogue)") } ?? " (custom)"))
            for line in summary { print("  " + "\(line.label):".padding(toLength: 10, withPad: " ", startingAt: 0) + line.text) }
            for finding in findings {
                print("  \(finding.severity.rawValue): \(finding.message) [\(finding.code)]")
                if !finding.fix.isEmpty { print("    fix: \(finding.fix)") }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the policy a service references.",
                                                        discussion: "Password values are masked as ********, as in the diffs; --reveal prints the file as it is.")
        @OptionGroup var home: HomeOptions
        @Option(help: "The service's name.") var service: String
        @Flag(help: "Print password values in clear.") var reveal = false

        func run() throws {
            let opened = try home.open()
            // --reveal prints the file as it is; the masked text is for reading, made safe as every line is.
            if reveal { Swift.print(try opened.policyText(for: service), terminator: "") } else { print(try opened.maskedPolicyText(for: service), terminator: "") }
        }
    }
}
