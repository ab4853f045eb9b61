import ArgumentParser
import ConsoleUI
import Foundation
import KerberosConfig
import KeyMaterial
import ServerHome

/// Options of `krb5 check` and `jaas check`.
struct Krb5CheckOptions: ParsableArguments {
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Check the files only; do not contact the KDC.") var offline = false
    @Option(help: ArgumentHelp("Seconds one KDC exchange may take before it counts as no answer.", valueName: "SECONDS"))
    var timeout: Double = 5

    func validate() throws {
        guard timeout > 0 && timeout <= 120 else { throw ValidationError("--timeout must be between 0 and 120 seconds.") }
    }
}

/// The secrets a live check may use: the service's password (when it logs in without a keytab) and a client to try.
/// Passwords come from the terminal without echo, an environment variable or a file, never the command line.
struct Krb5CredentialOptions: ParsableArguments {
    @Option(name: .customLong("service-password-env"), help: ArgumentHelp("The service principal's password, from the environment variable NAME.", valueName: "NAME"))
    var servicePasswordEnv: String?
    @Option(name: .customLong("service-password-file"), help: ArgumentHelp("The service principal's password, from FILE (first line; keep it 0600).", valueName: "FILE"))
    var servicePasswordFile: String?
    @Flag(name: .customLong("service-password-prompt"), help: "Ask for the service principal's password on the terminal.")
    var servicePasswordPrompt = false

    @Option(name: .customLong("client-principal"), help: ArgumentHelp("Also check that this client gets a ticket for the service.", valueName: "PRINCIPAL"))
    var clientPrincipal: String?
    @Option(name: .customLong("client-keytab"), help: ArgumentHelp("The client's keytab (else its password is asked for).", valueName: "FILE"))
    var clientKeytab: String?
    @Option(name: .customLong("client-password-env"), help: ArgumentHelp("The client's password, from the environment variable NAME.", valueName: "NAME"))
    var clientPasswordEnv: String?
    @Option(name: .customLong("client-password-file"), help: ArgumentHelp("The client's password, from FILE.", valueName: "FILE"))
    var clientPasswordFile: String?

    func validate() throws {
        if [servicePasswordEnv != nil, servicePasswordFile != nil, servicePasswordPrompt].filter({ $0 }).count > 1 {
            throw ValidationError("Give one of --service-password-env, --service-password-file and --service-password-prompt.")
        }
        if [clientKeytab != nil, clientPasswordEnv != nil, clientPasswordFile != nil].filter({ $0 }).count > 1 {
            throw ValidationError("Give one of --client-keytab, --client-password-env and --client-password-file.")
        }
        if clientPrincipal == nil && (clientKeytab != nil || clientPasswordEnv != nil || clientPasswordFile != nil) {
            throw ValidationError("--client-keytab and --client-password-* need --client-principal.")
        }
    }

    /// The check options with the secrets read now.
    func checkOptions(_ check: Krb5CheckOptions) throws -> KerberosCheckOptions {
        var options = KerberosCheckOptions(live: !check.offline, timeout: check.timeout)
        // As the console's check and validate: without --client-principal, the self-test's client when one is set.
        options.selfTestClient = true
        if servicePasswordEnv != nil || servicePasswordFile != nil || servicePasswordPrompt {
            options.servicePassword = try SecretSource(file: servicePasswordFile, environment: servicePasswordEnv, what: "password",
                                                   options: "--service-password-env NAME or --service-password-file F")
                .read(prompt: "Password of the service principal: ", confirm: false)
        }
        if let clientPrincipal {
            let credential: KerberosCredential
            if let clientKeytab {
                credential = .keytab(path: FileManager.default.currentDirectoryPath.appendingPath(clientKeytab))
            } else {
                credential = .password(try SecretSource(file: clientPasswordFile, environment: clientPasswordEnv, what: "password",
                                                     options: "--client-keytab FILE, --client-password-env NAME or --client-password-file F")
                    .read(prompt: "Password of \(clientPrincipal): ", confirm: false))
            }
            options.client = JAASCheck.Client(principal: clientPrincipal, credential: credential)
        }
        return options
    }
}

/// Prints a check's findings, for people or as JSON, and exits 1 when one is an error. Their fixes' commands name `home`.
func printKerberosReport(_ report: KerberosReport, home: Home, json: Bool) throws {
    let findings = report.findings.map { finding in
        var finding = finding
        finding.fix = home.commandsNamingHome(finding.fix)
        return finding
    }
    if json {
        struct Output: Encodable { let file: String, ok: Bool, findings: [KerberosFinding] }
        try printJSON(Output(file: report.file, ok: !report.hasErrors, findings: findings))
    } else {
        print(report.file)
        for finding in findings {
            let label = finding.isPass ? "ok" : finding.severity.rawValue
            print("  " + column(label, 9) + finding.located)
            if !finding.fix.isEmpty && finding.severity != .info { print("  " + column("", 9) + "fix: \(finding.fix)") }
        }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        print("\(Plural.count(errors, "error")), \(Plural.count(warnings, "warning"))")
    }
    if report.hasErrors { throw ExitCode(1) }
}

/// Runs `body`, turning the Kerberos module's refusals (a bad realm name, a missing entry) into the CLI's failure.
func reportingKerberosErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as KerberosConfigError {
        throw OperationFailed(message: error.reason)
    }
}

/// Commits a Kerberos file change unless it changes nothing.
func performKerberosChange(_ change: Change, write: WriteOptions, home: Home) throws {
    guard !change.edits.isEmpty else {
        print("nothing to change (\(change.summary))")
        return
    }
    try write.perform(change, on: home)
}

extension String {
    /// `path` resolved against this folder unless it is absolute.
    func appendingPath(_ path: String) -> String { path.hasPrefix("/") ? path : (self as NSString).appendingPathComponent(path) }
}
