import ConsoleUI
import ServerHome
import WSSecurity

/// The service screen's validation panel: what validating the selected scenario found, worst first, with the
/// self-test's outcome; `v` opens the whole report (every step and fix).
enum ValidationPanel {
    /// The panel's box title: short, so that the verdict at its end stays in view on an 80-column terminal.
    static func title(_ subject: String, _ report: ValidationReport?) -> String {
        "\(subject): " + (report.map { $0.state.label } ?? ServiceRows.checking)
    }

    /// One line per finding, worst first; the self-test's step-by-step lines are left to the full report.
    static func lines(_ report: ValidationReport?, width: Int, ellipsis: Character) -> [StyledLine] {
        guard let report else { return [StyledLine("Checking...", .dim)] }
        let shown = report.findings.filter { $0.code != SelfTestCodes.step }.sorted { $0.severity > $1.severity }
        guard !shown.isEmpty else { return [StyledLine("ok: no findings.", .ok)] }
        return shown.map { finding in
            StyledLine(TextLayout.truncate("\(label(finding.severity)) \(finding.message)", to: width, ellipsis: ellipsis),
                       style(finding))
        } + [StyledLine(TextLayout.truncate("v: the full report", to: width, ellipsis: ellipsis), .dim)]
    }

    /// Where a finding's wrapped lines continue in the full report: under its text, past the severity.
    static let continuation = String(repeating: " ", count: 6)

    /// The whole report as text, for a `TextPage`; the fixes' commands name `home`.
    static func fullText(service: Service, under: String, report: ValidationReport, home: Home) -> String {
        var lines = ["\(service.name) under \(under): \(report.state.label)", ""]
        if report.findings.isEmpty { lines.append("No findings.") }
        for finding in report.findings {
            lines.append("\(label(finding.severity)) \(finding.code): \(finding.message)")
            if !finding.fix.isEmpty { lines.append("      fix: \(home.commandsNamingHome(finding.fix))") }
        }
        return lines.joined(separator: "\n")
    }

    private static func label(_ severity: Finding.Severity) -> String {
        switch severity {
        case .error: "ERROR"
        case .warning: "warn "
        case .info: "info "
        }
    }

    private static func style(_ finding: Finding) -> Style {
        switch finding.severity {
        case .error: .error
        case .warning: .warning
        case .info: finding.code == SelfTestCodes.passed ? .ok : .normal
        }
    }
}
