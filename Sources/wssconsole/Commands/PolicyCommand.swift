import ArgumentParser
import Foundation
import ServerHome
import WSSecurity

/// `wssconsole policy show`: the policy a service references.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "Show service policies.",
                                                    subcommands: [Show.self, Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Read a policy file and say whether wssconsole understands it.")
        @Argument(help: "The policy file.") var file: String

        func run() throws {
            let data = try readFile(file)
            let policy: SecurityPolicy
            do { policy = try PolicyReader.read([UInt8](data)) } catch { throw OperationFailed(message: "\(file): \(error)") }
            let scenario = ScenarioCatalogue.scenario(wsuId: policy.id)
            let matches = scenario.map { policy.alternative == $0.alternative } ?? false
            print("\(file): \(policy.id.isEmpty ? "(no wsu:Id)" : policy.id)"
                  + (scenario.map { " = scenario \($0.number) \($0.name)" + (matches ? "" : " (assertions differ from the catalogue)") } ?? " (custom)"))
            if policy.alternativesOffered > 1 {
                print("\(policy.alternativesOffered) alternatives (wsp:ExactlyOne, wsp:Optional): the first is enforced, as Rampart does")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the policy a service references.")
        @OptionGroup var home: HomeOptions
        @Option(help: "The service's name.") var service: String

        func run() throws {
            print(try home.open().policyText(for: service), terminator: "")
        }
    }
}
