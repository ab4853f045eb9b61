import ArgumentParser
import ServerHome

/// `wssconsole client`: the client the self-test and `message --role client` act as (`[client]` in the settings).
struct ClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "Show or set the client the self-test and message --role client act as.",
        subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the client settings (passwords only by where they come from).")
        @OptionGroup var home: HomeOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let home = try home.open()
            let output = ClientOutput(try home.settings().client, settingsPath: home.layout.settingsPath)
            if json { try printJSON(output) } else { print(home.commandsNamingHome(output.text)) }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Name the client's keystore, user or Kerberos principal (one line each; the rest of the file is kept).",
            discussion: """
            The keystore must open with its password and hold the client's key pair (--alias, or its only one) and the \
            service's certificate (--service-alias, or its only trusted entry); nothing is written otherwise. Passwords \
            are named, never written: --storepass-env/--storepass-file, --password-env/--password-file. Without a client \
            keystore the self-test signs as the service itself, which proves the service's keys and policy but not that \
            your clients' certificates are trusted. "" as --keystore removes the client keystore (its key pair, password \
            and service certificate settings go with it), so that the self-test signs as the service again; "" as --user \
            or --kerberos-principal removes it and its password; another user or principal given without a password \
            drops the previous one's.
            """)
        @OptionGroup var home: HomeOptions
        @OptionGroup var client: ClientArguments
        @Option(name: .customLong("service-alias"), help: ArgumentHelp("The alias of the service's certificate in the client keystore.", valueName: "ALIAS"))
        var serviceAlias: String?
        @Option(name: .customLong("kerberos-principal"), help: ArgumentHelp("Scenario 16: the client's principal.", valueName: "NAME@REALM"))
        var kerberosPrincipal: String?
        @Option(name: .customLong("kerberos-password-env"), help: ArgumentHelp("Scenario 16: its password, from the environment variable NAME.", valueName: "NAME"))
        var kerberosPasswordEnv: String?
        @Option(name: .customLong("kerberos-password-file"), help: ArgumentHelp("Scenario 16: its password, from the first line of FILE.", valueName: "FILE"))
        var kerberosPasswordFile: String?
        @OptionGroup var write: WriteOptions

        func validate() throws {
            if client.keystore == "" && serviceAlias != nil {
                throw ValidationError("--keystore \"\" removes the client keystore and its service certificate: give it without --service-alias.")
            }
            if kerberosPasswordEnv != nil && kerberosPasswordFile != nil {
                throw ValidationError("Give --kerberos-password-env or --kerberos-password-file, not both.")
            }
        }

        func run() throws {
            let home = try home.open()
            var edit = ClientSettingsEdit()
            (edit.keystore, edit.alias, edit.user, edit.serviceAlias) = (client.keystore, client.alias, client.user, serviceAlias)
            edit.kerberosPrincipal = kerberosPrincipal
            edit.storePassword = Self.password(env: client.storepassEnv, file: client.storepassFile)
            edit.password = Self.password(env: client.passwordEnv, file: client.passwordFile)
            edit.kerberosPassword = Self.password(env: kerberosPasswordEnv, file: kerberosPasswordFile)
            if edit.isEmpty { throw ValidationError("Nothing to set: give --keystore, --user or another setting.") }
            _ = try write.perform(try home.planClientSettings(edit), on: home)
        }

        private static func password(env: String?, file: String?) -> ClientSettingsEdit.Password? {
            env.map(ClientSettingsEdit.Password.environment) ?? file.map(ClientSettingsEdit.Password.file)
        }
    }
}

/// The client settings as `client show` prints them.
struct ClientOutput: Encodable {
    struct Keystore: Encodable {
        let file: String
        let alias: String
        let password: String
    }

    let settings: String
    let keystore: Keystore?
    let serviceAlias: String?
    let user: String?
    let password: String?
    let kerberosPrincipal: String?
    let kerberosPassword: String?

    init(_ client: ClientSettings?, settingsPath: String) {
        settings = settingsPath
        keystore = client?.keystore.map { Keystore(file: $0.file, alias: $0.alias, password: $0.password.origin) }
        serviceAlias = client?.serviceAlias
        user = client?.user
        password = client?.user == nil ? nil : client?.password.origin
        kerberosPrincipal = client?.kerberosPrincipal
        kerberosPassword = client?.kerberosPrincipal == nil ? nil : client?.kerberosPassword.origin
    }

    var text: String {
        var lines = ["client ([client] in \(settings))"]
        if let keystore {
            lines.append("  keystore          \(keystore.file), key pair \(keystore.alias), password: \(keystore.password)")
            lines.append("  service cert      " + (serviceAlias ?? "the keystore's only trusted certificate"))
        } else {
            lines.append("  keystore          none: the self-test signs as the service (wssconsole client set --keystore FILE --storepass-env NAME)")
        }
        lines.append("  user              " + (user.map { "\($0), password: \(password ?? "none")" } ?? "none (UsernameToken scenarios need one: client set --user NAME --password-env NAME)"))
        lines.append("  kerberos          " + (kerberosPrincipal.map { "\($0), password: \(kerberosPassword ?? "none")" } ?? "jaas.conf's Client entry"))
        return lines.joined(separator: "\n")
    }
}
