import ConsoleUI
import ServerHome

/// The service screen's drawing: the scenario list (and the custom policy's row), the validation panel beside it,
/// and the selected scenario's description below.
extension ServiceScreen {
    func render(into canvas: inout Canvas, frame: Rect) {
        // A fixed split, so the list does not jump while moving: all 16 rows when there is room, else
        // what leaves the description 13 rows (11 lines: every scenario but its long WSO2 name fits).
        let listHeight = min(list.count + 2, max(6, frame.height - 13))
        let (top, detailBox) = frame.splitTop(listHeight)
        let listBox = renderValidation(into: &canvas, top: top)
        canvas.box(listBox, title: "Security for \(service.name) (\(service.kind.label)): now \(service.security.label)")
        let current: Int? = if case .scenario(let n, _) = service.security { n } else { nil }
        let rows = scenarios.map { s in
            TableRow([TextLayout.padLeft("\(s.number)", to: 2), s.listName, s.number == current ? "now" : ""],
                     styles: [.normal, .normal, .strong])
        } + (customRowName.map { [TableRow([" -", $0, "now"], styles: [.normal, .normal, .strong])] } ?? [])
        Table.render(into: &canvas, frame: listBox.inset(1), columns: Self.listColumns, rows: rows, state: &list, heading: false)
        canvas.scrollMarkers(box: listBox, above: list.hasMoreAbove, below: list.hasMoreBelow)

        let scenario = selectedScenario
        let heading = scenario.map(ScenarioText.heading) ?? "Custom policy \(customPolicyID ?? "")"
        let titleRoom = detailBox.width - 6
        canvas.box(detailBox, title: TextLayout.truncateAtWords(heading, to: titleRoom, ellipsis: canvas.glyphs.ellipsis))
        let inner = detailBox.inset(dx: 2, dy: 1)
        if descriptionWidth != inner.width {
            description = TextView(lines: scenario.map { ScenarioText.lines(for: $0, width: inner.width, fullName: heading.count > titleRoom) }
                                   ?? ScenarioText.customLines(customPolicy, width: inner.width))
            descriptionWidth = inner.width
        }
        description.render(into: &canvas, frame: inner)
        canvas.scrollMarkers(box: detailBox, above: description.hasMoreAbove, below: description.hasMoreBelow)
        if description.hasMoreBelow || description.hasMoreAbove {
            let hint = description.hasMoreBelow ? " PgDn: more " : " PgUp: back "
            canvas.write(hint, x: detailBox.maxX - 2 - hint.count, y: detailBox.maxY - 1, style: .dim)
        }
    }

    /// The scenario list's columns: the number, the scenario's list name (whole at 80 columns; WSO2's own name, whose
    /// Secure Conversation variants differ only after 60 characters, heads the description), and "now" beside the one
    /// in effect. Narrower, names are cut between words.
    static let listColumns = [TableColumn("No", .fixed(2)), TableColumn("Scenario", .flexible(minimum: 10), truncation: .words),
                              TableColumn("", .fixed(3))]

    /// The custom policy's row name, when the service has one.
    var customRowName: String? { customPolicyID.map { "Custom policy \($0)" } }

    /// Cells the list box needs to show every name whole: its borders, the selection mark, the columns and their gaps.
    var listWidthNeeded: Int {
        let longest = (scenarios.map(\.listName) + (customRowName.map { [$0] } ?? [])).map { DisplayWidth.of($0) }.max() ?? 0
        let others = Self.listColumns.map { if case .fixed(let n) = $0.width { n } else { 0 } }.reduce(0, +)
        return 2 + 2 + others + Table.gap * (Self.listColumns.count - 1) + longest
    }
}
