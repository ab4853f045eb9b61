import WSSecurity

/// Checks a service's security against the home: the policy itself, what its scenario needs, and (when asked) the
/// self-test, in which an in-process client and service built from the home exchange a request and a response.
struct ServiceValidator {
    let home: Home

    /// Validates the service's current policy, or the policy scenario `proposed` would write (before applying it).
    func validate(_ service: Service, proposing proposed: Int? = nil, selfTest: Bool = false) -> ValidationReport {
        if let problem = service.problem {
            return ValidationReport(findings: [Finding(.error, "service.unreadable", "\(service.path): \(problem)",
                                                       fix: "Fix the definition, or restore it from .wssconsole/history.")],
                                    secured: false, readable: false)
        }
        let policy: SecurityPolicy
        let scenario: Scenario?
        if let proposed {
            guard let found = ScenarioCatalogue.scenario(proposed) else {
                return ValidationReport(findings: [Finding(.error, "scenario.unknown", "There is no scenario \(proposed)",
                                                           fix: "Scenarios are numbered 1 to 16.")], secured: false)
            }
            do { policy = try ScenarioApplier(home: home).proposedPolicy(found, for: service) } catch {
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
            + PolicyFindings.of(policy)
            + EnvironmentChecks(home: home, service: service, policy: policy, loader: loader).findings(for: needs)
        if selfTest {
            findings += SelfTest(home: home, service: service, policy: policy, needs: needs, loader: loader).findings(after: findings)
        }
        return ValidationReport(findings: findings, secured: true)
    }

    private func currentPolicy(of service: Service) -> Result<SecurityPolicy, FindingFailure> {
        do {
            let text = try home.policyText(for: service.name)
            return .success(try PolicyReader.read(Array(text.utf8)))
        } catch let error as HomeError {
            return .failure(FindingFailure(.error, "policy.unreadable", error.message, fix: error.fix))
        } catch {
            return .failure(FindingFailure(.error, "policy.invalid", "The policy cannot be read: \(error)", fix: "Re-apply a scenario, or fix the policy file."))
        }
    }
}
