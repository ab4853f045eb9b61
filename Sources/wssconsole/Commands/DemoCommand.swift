import ArgumentParser
import Foundation
import ServerHome

/// `wssconsole demo`: the demo home's working copy, and the command that makes its keys and users.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Manage the demo home.",
                                                    subcommands: [Path.self, Reset.self, Generate.self])

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print where the demo home's working copy is.")
        func run() { print(DemoHome.location()) }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the demo working copy with a fresh copy of the demo home.")
        func run() throws {
            let home = try DemoHome.reset()
            print("demo home reset: \(home.root)")
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the demo keystores and user store (demo passwords, see README).",
            discussion: "Writes keystores/ and conf/userstore.xml under DIR (the repository, to refresh the tracked demo files).")
        @Option(help: ArgumentHelp("The demo home's root.", valueName: "DIR")) var into: String

        func run() throws {
            // A fresh DIR is the common case: make its keystores/ and conf/ (owner-only, they hold demo secrets)
            // rather than fail after writing half of it.
            for folder in ["keystores", "conf"] {
                do {
                    try FileManager.default.createDirectory(atPath: into + "/" + folder, withIntermediateDirectories: true,
                                                            attributes: [.posixPermissions: 0o700])
                } catch {
                    throw OperationFailed(message: "cannot create \(into)/\(folder): \(error.localizedDescription)", fix: "give a writable --into DIR")
                }
            }
            try DemoMaterial.generateKeystores(into: into + "/keystores")
            try DemoMaterial.generateUserStore(at: into + "/conf/userstore.xml")
            print("wrote \(into)/keystores/\(DemoMaterial.serviceKeystoreFile), \(into)/keystores/\(DemoMaterial.clientKeystoreFile), \(into)/conf/userstore.xml")
        }
    }
}
