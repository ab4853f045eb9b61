import WSSecurity

/// Checks a service's security against the home: the policy itself, and what its scenario needs.
struct ServiceValidator {
    let home: Home

    func validate(_ service: Service) -> ValidationReport {
        if let problem = service.problem {
            return ValidationReport(findings: [Finding(.error, "service.unreadable", "\(service.path): \(problem)",
                                                       fix: "Fix the definition, or restore it from .wssconsole/history.")],
                                    secured: false, readable: false)
        }
        guard service.security.policyKey != nil else { return ValidationReport(findings: [], secured: false) }
        var findings: [Finding] = []
        let policy: SecurityPolicy
        do {
            let text = try home.policyText(for: service.name)
            policy = try PolicyReader.read(Array(text.utf8))
        } catch let error as HomeError {
            return ValidationReport(findings: [Finding(.error, "policy.unreadable", error.message, fix: error.fix)], secured: true)
        } catch {
            return ValidationReport(findings: [Finding(.error, "policy.invalid", "The policy cannot be read: \(error)",
                                                       fix: "Re-apply a scenario, or fix the policy file.")], secured: true)
        }
        guard case .scenario(let number, _) = service.security, let scenario = ScenarioCatalogue.scenario(number) else {
            findings.append(Finding(.info, "policy.custom", "A custom policy (\(policy.id)): only its syntax is checked"))
            return ValidationReport(findings: findings, secured: true)
        }
        findings += EnvironmentChecks(home: home, service: service, policy: policy).findings(for: scenario)
        return ValidationReport(findings: findings, secured: true)
    }
}
