import WSSecurity

/// Checks a service's security against the home: the policy itself, what its scenario needs, and (when asked) the
/// self-test, in which an in-process client and service built from the home exchange a request and a response.
struct ServiceValidator {
    let home: Home

    /// Validates the service's current policy, or the policy scenario `proposed` would write with `options` (before
    /// applying it).
    func validate(_ service: Service, proposing proposed: Int? = nil, options: ScenarioOptions = ScenarioOptions(), selfTest: Bool = false) -> ValidationReport {
        if let problem = service.problem {
            return ValidationReport(findings: [Finding(.error, "service.unreadable", "\(service.path): \(problem)",
                                                       fix: "Fix the definition, or \(History.undoFix()).")],
                                    secured: false, readable: false)
        }
        // Which file a name means is unknown (to Micro Integrator too): the checks below look services up by name.
        if !service.alsoDefinedIn.isEmpty {
            let files = ([service.path] + service.alsoDefinedIn).joined(separator: " and ")
            return ValidationReport(findings: [Finding(.error, "service.duplicate", "\(files) both define \(service.name): the server deploys only one of them",
                                                       fix: "Rename the service in one of the files, or remove one; wssconsole changes neither until then.")],
                                    secured: service.security.policyKey != nil)
        }
        if proposed == nil, service.security == .unsecured, let key = service.policyKeys.first {
            return ValidationReport(findings: [Finding(.warning, "service.policyNotEnforced",
                                                       "\(service.path) references the policy \(key) without <enableSec/>: Micro Integrator does not enforce it, and \(service.name) is not secured",
                                                       fix: "Apply a scenario or the policy (wssconsole apply --service \(service.name) --scenario N, or --policy FILE), or remove the reference: wssconsole unsecure --service \(service.name).")],
                                    secured: false)
        }
        let report = validatePolicy(of: service, proposing: proposed, options: options, selfTest: selfTest)
        let scope = proposed == nil ? scopeFindings(service) : []
        return scope.isEmpty ? report : ValidationReport(findings: scope + report.findings, secured: true)
    }

    /// `<policy type="in">` or `operationName`: Synapse applies the policy to part of the traffic only.
    private func scopeFindings(_ service: Service) -> [Finding] {
        guard service.security.policyKey != nil, let bytes = FileSystem.read(FileSystem.join(home.root, service.path)),
              let definition = try? ServiceDefinition(bytes: bytes, kind: service.kind) else { return [] }
        return definition.scopedPolicies.map { scoped in
            Finding(.warning, "service.policyScope",
                    "<policy key=\"\(scoped.key)\" \(scoped.attributes)/> limits the policy: \(service.name)'s \(scoped.unprotected) go unprotected",
                    fix: "Re-apply the scenario (apply drops type and operationName, so the policy covers both directions and every operation), or remove the attributes from \(service.path).")
        }
    }

    private func validatePolicy(of service: Service, proposing proposed: Int?, options: ScenarioOptions, selfTest: Bool) -> ValidationReport {
        let policy: SecurityPolicy
        let scenario: Scenario?
        if let proposed {
            guard let found = ScenarioCatalogue.scenario(proposed) else {
                return ValidationReport(findings: [Finding(.error, "scenario.unknown", "There is no scenario \(proposed)",
                                                           fix: "Scenarios are numbered 1 to 16.")], secured: false)
            }
            // Applying keeps the proxy's allowRoles parameter, which MI joins to the scenario's roles.
            do { policy = home.enforced(try ScenarioApplier(home: home).proposedPolicy(found, for: service, options: options), of: service) } catch {
                return ValidationReport(findings: [Finding(.error, "settings.unreadable", error.message, fix: error.fix)], secured: true)
            }
            scenario = found
        } else {
            guard service.security.policyKey != nil else { return ValidationReport(findings: [], secured: false) }
            switch currentPolicy(of: service) {
            case .success(let read): policy = read
            case .failure(let failure): return ValidationReport(findings: [failure.finding], secured: true)
            }
            if case .scenario(let number, _) = service.security { scenario = ScenarioCatalogue.scenario(number) } else { scenario = nil }
        }
        // A custom policy is checked as a scenario is, with the requirements its own assertions state.
        let needs = scenario.map(PolicyNeeds.init(scenario:)) ?? PolicyNeeds(custom: policy)
        let loader = KeystoreLoader(home: home)
        var findings = (scenario == nil ? [Finding(.info, "policy.custom", "A custom policy (wsu:Id \(policy.id)); it needs \(needs.described)")] : [])
            + PolicyFindings.of(policy, reapply: needs.reapply(service.name))
            + EnvironmentChecks(home: home, service: service, policy: policy, loader: loader).findings(for: needs)
        if selfTest {
            let client = (try? home.settings()).map { ClientChecks(home: home, settings: $0).findings(for: needs) } ?? []
            findings += client.isEmpty ? SelfTest(home: home, service: service, policy: policy, needs: needs, loader: loader).findings(after: findings) : client
        }
        return ValidationReport(findings: findings, secured: true)
    }

    private func currentPolicy(of service: Service) -> Result<SecurityPolicy, FindingFailure> {
        do {
            let text = try home.policyText(of: service)
            return .success(try home.enforcedPolicy(of: service, text: text))
        } catch let error as HomeError {
            return .failure(FindingFailure(.error, "policy.unreadable", error.message, fix: error.fix))
        } catch {
            // The parse error names a line and column only: which file they are in comes first.
            return .failure(FindingFailure(.error, "policy.invalid", "The policy \(home.policyPath(of: service).map { $0 + " " } ?? "")cannot be read: \(error)",
                                           fix: "Re-apply a scenario, or fix the policy file."))
        }
    }
}
