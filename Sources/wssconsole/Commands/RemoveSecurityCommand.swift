import ArgumentParser
import ServerHome

/// `wssconsole unsecure`: removes a service's security (policy reference, `<enableSec/>`, the policy wssconsole wrote).
struct RemoveSecurityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unsecure", abstract: "Remove the security of a service.")

    @OptionGroup var home: HomeOptions
    @Option(help: "The service's name.") var service: String
    @OptionGroup var write: WriteOptions

    func run() throws {
        let home = try home.open()
        try write.perform(home.planRemoveSecurity(from: service), on: home)
    }
}
