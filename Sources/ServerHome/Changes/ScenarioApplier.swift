import WSSecurity

/// Plans the changes that apply one of the 16 scenarios to a service (the policy file and the edited definition)
/// or remove its security.
struct ScenarioApplier {
    let home: Home

    func plan(scenario number: Int, service: Service, options: ScenarioOptions = ScenarioOptions()) throws(HomeError) -> Change {
        guard let scenario = ScenarioCatalogue.scenario(number) else {
            throw HomeError(.unknownScenario, "There is no scenario \(number); scenarios are numbered 1 to 16",
                            fix: "`wssconsole scenarios` lists them.")
        }
        if let (setting, why) = options.freshness.lazy.compactMap({ setting, value in setting.refusal(value).map { (setting, $0) } }).first {
            throw HomeError(.policyInvalid, "rampart:\(setting.rawValue): \(why)")
        }
        let (before, definition) = try editableDefinition(of: service)
        let settings = try home.settings()
        let location = home.layout.policyLocation(forService: service.name)
        let policy = policy(scenario, for: service, settings: settings, options: options)

        let policyBefore = FileSystem.read(FileSystem.join(home.root, location.path))
        let jaas = scenario.requirements.contains(.kerberos) ? try KerberosScenario.jaasEdit(options, home: home, settings: settings) : nil
        return try SharedPolicies(home: home).settle(Change(summary: "apply scenario \(number) (\(scenario.name)) to \(service.name)", edits: [
            FileEdit(path: location.path, before: policyBefore, after: PolicyWriter.write(policy), secret: policy.passwordProperty != nil),
            FileEdit(path: service.path, before: before, after: try definition.attaching(policyKey: location.key)),
        ] + (jaas.map { [$0] } ?? [])))
    }

    /// The policy applying `scenario` with `options` to the service would write (for validating it before it is applied).
    func proposedPolicy(_ scenario: Scenario, for service: Service, options: ScenarioOptions) throws(HomeError) -> SecurityPolicy {
        policy(scenario, for: service, settings: try home.settings(), options: options)
    }

    /// The scenario's policy for this host and service; without a new password or keytab in `options`, the Kerberos
    /// password the service's policy holds stays (so validating a scenario tests what applying it writes).
    private func policy(_ scenario: Scenario, for service: Service, settings: ConsoleSettings, options: ScenarioOptions) -> SecurityPolicy {
        var policy = scenario.policy(for: hostSettings(settings, keepingRolesOf: service, options: options))
        KerberosScenario.apply(options, to: &policy, home: home, service: service)
        return policy
    }

    /// The change that removes security from a service: no policy reference, no `<enableSec/>`, and the policy
    /// file wssconsole wrote for it deleted (a policy written by someone else, or that another service uses, stays).
    func planRemoval(service: Service) throws(HomeError) -> Change {
        // A policy reference without <enableSec/> secures nothing, but is removed all the same.
        guard service.security != .unsecured || !service.policyKeys.isEmpty else {
            throw HomeError(.notSecured, "\(service.name) is not secured", fix: "Nothing to remove.")
        }
        let (before, definition) = try editableDefinition(of: service)
        var edits = [FileEdit(path: service.path, before: before, after: try definition.detaching())]
        let ours = home.layout.policyLocation(forService: service.name)
        if service.security.policyKey == ours.key || service.policyKeys.contains(ours.key),
           let policy = FileSystem.read(FileSystem.join(home.root, ours.path)) {
            edits.append(FileEdit(path: ours.path, before: policy, after: nil))
        }
        return try SharedPolicies(home: home).settle(Change(summary: "remove security from \(service.name)", edits: edits))
    }

    /// The definition's bytes and parsed tree, when wssconsole may edit it (also for a custom policy).
    func editableDefinition(of service: Service) throws(HomeError) -> ([UInt8], ServiceDefinition) {
        if let reason = service.readOnlyReason {
            throw HomeError(.readOnly, "\(service.name) cannot be changed here: \(reason)")
        }
        if let problem = service.problem {
            throw HomeError(.serviceUnreadable, "\(service.path): \(problem)", fix: "Fix the service definition first.")
        }
        guard let before = FileSystem.read(FileSystem.join(home.root, service.path)) else {
            throw HomeError(.serviceUnreadable, "Cannot read \(service.path)")
        }
        return (before, try ServiceDefinition(bytes: before, kind: service.kind))
    }

    /// Host settings from the console settings, keeping the allowed roles, Kerberos principal and freshness numbers
    /// (timestampTTL, timestampMaxSkew, nonceLifeTime) an existing policy already has unless `options` names others.
    private func hostSettings(_ settings: ConsoleSettings, keepingRolesOf service: Service, options: ScenarioOptions) -> HostSettings {
        let keystore = settings.serviceKeystoreSettings
        let file = keystore.map { String($0.file.split(separator: "/").last ?? "") } ?? "wso2carbon.jks"
        var roles: [String] = []
        var principal = ""
        let existing = home.writtenPolicy(of: service)
        if let existing {
            roles = existing.carbon?.allowedRoles ?? []
            principal = existing.rampart?.kerberos?.first { $0.name == "service.principal.name" }?.value ?? ""
        }
        let kept = existing?.rampart ?? RampartConfig()
        return HostSettings(runtime: settings.runtime, keyAlias: keystore?.alias ?? "wso2carbon", keystore: file,
                            truststore: file, allowedRoles: options.allowedRoles ?? roles, servicePrincipal: options.servicePrincipal ?? principal,
                            timestampTTL: options.timestampTTL ?? kept.timestampTTL, timestampMaxSkew: options.timestampMaxSkew ?? kept.timestampMaxSkew,
                            nonceLifeTime: options.nonceLifeTime ?? kept.nonceLifeTime)
    }
}
