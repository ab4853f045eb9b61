import ConsoleUI
import ServerHome

/// How services appear in the list: columns, cells and the detail lines under the table.
enum ServiceRows {
    /// The state column's word while validation is still running.
    static let checking = "checking"

    static func columns(nameWidth: Int) -> [TableColumn] {
        // Name gives way first on a narrow screen (60 columns), so Security stays readable and State stays.
        [TableColumn("Name", .shrinkable(preferred: nameWidth, minimum: 10)),
         TableColumn("Kind", .fixed(12)),
         // Cut between words: long SecureConversation names differ at both ends, and a cut inside a word
         // ("…9 Authentication") does not read.
         TableColumn("Security", .flexible(minimum: 20), truncation: .words),
         TableColumn("State", .fixed(8))]
    }

    /// Wide enough for the longest name, within reason.
    static func nameWidth(for services: [Service]) -> Int {
        min(28, max(8, services.map { DisplayWidth.of($0.name) }.max() ?? 8))
    }

    static func row(_ service: Service, report: ValidationReport?) -> TableRow {
        let state = report?.state.label ?? checking
        return TableRow([service.name, service.kind.label, service.securityLabel, state],
                        styles: [.normal, .normal, service.security.policyKey == nil ? .dim : .normal,
                                 style(for: report?.state)])
    }

    static func style(for state: ValidationState?) -> Style {
        switch state {
        case nil: .dim
        case .unsecured?: .dim
        case .ok?: .ok
        case .warnings?, .untested?: .warning
        case .errors?, .broken?: .error
        }
    }

    /// What the detail panel says about the selected service of `home`.
    static func detail(_ service: Service, report: ValidationReport?, home: Home, width: Int) -> [StyledLine] {
        // An MI path is long: cut it in the middle so the file name stays in view.
        var lines = [StyledLine("File:   " + TextLayout.truncatePath(service.path, to: width - 8))]
        if let key = service.security.policyKey { lines.append(StyledLine("Policy: " + TextLayout.truncatePath(key, to: width - 8))) }
        if let problem = service.problem {
            lines.append(StyledLine("BROKEN: the definition cannot be read.", .error))
            lines += wrap(problem, width: width, style: .error)
            return lines
        }
        if let reason = service.readOnlyReason {
            lines.append(StyledLine("Security: \(service.securityLabel): wssconsole does not open the archive.", .dim))
            return lines + wrap("Read-only: \(reason).", width: width, style: .warning)
        }
        guard let report else { return lines + [StyledLine("Checking...", .dim)] }
        if report.findings.isEmpty {
            if service.security.policyKey != nil {
                lines.append(StyledLine("ok: no findings.", .ok))
            } else if home.readOnly {
                lines += wrap("Not secured. Enter shows the scenarios (read-only: none can be applied).", width: width, style: .dim)
            } else {
                lines.append(StyledLine("Not secured. Press Enter to choose a security scenario.", .dim))
            }
        }
        if report.state == .untested {
            lines += wrap("untested: the self-test needs wssconsole's own [client] settings (below); nothing was found wrong with "
                          + "the service itself.", width: width, style: .warning)
        }
        for finding in report.findings.sorted(by: { $0.severity > $1.severity }) {
            let label = switch finding.severity {
            case .error: "ERROR"
            case .warning: "warn"
            case .info: "info"
            }
            let style: Style = finding.severity == .error ? .error : (finding.severity == .warning ? .warning : .normal)
            lines += wrap("\(label): \(finding.message)", width: width, style: style)
            if !finding.fix.isEmpty { lines += wrap("  Fix: \(home.commandsNamingHome(finding.fix))", width: width, style: .normal) }
        }
        return lines
    }

    private static func wrap(_ text: String, width: Int, style: Style) -> [StyledLine] {
        TextLayout.wrap(text, width: width, indent: "       ").map { StyledLine($0, style) }
    }
}
