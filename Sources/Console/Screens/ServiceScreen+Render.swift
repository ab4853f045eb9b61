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
            TableRow([TextLayout.padLeft("\(s.number)", to: 2), s.name, s.number == current ? "now" : ""],
                     styles: [.normal, .normal, .strong])
        } + (customPolicyID.map { [TableRow([" -", "Custom policy \($0)", "now"], styles: [.normal, .normal, .strong])] } ?? [])
        Table.render(into: &canvas, frame: listBox.inset(1),
                     columns: [TableColumn("No", .fixed(2)), TableColumn("WSO2 scenario", .flexible(minimum: 10), truncatesMiddle: true),
                               TableColumn("", .fixed(3))],
                     rows: rows, state: &list, heading: false)
        canvas.scrollMarkers(box: listBox, above: list.hasMoreAbove, below: list.hasMoreBelow)

        let scenario = selectedScenario
        let heading = scenario.map(ScenarioText.heading) ?? "Custom policy \(customPolicyID ?? "")"
        let titleRoom = detailBox.width - 6
        canvas.box(detailBox, title: TextLayout.truncateMiddle(heading, to: titleRoom, ellipsis: canvas.glyphs.ellipsis))
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
}
