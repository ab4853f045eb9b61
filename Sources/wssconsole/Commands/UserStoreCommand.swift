import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome
import UserStores

/// `wssconsole userstore`: which store the home uses, its LDAP profile, the staged connection test and the
/// end-to-end check of one user.
struct UserStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "userstore", abstract: "Show, configure and test the user store (embedded or LDAP).",
        discussion: """
        On a Micro Integrator home the LDAP settings are the [user_store] keys of conf/deployment.toml (WSO2's names); \
        start_tls and ca_certificate, which MI has no key for, go to wssconsole/console.toml.
        """,
        subcommands: [Show.self, SetProfile.self, Test.self, CheckUser.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the user store settings (never the password).")
        @OptionGroup var home: HomeOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let home = try home.open()
            let settings = try home.settings()
            let output = UserStoreSummary(home: home, settings: settings)
            if json { return try printJSON(output) }
            output.printText()
        }
    }

    struct SetProfile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Change the user store settings (one line each; the rest of the file is kept).",
            discussion: """
            Giving --url on a home that uses the embedded store switches it to read_only_ldap (a note says so); --type embedded \
            switches back. --bind-password-prompt writes the password in clear (as WSO2 does) and makes that file owner-only \
            (0600); --bind-password-env keeps it out of the file.
            """)
        @OptionGroup var home: HomeOptions
        @Option(help: ArgumentHelp("type: embedded, read_only_ldap or read_write_ldap.", valueName: "TYPE")) var type: String?
        @OptionGroup var profile: UserStoreProfileOptions
        @OptionGroup var write: WriteOptions

        func validate() throws {
            if let type, !["embedded", "read_only_ldap", "read_write_ldap"].contains(type) {
                throw ValidationError("--type is embedded, read_only_ldap or read_write_ldap.")
            }
            if type == nil && profile.isEmpty { throw ValidationError("Nothing to set: give --type, --url or another setting.") }
        }

        func run() throws {
            let home = try home.open()
            var edit = profile.edit
            edit.type = type
            if type == nil, profile.url != nil, try !home.usesLDAPUserStore() { edit.type = "read_only_ldap" }
            edit.password = try profile.passwordToSave()
            let change = try home.planUserStoreProfile(edit)
            for note in home.userStoreProfileNotes(change) { print("note: \(note)") }
            try performUserStoreChange(change, write: write, home: home)
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Test the LDAP connection step by step: DNS, TCP, TLS, bind, user search, group search.",
            discussion: "Options test a profile before it is saved; left-out settings come from the home. Exit code 1 names the failing step.")
        @OptionGroup var home: HomeOptions
        @OptionGroup var profile: UserStoreProfileOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let home = try home.open()
            let password = try profile.passwordToTest()
            let edit = profile.isEmpty ? nil : profile.edit
            // Say what is missing before printing anything (a profile given in full needs no saved one).
            if edit?.url == nil { _ = try home.ldapSettings() }
            let report: ConnectionTestReport
            if json {
                report = try home.testLDAP(edit, password: password)
                try printJSON(ConnectionTestOutput(report))
            } else {
                print("testing \(edit?.url ?? (try? home.ldapSettings().profile.url) ?? "the LDAP user store")")
                report = try home.testLDAP(edit, password: password) { stage in ConnectionTestOutput.printStage(stage) }
                print(report.passed ? "result: the LDAP user store answers" : "result: FAILED at \(report.failure!.kind.title)")
            }
            if !report.passed { throw ExitCode(1) }
        }
    }

    struct CheckUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-user",
            abstract: "Check one user end to end: password, roles, and the allowed roles of the UsernameToken services.",
            discussion: "Without --service or --role, every service that authenticates users (a UsernameToken scenario or custom policy) is checked.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name, as a client would send it.") var name: String
        @OptionGroup var password: PasswordInput
        @Flag(help: "Send the password as a PasswordDigest (fresh nonce and time), as a digest client would.") var digest = false
        @Option(name: .customLong("service"), help: "Check this service's allowed roles (repeatable).") var services: [String] = []
        @Option(name: .customLong("role"), help: "Check these allowed roles (repeatable).") var roles: [String] = []
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let home = try home.open()
            // Roles decide nothing where no user name is sent: "allowed" there would mislead.
            for service in try services.map({ try home.service(named: $0) }) where !home.authenticatesUsers(service) {
                throw OperationFailed(message: "\(service.name) takes no user name (\(service.securityLabel)): its callers are not users of the store",
                                      fix: "Check a user against a service under a UsernameToken scenario (1, 7, 8, 14, 15) or a custom policy with a UsernameToken; wssconsole services lists them.")
            }
            let secret = try password.read(prompt: "Password for \(name): ")
            let credentials: UsernameTokenCredentials
            if digest {
                let created = Date().formatted(.iso8601)
                credentials = .digest(name, PasswordDigest.make(password: secret, nonce: try SecureRandom.bytes(16), created: created))
            } else {
                credentials = .text(name, secret)
            }
            let report = home.checkUser(credentials, services: services.isEmpty ? nil : services, roles: roles.isEmpty ? nil : roles)
            if json { try printJSON(UserCheckOutput(report)) } else { UserCheckOutput.printText(report, digest: digest) }
            if !report.passed { throw ExitCode(1) }
        }
    }
}
