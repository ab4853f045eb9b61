import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome

/// What `wssconsole apply --scenario 16` needs: the service principal and its keytab or password. Asked for on the
/// terminal when not given (the password without echo); never read from the command line itself. With `--policy`,
/// a Kerberos policy takes the principal and keytab (its password stays in the file).
struct Krb5ScenarioOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Scenario 16 (or a Kerberos --policy): the service principal.", valueName: "HTTP/host@REALM")) var principal: String?
    @Option(help: ArgumentHelp("Scenario 16 (or a Kerberos --policy): the service's keytab, as the server sees the path (relative paths start at the server home).",
                               valueName: "FILE"))
    var keytab: String?
    @Option(name: .customLong("password-env"), help: ArgumentHelp("Scenario 16: the principal's password, from the environment variable NAME.", valueName: "NAME"))
    var passwordEnv: String?
    @Option(name: .customLong("password-file"), help: ArgumentHelp("Scenario 16: the principal's password, from FILE (first line).", valueName: "FILE"))
    var passwordFile: String?
    @Flag(name: .customLong("password"), help: "Scenario 16: ask for the principal's password on the terminal.")
    var passwordPrompt = false

    var passwordGiven: Bool { passwordEnv != nil || passwordFile != nil || passwordPrompt }

    func validate() throws {
        if [keytab != nil, passwordEnv != nil, passwordFile != nil, passwordPrompt].filter({ $0 }).count > 1 {
            throw ValidationError("Give one of --keytab, --password-env, --password-file and --password.")
        }
        if principal == nil && (keytab != nil || passwordGiven) { throw ValidationError("--keytab and the password options need --principal.") }
    }

    /// The options for applying `scenario`, asking on the terminal for what scenario 16 still needs.
    func options(scenario: Int) throws -> ScenarioOptions {
        guard scenario == 16 else {
            if principal != nil { throw ValidationError("--principal, --keytab and the password options are for scenario 16 (Kerberos).") }
            return ScenarioOptions()
        }
        let interactive = isatty(0) == 1
        guard let principal = principal ?? (interactive ? Self.line("Service principal (HTTP/host@REALM; empty to set it later): ") : nil),
              !principal.isEmpty else { return ScenarioOptions() }
        if passwordGiven {
            let secret = try SecretSource(file: passwordFile, environment: passwordEnv, what: "password",
                                          options: "--password-env NAME or --password-file F")
                .read(prompt: "Password of \(principal): ", confirm: false)
            return ScenarioOptions(servicePrincipal: principal, servicePassword: secret)
        }
        if let keytab { return ScenarioOptions(servicePrincipal: principal, serviceKeytab: keytab) }
        guard interactive else {
            throw ValidationError("Scenario 16 needs the principal's --keytab FILE, or its password (--password-env, --password-file, --password).")
        }
        if let file = Self.line("Keytab of \(principal) (empty to give a password instead): "), !file.isEmpty {
            return ScenarioOptions(servicePrincipal: principal, serviceKeytab: file)
        }
        let secret = try SecretSource(file: nil, environment: nil, what: "password", options: "--keytab FILE, --password-env NAME or --password-file F")
            .read(prompt: "Password of \(principal): ", confirm: false)
        return ScenarioOptions(servicePrincipal: principal, servicePassword: secret)
    }

    /// The options for a custom Kerberos policy: the principal and keytab for jaas.conf. Its password, if any, is
    /// in the policy file, which is written unchanged.
    var customPolicyOptions: ScenarioOptions {
        ScenarioOptions(servicePrincipal: principal, serviceKeytab: keytab)
    }

    private static func line(_ prompt: String) -> String? {
        print(prompt, terminator: "")
        fflush(nil)
        return readLine()?.trimmingCharacters(in: .whitespaces)
    }
}
