import WSSecurity

/// Applying the operator's own policy file: what will be written, and what the operator should know first.
public struct CustomPolicyPlan: Sendable {
    public let change: Change
    /// The policy's `wsu:Id`.
    public let policyId: String
    /// Things to know before committing (a scenario's `wsu:Id` on other assertions, several alternatives).
    public let warnings: [String]
    /// True when the policy has a Kerberos token: jaas.conf's service entry can be set with it (`ScenarioOptions`).
    public let usesKerberos: Bool
    /// The service principal the policy names (`service.principal.name`), if any.
    public let servicePrincipal: String?
}

/// Plans applying a custom policy (any WS-SecurityPolicy file, not one of the 16 scenarios) to a service: the file's
/// bytes, unchanged, become the service's policy and the definition references it, as a scenario's policy does.
struct CustomPolicyApplier {
    let home: Home

    func plan(bytes: [UInt8], service: Service, options: ScenarioOptions = ScenarioOptions()) throws(HomeError) -> CustomPolicyPlan {
        let policy: SecurityPolicy
        do { policy = try PolicyReader.read(bytes) } catch {
            throw HomeError(.policyInvalid, "The file is not a policy wssconsole can apply: \(error.description)", fix: Self.fix(for: error))
        }
        if let missing = PolicyFindings.missingId(policy) { throw HomeError(.policyInvalid, missing.message, fix: missing.fix) }
        let (before, definition) = try ScenarioApplier(home: home).editableDefinition(of: service)
        let location = home.layout.policyLocation(forService: service.name)
        var warnings: [String] = []
        if let scenario = ScenarioCatalogue.scenario(wsuId: policy.id), scenario.alternative != policy.alternative {
            warnings.append("The policy's wsu:Id \(policy.id) is scenario \(scenario.number)'s, but its assertions differ from that scenario: "
                            + "the console will show it as scenario \(scenario.number). Give it an Id of its own.")
        }
        if policy.alternativesOffered > 1 {
            warnings.append("The policy offers \(policy.alternativesOffered) alternatives; Rampart enforces only the first, and so does wssconsole.")
        }
        warnings += PolicyFindings.protection(policy).filter { $0.severity == .warning }.map { "\($0.message). \($0.fix)" }
        if (try? home.settings())?.runtime == .microIntegrator {
            warnings += PolicyFindings.carbonClasses(policy, onMicroIntegrator: true).map { "\($0.message). \($0.fix)" }
        }
        let jaas = try jaasEdit(for: policy, options: options)
        let change = try SharedPolicies(home: home).settle(Change(summary: "apply the custom policy \(policy.id) to \(service.name)", edits: [
            FileEdit(path: location.path, before: FileSystem.read(FileSystem.join(home.root, location.path)), after: bytes,
                     secret: policy.passwordProperty != nil),
            FileEdit(path: service.path, before: before, after: try definition.attaching(policyKey: location.key)),
        ] + (jaas.map { [$0] } ?? [])))
        return CustomPolicyPlan(change: change, policyId: policy.id, warnings: warnings,
                                usesKerberos: policy.usesKerberos,
                                servicePrincipal: policy.kerberosServicePrincipal)
    }

    /// A Kerberos policy's service principal in jaas.conf's service entry, as `--scenario 16` sets it: the principal
    /// must be the one the policy names (its bytes are written unchanged), the login by `options`' keytab or else by
    /// the policy's own `service.principal.password`. Nil without a principal in `options`.
    private func jaasEdit(for policy: SecurityPolicy, options: ScenarioOptions) throws(HomeError) -> FileEdit? {
        guard let principal = options.servicePrincipal else { return nil }
        guard policy.usesKerberos else {
            throw HomeError(.policyInvalid, "The policy \(policy.id) has no Kerberos token: a service principal means nothing to it",
                            fix: "Give no service principal or keytab for this policy.")
        }
        if let named = policy.kerberosServicePrincipal, named != principal {
            throw HomeError(.policyInvalid, "The policy \(policy.id) names the service principal \(named), not \(principal)",
                            fix: "Use \(named) as the service principal, or change service.principal.name in the policy file.")
        }
        if options.serviceKeytab == nil && policy.kerberosServicePassword == nil {
            throw HomeError(.policyInvalid, "Without a keytab the service logs in with the policy's service.principal.password, and \(policy.id) holds none",
                            fix: "Give the keytab the service logs in with, or put the password in the policy file.")
        }
        return try KerberosScenario.jaasEdit(options, home: home, settings: home.settings())
    }

    private static func fix(for error: PolicyError) -> String {
        switch error.code {
        case .notXML: "Check the file is well-formed XML without a DOCTYPE (wssconsole never reads DTDs)."
        case .notAPolicy: "Give a WS-Policy file: its root is <wsp:Policy> (WS-Policy 2004/09 or 1.5)."
        default: "`wssconsole policy check FILE` shows what wssconsole reads; fix the assertion named above."
        }
    }
}

extension Home {
    /// Plans applying the policy file's bytes to a service, unchanged; nothing is written until `commit`. For a
    /// Kerberos policy, `options` (principal, keytab) also set jaas.conf's service entry.
    public func planApplyPolicy(bytes: [UInt8], to serviceName: String, options: ScenarioOptions = ScenarioOptions()) throws(HomeError) -> CustomPolicyPlan {
        try CustomPolicyApplier(home: self).plan(bytes: bytes, service: service(named: serviceName), options: options)
    }

    /// The same for a policy file named relative to the home's root, or absolute (the console's prompt).
    public func planApplyPolicy(file path: String, to serviceName: String, options: ScenarioOptions = ScenarioOptions()) throws(HomeError) -> CustomPolicyPlan {
        let file = path.hasPrefix("/") ? path : FileSystem.join(root, path)
        guard let bytes = FileSystem.read(file) else {
            throw HomeError(.policyUnreadable, "Cannot read the policy file \(file): it does not exist or is not readable",
                            fix: "Give the file's path relative to the home (\(root)) or an absolute path.")
        }
        return try planApplyPolicy(bytes: bytes, to: serviceName, options: options)
    }
}
