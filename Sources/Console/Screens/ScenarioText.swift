import ConsoleUI
import WSSecurity

/// The plain-language panel for one scenario: what it protects, what a client needs, and its diagram,
/// wrapped to the panel's width.
enum ScenarioText {
    /// "2 Non-repudiation (SigOnly)": the number, WSO2's name and the policy's wsu:Id operators see in files.
    static func heading(_ scenario: Scenario) -> String {
        "\(scenario.number) \(scenario.name) (\(scenario.wsuId))"
    }

    static func lines(for scenario: Scenario, width: Int, fullName: Bool) -> [StyledLine] {
        var lines = labelled("Protects", scenario.protects, width: width)
        lines += labelled("Client needs", scenario.clientNeeds, width: width)
        lines += scenario.diagram.map { StyledLine("  " + $0, .strong) }
        // Long WSO2 names (Secure Conversation) do not fit in the box title; the whole name comes last so
        // what matters most stays visible at 80x24, and PgDn reaches it.
        if fullName { lines += labelled("WSO2 name", scenario.name, width: width) }
        return lines
    }

    /// The panel for the service's own custom policy: the policy in words (when it reads), then what the row is.
    static func customLines(_ policy: SecurityPolicy?, width: Int) -> [StyledLine] {
        let summary = policy.map { PolicySummary($0).lines.flatMap { labelled($0.label, $0.text, width: width) } } ?? []
        return summary + labelled("Custom policy", "the service's own WS-SecurityPolicy file, applied as it was written. It is validated as a "
                                  + "scenario is: the environment its assertions need and the self-test under it. p shows it; c applies "
                                  + "another file.", width: width)
    }

    private static func labelled(_ label: String, _ text: String, width: Int) -> [StyledLine] {
        let wrapped = TextLayout.wrap("\(label): \(text)", width: width)
        return wrapped.map { StyledLine($0) }
    }
}
