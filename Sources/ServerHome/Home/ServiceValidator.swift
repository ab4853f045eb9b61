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
            + alternativeFindings(policy) + suiteFindings(policy)
            + EnvironmentChecks(home: home, service: service, policy: policy, loader: loader).findings(for: needs)
        if selfTest {
            findings += SelfTest(home: home, service: service, policy: policy, needs: needs, loader: loader).findings(after: findings)
        }
        return ValidationReport(findings: findings, secured: true)
    }

    /// A policy with several alternatives (wsp:ExactlyOne choices, wsp:Optional assertions) says more than is enforced.
    private func alternativeFindings(_ policy: SecurityPolicy) -> [Finding] {
        guard policy.alternativesOffered > 1 else { return [] }
        return [Finding(.warning, "policy.alternatives",
                        "The policy offers \(policy.alternativesOffered) alternatives (wsp:ExactlyOne or wsp:Optional); Rampart enforces only the first, and so does wssconsole",
                        fix: "Keep one alternative (and no wsp:Optional), so that the policy says what is enforced.")]
    }

    /// A legacy algorithm suite works (the engine serves it for this policy alone) but is weaker than the default.
    private func suiteFindings(_ policy: SecurityPolicy) -> [Finding] {
        if case .transport = policy.alternative.binding { return [] }
        let suite = policy.alternative.binding.common.algorithmSuite
        var findings: [Finding] = []
        if suite.rawValue.hasPrefix("TripleDes") {
            findings.append(Finding(.warning, "policy.tripledes",
                                    "The algorithm suite \(suite.rawValue) encrypts with Triple DES (64-bit blocks; deprecated, and disallowed for encryption by NIST since 2024)",
                                    fix: "Move to Basic256 (or Basic256Sha256) once every client supports AES; keep \(suite.rawValue) only for a client that cannot."))
        }
        if suite.rawValue.hasSuffix("Rsa15") {
            findings.append(Finding(.warning, "policy.rsa15",
                                    "The algorithm suite \(suite.rawValue) sends keys by RSA PKCS #1 v1.5, open to padding-oracle (Bleichenbacher) attacks; wssconsole answers a bad one with a random key, but a peer may not",
                                    fix: "Use a suite without Rsa15 (RSA-OAEP), e.g. Basic256, once every client supports it."))
        }
        return findings
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
