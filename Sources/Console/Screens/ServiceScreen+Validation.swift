import ConsoleUI
import ServerHome

/// The validation panel beside the scenario list, and the full report behind `v`.
extension ServiceScreen {
    /// Below this width the panel is left out and the list takes the whole row.
    static let validationMinimumWidth = 72

    /// Draws the panel at the right of `top` and returns the part left for the list.
    func renderValidation(into canvas: inout Canvas, top: Rect) -> Rect {
        guard top.width >= Self.validationMinimumWidth else { return top }
        let listWidth = listWidth(beside: top.width)
        let listBox = Rect(x: top.x, y: top.y, width: listWidth, height: top.height)
        let panel = Rect(x: top.x + listWidth, y: top.y, width: top.width - listWidth, height: top.height)
        let report = validation.report(for: validationKey)
        canvas.box(panel, title: ValidationPanel.title(subject, report),
                   titleStyle: report.map { ServiceRows.style(for: $0.state) } ?? .dim)
        let inner = panel.inset(dx: 2, dy: 1)
        for (row, line) in ValidationPanel.lines(report, width: inner.width, ellipsis: canvas.glyphs.ellipsis)
            .prefix(inner.height).enumerated() {
            canvas.write(line.text, x: inner.x, y: inner.y + row, width: inner.width, style: line.style)
        }
        return listBox
    }

    /// The list's width in a row of `width` cells shared with the panel: what its longest name needs, up to half the
    /// row, so a wide terminal shows the SecureConversation names rather than an empty panel; never below the 46 or 48
    /// cells it has at 80 columns and beyond, where the panel keeps 34.
    func listWidth(beside width: Int) -> Int {
        max(min(48, width - 34), min(listWidthNeeded, width / 2))
    }

    func showReport() -> HandlerResult {
        guard let report = validation.report(for: validationKey) else { return .handled }
        let short = selectedScenario.map { "scenario \($0.number)" } ?? "its custom policy"
        let long = selectedScenario.map { "scenario \($0.number) (\($0.name))" } ?? "its custom policy \(customPolicyID ?? "")"
        return .push(TextPage(title: "Validation", boxTitle: "Validation of \(service.name) under \(short)",
                              text: ValidationPanel.fullText(service: service, under: long, report: report, home: home),
                              wrapIndent: ValidationPanel.continuation))
    }

    /// What the panel validates: "16", or "the custom policy".
    private var subject: String { selectedScenario.map { "Validation of \($0.number)" + (validationKey.typed == nil ? "" : " as typed") } ?? "Custom policy" }
}
