import WSSecurity

/// What a service's policy needs from the home and how findings name that policy: a scenario's requirements from
/// the catalogue, or those read from a custom policy's assertions. The checks and the self-test take this, so a
/// custom policy is validated exactly as a scenario is.
struct PolicyNeeds: Sendable {
    let requirements: Set<Scenario.Requirement>
    /// "scenario 5" or "the custom policy MyPolicy", for findings.
    let label: String
    /// The scenario's number, for fixes that re-apply it; nil for a custom policy.
    let scenarioNumber: Int?

    init(scenario: Scenario) {
        requirements = scenario.requirements
        label = "scenario \(scenario.number)"
        scenarioNumber = scenario.number
    }

    /// Some requirements only, named as `label` names the policy.
    init(requirements: Set<Scenario.Requirement>, label: String) {
        self.requirements = requirements
        self.label = label
        scenarioNumber = nil
    }

    init(custom policy: SecurityPolicy) {
        requirements = PolicyRequirements.requirements(of: policy)
        label = "the custom policy \(policy.id)"
        scenarioNumber = nil
    }

    /// The command that applies the scenario to `service` again, for fixes its options make; nil for a custom policy.
    func reapply(_ service: String) -> String? {
        scenarioNumber.map { "wssconsole apply --service \(service) --scenario \($0)" }
    }

    /// The label at the start of a sentence.
    var subject: String { label.prefix(1).uppercased() + label.dropFirst() }

    /// The requirements in words, for the custom policy's information finding.
    var described: String {
        let words: [(Scenario.Requirement, String)] = [
            (.https, "HTTPS"), (.serviceKeyPair, "the service's key pair"), (.trustedClients, "trusted client certificates"),
            (.userStore, "a user store"), (.kerberos, "Kerberos (KDC, principal, krb5.conf, jaas.conf)"),
            (.secureConversation, "the service as STS (SecureConversation)"),
        ]
        let needed = words.filter { requirements.contains($0.0) }.map(\.1)
        return needed.isEmpty ? "nothing from the home" : needed.joined(separator: ", ")
    }
}
