import ArgumentParser
import Foundation
import ServerHome
import WSSecurity

/// `wssconsole apply`: writes a scenario's policy (or the operator's own policy file) for a service and references
/// it from the definition, then validates the service.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply", abstract: "Apply one of the 16 scenarios, or a custom policy file, to a service.")

    @OptionGroup var home: HomeOptions
    @Option(help: "The service's name.") var service: String
    @Option(help: "The scenario number, 1 to 16.") var scenario: Int?
    @Option(help: ArgumentHelp("A custom WS-SecurityPolicy file, written unchanged as the service's policy.", valueName: "FILE"))
    var policy: String?
    @Option(help: ArgumentHelp("UsernameToken scenarios (1, 7, 8, 14, 15): the roles allowed to call, comma-separated; \"\" lets every authenticated user call. Without it, the roles the service's policy grants stay.", valueName: "R1,R2"))
    var roles: String?
    @Option(help: ArgumentHelp("rampart:timestampTTL: how long a client's Timestamp is valid, Created to Expires. Without it (and the two below), the service's policy's value stays; 300 for a new one.", valueName: "SECONDS"))
    var timestampTTL: Int?
    @Option(help: ArgumentHelp("rampart:timestampMaxSkew: the clock skew allowed on Created and Expires; 0 allows none.", valueName: "SECONDS"))
    var timestampSkew: Int?
    @Option(help: ArgumentHelp("UsernameToken scenarios: rampart:nonceLifeTime, how long a token's nonce is remembered against replays; validate names the shortest that covers the Timestamp.", valueName: "SECONDS"))
    var nonceLifetime: Int?
    @OptionGroup var kerberos: Krb5ScenarioOptions
    @Flag(help: "Scenario 16 (or a Kerberos --policy): apply it even though other Kerberos services log in with jaas.conf's one Server entry as another principal.")
    var force = false
    @OptionGroup var write: WriteOptions

    /// The roles given, as Micro Integrator will compare them (checked by `validate`).
    var allowedRoles: [String]? { roles.flatMap { try? AllowedRoles.parse($0) } }

    func validate() throws {
        guard (scenario == nil) != (policy == nil) else { throw ValidationError("Give exactly one of --scenario N and --policy FILE.") }
        if let scenario, !(1...16).contains(scenario) {
            throw ValidationError("There is no scenario \(scenario); scenarios are numbered 1 to 16 (wssconsole scenarios lists them).")
        }
        if let roles {
            guard let scenario, ScenarioCatalogue.scenario(scenario)?.usesAllowedRoles == true else {
                throw ValidationError("--roles is for the UsernameToken scenarios 1, 7, 8, 14 and 15" + (policy == nil ? "." : "; a --policy file is written unchanged: put its roles in the file."))
            }
            do { _ = try AllowedRoles.parse(roles) } catch { throw ValidationError("--roles \"\(roles)\": \(error).") }
        }
        let freshness: [(String, FreshnessSetting, Int?)] = [("--timestamp-ttl", .timestampTTL, timestampTTL),
                                                               ("--timestamp-skew", .timestampMaxSkew, timestampSkew),
                                                               ("--nonce-lifetime", .nonceLifeTime, nonceLifetime)]
        if policy != nil, let (option, _, _) = freshness.first(where: { $0.2 != nil }) {
            throw ValidationError("\(option) sets a scenario's RampartConfig; a --policy file is written unchanged: put rampart:timestampTTL, timestampMaxSkew and nonceLifeTime in the file.")
        }
        for case let (option, setting, value?) in freshness {
            if let why = setting.refusal(value) { throw ValidationError("\(option) \(value): \(why).") }
        }
        if nonceLifetime != nil, let scenario, ScenarioCatalogue.scenario(scenario)?.usesAllowedRoles != true {
            throw ValidationError("--nonce-lifetime is for the UsernameToken scenarios 1, 7, 8, 14 and 15: scenario \(scenario) carries no nonce that Rampart checks.")
        }
        if policy != nil, kerberos.passwordGiven {
            throw ValidationError("With --policy the service's password is the file's service.principal.password (the file is written unchanged); give --keytab, or put the password in the file.")
        }
    }

    func run() throws {
        let home = try home.open()
        let change: Change
        let takeover: ServerEntryTakeover?
        var proposed = ScenarioOptions()
        if let scenario {
            // Without a terminal nothing can ask for the principal: scenario 16 would be written naming none (an
            // error at validation) unless the service runs it already and keeps its own.
            if scenario == 16, kerberos.principal == nil, isatty(0) != 1, !runsScenario16(home) {
                throw ValidationError("Scenario 16 needs --principal HTTP/host@REALM, with --keytab FILE or --password-env NAME (on a terminal, apply asks for them).")
            }
            var options = try kerberos.options(scenario: scenario)
            options.allowedRoles = allowedRoles
            (options.timestampTTL, options.timestampMaxSkew, options.nonceLifeTime) = (timestampTTL, timestampSkew, nonceLifetime)
            change = try home.planApply(scenario: scenario, to: service, options: options)
            takeover = try refuseServerEntryTakeover(home, options)
            proposed = options
        } else {
            let plan = try home.planApplyPolicy(bytes: [UInt8](readFile(policy!, what: "policy")), to: service, options: kerberos.customPolicyOptions)
            for warning in plan.warnings { printError("wssconsole: warning: \(warning)") }
            change = plan.change
            takeover = try refuseServerEntryTakeover(home, kerberos.customPolicyOptions)
        }
        for note in home.applyNotes(for: service) { print("note: \(note)") }
        guard try write.perform(change, on: home) != nil else {
            // A dry run validates what it would write (a scenario's: a custom policy is checked by `policy check`).
            if let scenario { printValidation(home.validate(try home.service(named: service), scenario: scenario, options: proposed, selfTest: false), on: home, dryRun: true) }
            return
        }
        if let takeover { print("next: put the other Kerberos services on \(takeover.principal) too: \(home.commandsNamingHome(takeover.followUp))") }
        printValidation(home.validate(try home.service(named: service)), on: home, dryRun: false)
    }

    /// The offline findings; the self-test (a KDC for 16, the client's identity) is `validate`'s.
    private func printValidation(_ report: ValidationReport, on home: Home, dryRun: Bool) {
        print("validation\(dryRun ? " of the dry run" : ""): \(report.state.label) (without the self-test: \(WriteOptions.command("validate --service \(service)", on: home)) runs it\(dryRun ? " once applied" : ""))")
        for finding in report.findings { print("  \(finding.severity.rawValue): \(finding.message)" + (finding.fix.isEmpty ? "" : " (fix: \(home.commandsNamingHome(finding.fix)))")) }
    }

    /// The other Kerberos services share jaas.conf's Server entry: moving it to another principal is refused unless
    /// --force (a dry run only warns); forced, the commands that move them too are printed once it is written.
    private func refuseServerEntryTakeover(_ home: Home, _ options: ScenarioOptions) throws -> ServerEntryTakeover? {
        try home.refuseServerEntryTakeover(applying: options, to: service, force: force || write.dryRun)
        guard let takeover = home.serverEntryTakeover(applying: options, to: service) else { return nil }
        printError("wssconsole: warning: \(takeover.message)")
        return takeover
    }

    /// Whether the service is under scenario 16 already: applying it again keeps the policy's principal.
    private func runsScenario16(_ home: Home) -> Bool {
        if case .scenario(16, _)? = try? home.service(named: service).security { return true }
        return false
    }
}
