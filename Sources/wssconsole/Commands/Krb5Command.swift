import ArgumentParser
import Foundation
import KerberosConfig
import ServerHome

/// `wssconsole krb5`: the home's krb5.conf, shown, checked and edited line by line.
struct Krb5Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "krb5", abstract: "Show, check and edit the home's krb5.conf (scenario 16).",
        discussion: "Edits change only the lines they must; every other line keeps its bytes. Each edit is a change with history and undo.",
        subcommands: [Show.self, Check.self, SetDefaultRealm.self, Set.self, Unset.self, Krb5RealmCommand.self, Krb5DomainCommand.self,
                      Edit.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the default realm, realms, domain mappings and settings.",
            discussion: "A file with syntax errors is shown as BROKEN with its errors, and the command exits 1.")
        @OptionGroup var home: HomeOptions
        @Flag(help: "Print JSON.") var json = false

        struct Setting: Encodable { let name: String, value: String, line: Int }
        struct Realm: Encodable { let name: String, kdcs: [String], adminServers: [String], line: Int }
        struct Mapping: Encodable { let domain: String, realm: String, line: Int }
        struct Problem: Encodable { let line: Int, message: String }
        struct Output: Encodable {
            let file: String, exists: Bool, defaultRealm: String?
            let libdefaults: [Setting], realms: [Realm], domainRealm: [Mapping]
            /// Syntax errors: libkrb5 refuses or misreads the file, and the lists above are only how wssconsole reads it.
            let problems: [Problem]
        }

        func run() throws {
            let home = try home.open()
            let (path, document, exists) = try home.krb5File()
            let settings = document.sections(named: "libdefaults").flatMap(\.relations).compactMap { r in
                r.value.map { Setting(name: r.name, value: $0, line: r.line) }
            }
            let output = Output(file: path, exists: exists, defaultRealm: document.defaultRealm, libdefaults: settings,
                                realms: document.realms.map { Realm(name: $0.name, kdcs: $0.kdcs, adminServers: $0.adminServers, line: $0.line) },
                                domainRealm: document.domainRealms.map { Mapping(domain: $0.domain, realm: $0.realm, line: $0.line) },
                                problems: exists ? Self.problems(document, file: path.hasPrefix("/") ? path : home.root + "/" + path) : [])
            // A broken file exits 1 after showing it, as check does: a script must not take the lists for what libkrb5 reads.
            if json {
                try printJSON(output)
                if !output.problems.isEmpty { throw ExitCode(1) }
                return
            }
            guard exists else {
                print(HomeOptions.commandsNamingHome("\(path) does not exist yet (wssconsole krb5 set-default-realm REALM creates it)"))
                return
            }
            print("\(path)")
            if !output.problems.isEmpty {
                print("BROKEN: libkrb5 refuses or misreads this file; below is only how wssconsole reads it")
                for problem in output.problems { print("  \(path)\(problem.line > 0 ? ":\(problem.line)" : ""): \(problem.message)") }
                print(HomeOptions.commandsNamingHome("  fix it with: wssconsole krb5 edit (krb5 check --offline lists every finding)"))
            }
            print("default realm: \(output.defaultRealm ?? "(none)")")
            print("realms:")
            if output.realms.isEmpty { print("  (none)") }
            for realm in output.realms {
                print("  \(realm.name)  kdc: \(realm.kdcs.isEmpty ? "(none)" : realm.kdcs.joined(separator: ", "))"
                      + (realm.adminServers.isEmpty ? "" : "  admin_server: \(realm.adminServers.joined(separator: ", "))"))
            }
            if !output.domainRealm.isEmpty {
                print("domain_realm:")
                for mapping in output.domainRealm { print("  \(mapping.domain) -> \(mapping.realm)") }
            }
            print("libdefaults:")
            for setting in settings { print("  \(setting.name) = \(setting.value)") }
            if !output.problems.isEmpty { throw ExitCode(1) }
        }

        /// What makes libkrb5 refuse or misread the file: syntax, an include it cannot read, and (line 0) whatever
        /// else libkrb5 itself refuses it for.
        static func problems(_ document: Krb5Document, file: String) -> [Problem] {
            var problems = document.problems.map { Problem(line: $0.line, message: $0.message) }
            problems += Krb5Lint.findings(in: document).filter { $0.code.hasPrefix("krb5.include.") }.map { Problem(line: $0.line ?? 0, message: $0.message) }
            if problems.isEmpty, case .failure(let error) = Krb5ProfileCheck.load(path: file) {
                problems.append(Problem(line: 0, message: "libkrb5 refuses the file: \(error.reason)"))
            }
            return problems
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check krb5.conf: syntax (with line numbers), settings, weak enctypes, libkrb5 loading it, each realm's KDC answering.",
            discussion: "Exits 1 when an error is found. Only this home's krb5.conf is read; /etc/krb5.conf and KRB5_CONFIG are not.")
        @OptionGroup var home: HomeOptions
        @OptionGroup var check: Krb5CheckOptions

        func run() throws {
            let home = try home.open()
            try printKerberosReport(try home.checkKrb5(KerberosCheckOptions(live: !check.offline, timeout: check.timeout)),
                                    home: home, json: check.json)
        }
    }

    struct SetDefaultRealm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-default-realm", abstract: "Set [libdefaults] default_realm.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The realm, e.g. EXAMPLE.COM.") var realm: String
        @OptionGroup var write: WriteOptions

        func validate() throws { try Krb5Arguments.name("<realm>", realm, what: "realm name") }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors {
                try home.planKrb5Edit("krb5.conf: default_realm = \(realm)") { (d: inout Krb5Document) throws(KerberosConfigError) in try d.setDefaultRealm(realm) }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a [libdefaults] setting (dns_lookup_kdc, default_tkt_enctypes, ticket_lifetime, ...).",
            discussion: "The value is checked like `krb5 check` does: a misspelt name or a value libkrb5 or Java would misread is refused.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The setting's name.") var name: String
        @Argument(help: "Its value (quote a list: \"aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96\").") var value: String
        @Flag(help: "Write it even when the checks find an error.") var force = false
        @OptionGroup var write: WriteOptions

        func validate() throws {
            try Krb5Arguments.name("<name>", name, what: "setting name")
            try Krb5Arguments.value("<value>", value, for: name)
        }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors {
                try home.planKrb5Edit("krb5.conf: \(name) = \(value)") { (d: inout Krb5Document) throws(KerberosConfigError) in
                    try d.set(name, to: value, in: "libdefaults")
                    guard !force, let line = d.relation(name, in: "libdefaults")?.line else { return }
                    if let error = Krb5Lint.findings(in: d).first(where: { $0.line == line && $0.severity == .error }) {
                        throw .invalidValue("\(error.message)" + (error.fix.isEmpty ? "" : " (\(error.fix))") + "; --force writes it anyway")
                    }
                }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a [libdefaults] setting.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The setting's name.") var name: String
        @OptionGroup var write: WriteOptions

        func validate() throws { try Krb5Arguments.name("<name>", name, what: "setting name") }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors {
                try home.planKrb5Edit("krb5.conf: remove \(name)") { (d: inout Krb5Document) throws(KerberosConfigError) in
                    guard d.remove(name, from: "libdefaults") else { throw .notFound("[libdefaults] has no \(name)") }
                }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Edit krb5.conf in $VISUAL or $EDITOR, check it on return, and save it as a change.",
            discussion: "When the checks find an error you can edit again, save anyway or discard.")
        @OptionGroup var home: HomeOptions
        @OptionGroup var write: WriteOptions

        func run() throws {
            try Krb5FileEditor(file: .krb5).run(home: try home.open(), write: write)
        }
    }
}
