import ArgumentParser
import Foundation
import KerberosConfig
import ServerHome

/// `wssconsole jaas`: the home's jaas.conf (Java's login configuration), shown, checked and edited in place.
struct JaasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jaas", abstract: "Show, check and edit the home's jaas.conf (scenario 16).",
        discussion: "WSO2 logs the service in with the Server entry and the client with the Client entry. Edits keep every other byte.",
        subcommands: [Show.self, Check.self, Service.self, Client.self, Set.self, Unset.self, Remove.self, Edit.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the entries, their login modules and options.",
            discussion: """
            The value of an option named like a password or secret (password, keyStorePassword, storepass, secret; \
            storePass unless true or false) shows as (hidden); --json leaves it out and says "hidden": true.
            """)
        @OptionGroup var home: HomeOptions
        @Flag(help: "Print JSON.") var json = false

        /// A secret's value is left out (``JAASOption/isSecret``), `hidden` saying so.
        struct Option: Encodable { let name: String, value: String?, hidden: Bool, line: Int }
        struct Module: Encodable { let className: String, flag: String, line: Int, options: [Option] }
        struct Entry: Encodable { let name: String, line: Int, modules: [Module] }
        struct Problem: Encodable { let line: Int, message: String }
        struct Output: Encodable { let file: String, exists: Bool, entries: [Entry], problem: Problem? }

        func run() throws {
            let (path, document, exists) = try home.open().jaasFile()
            let output = Output(file: path, exists: exists, entries: document.entries.map { entry in
                Entry(name: entry.name, line: entry.line, modules: entry.modules.map { module in
                    Module(className: module.className, flag: module.flag, line: module.line,
                           options: module.options.map { Option(name: $0.name, value: $0.isSecret ? nil : $0.value, hidden: $0.isSecret, line: $0.line) })
                })
            }, problem: document.problem.map { Problem(line: $0.line, message: $0.message) })
            if json { return try printJSON(output) }
            guard exists else {
                print(HomeOptions.commandsNamingHome("\(path) does not exist yet (wssconsole jaas service ... creates it)"))
                return
            }
            print(path)
            for entry in output.entries {
                print("\(entry.name)")
                for module in entry.modules {
                    print("  \(module.className) \(module.flag)")
                    for option in module.options { print("    \(option.name)=\(option.value ?? JAASOption.hiddenValue)") }
                }
            }
            if let problem = output.problem { print("line \(problem.line): \(problem.message) (Java refuses the file)") }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check jaas.conf: Java's syntax, option names and values (useKeyTab=tfalse), the service keytab, and live logins.",
            discussion: """
            Live: the service principal logs in with its keytab (or password) and a client gets a ticket for the service \
            that the service keytab opens: --client-principal, else the self-test's client ([client] kerberos_principal), \
            else the Client entry's; all with the home's krb5.conf. Exits 1 on an error.
            """)
        @OptionGroup var home: HomeOptions
        @OptionGroup var check: Krb5CheckOptions
        @OptionGroup var credentials: Krb5CredentialOptions

        func run() throws {
            let home = try home.open()
            try printKerberosReport(try home.checkJaas(try credentials.checkOptions(check)), home: home, json: check.json)
        }
    }

    struct Service: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the service entry log in as a principal with a keytab (or a password).",
            discussion: "Sets useKeyTab, keyTab, principal, storeKey=true, useTicketCache=false and isInitiator=false; creates the entry when missing.")
        @OptionGroup var home: HomeOptions
        @Option(help: ArgumentHelp("The service principal.", valueName: "HTTP/host@REALM")) var principal: String
        @Option(help: ArgumentHelp("The keytab, as the server sees the path (relative paths start at the server home).", valueName: "FILE"))
        var keytab: String?
        @Flag(help: "Log in with a password instead of a keytab (WSO2 reads it from the policy).") var password = false
        @Option(help: "The entry's name.") var entry = "Server"
        @OptionGroup var write: WriteOptions

        func validate() throws {
            try Krb5Arguments.word("--entry", entry, what: "entry name")
            if (keytab == nil) == !password { throw ValidationError("Give --keytab FILE or --password.") }
        }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors { try home.planJaasService(principal: principal, keytab: keytab, entry: entry) }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Client: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the client entry log in (as a principal, with a keytab or the caller's password), never from a ticket cache.")
        @OptionGroup var home: HomeOptions
        @Option(help: ArgumentHelp("The client principal (omit to let the calling program name it).", valueName: "PRINCIPAL"))
        var principal: String?
        @Option(help: ArgumentHelp("The client's keytab.", valueName: "FILE")) var keytab: String?
        @Option(help: "The entry's name.") var entry = "Client"
        @OptionGroup var write: WriteOptions

        func validate() throws { try Krb5Arguments.word("--entry", entry, what: "entry name") }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors { try home.planJaasClient(principal: principal, keytab: keytab, entry: entry) }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an option of an entry's Kerberos login module.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The entry (Server, Client, ...).") var entry: String
        @Argument(help: "The option (useKeyTab, keyTab, principal, ...).") var name: String
        @Argument(help: "Its value (quoted in the file when Java needs quotes).") var value: String
        @Flag(help: "Write it even when the checks find an error.") var force = false
        @OptionGroup var write: WriteOptions

        func validate() throws {
            try Krb5Arguments.word("<entry>", entry, what: "entry name")
            try Krb5Arguments.word("<name>", name, what: "option name")
            try Krb5Arguments.jaasValue("<value>", value)
        }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors {
                let shown = JAASOption.isSecret(name: name, value: value) ? JAASOption.hiddenValue : value
                return try home.planJaasEdit("jaas.conf: \(entry) \(name)=\(shown)") { (d: inout JAASDocument) throws(KerberosConfigError) in
                    try d.setOption(name, to: value, entry: entry)
                    guard !force, let line = d.entry(entry)?.module()?.option(name)?.line else { return }
                    if let error = JAASLint.findings(in: d).first(where: { $0.line == line && $0.severity == .error }) {
                        throw .invalidValue(error.message + (error.fix.isEmpty ? "" : " (\(error.fix))") + "; --force writes it anyway")
                    }
                }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an option of an entry's Kerberos login module.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The entry.") var entry: String
        @Argument(help: "The option.") var name: String
        @OptionGroup var write: WriteOptions

        func validate() throws {
            try Krb5Arguments.word("<entry>", entry, what: "entry name")
            try Krb5Arguments.word("<name>", name, what: "option name")
        }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors {
                try home.planJaasEdit("jaas.conf: \(entry) without \(name)") { (d: inout JAASDocument) throws(KerberosConfigError) in
                    guard try d.removeOption(name, entry: entry) else { throw .notFound("\(entry) has no option \(name)") }
                }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an entry.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The entry.") var entry: String
        @OptionGroup var write: WriteOptions

        func validate() throws { try Krb5Arguments.word("<entry>", entry, what: "entry name") }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors {
                try home.planJaasEdit("jaas.conf: remove \(entry)") { (d: inout JAASDocument) throws(KerberosConfigError) in try d.removeEntry(entry) }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Edit jaas.conf in $VISUAL or $EDITOR, check it on return, and save it as a change.")
        @OptionGroup var home: HomeOptions
        @OptionGroup var write: WriteOptions

        func run() throws {
            try Krb5FileEditor(file: .jaas).run(home: try home.open(), write: write)
        }
    }
}
