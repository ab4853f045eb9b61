/// The `?` overlay: every binding of the current screen's table and of the global table, grouped,
/// generated from the tables themselves. It scrolls when it does not fit.
public final class HelpOverlay: View {
    public let entries: [KeyHelp]
    private var text: TextView
    private var builtForWidth = -1

    public init(entries: [KeyHelp]) {
        self.entries = entries
        text = TextView(lines: [])
    }

    public var title: String { "Help" }
    public var isOverlay: Bool { true }

    public var keyHelp: [KeyHelp] {
        TextView.keyHelp(group: "Help") + [
            KeyHelp(keys: [.escape, .char("q"), .char("?"), .function(1)], description: "Close the help",
                    group: "Help", barLabel: "Close")]
    }

    public func handle(_ key: Key) -> HandlerResult {
        switch key {
        case .escape, .char("q"), .char("?"), .function(1), .enter: return .pop
        default: return text.handle(key) ? .redraw : .ignored
        }
    }

    /// The help as lines for a given width: a heading per group, then "keys  description" rows.
    public static func lines(for entries: [KeyHelp], width: Int) -> [StyledLine] {
        let keyColumn = min(20, max(8, entries.map(\.keysLabel.count).max() ?? 8))
        var groups: [String] = []
        for entry in entries where !groups.contains(entry.group) { groups.append(entry.group) }
        var lines: [StyledLine] = []
        for group in groups {
            if !lines.isEmpty { lines.append(StyledLine("")) }
            lines.append(StyledLine(group, .title))
            for entry in entries where entry.group == group {
                var description = entry.description
                if entry.dangerous { description += " (!)" }
                if let reason = entry.disabledReason { description += " - unavailable: \(reason)" }
                let keys = TextLayout.pad(entry.keysLabel, to: max(entry.keysLabel.count, keyColumn))
                let wrapped = TextLayout.wrap(description, width: max(10, width - keys.count - 4))
                lines.append(StyledLine("  " + keys + "  " + wrapped[0], entry.disabledReason == nil ? .normal : .dim))
                for more in wrapped.dropFirst() {
                    lines.append(StyledLine(String(repeating: " ", count: keys.count + 4) + more))
                }
            }
        }
        if entries.contains(where: \.dangerous) {
            lines += [StyledLine(""), StyledLine("(!) changes files; a confirmation dialog asks first", .dim)]
        }
        return lines
    }

    public func render(into canvas: inout Canvas, frame: Rect) {
        // The whole body at 80 columns, so no half-covered borders show beside it.
        let box = frame.centred(width: min(frame.width, 100), height: frame.height)
        let inner = box.inset(dx: 2, dy: 1)
        if builtForWidth != inner.width {
            text = TextView(lines: Self.lines(for: entries, width: inner.width))
            builtForWidth = inner.width
        }
        canvas.box(box, title: "Keys")
        text.render(into: &canvas, frame: inner)
        canvas.scrollMarkers(box: box, above: text.hasMoreAbove, below: text.hasMoreBelow)
    }
}
