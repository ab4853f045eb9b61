/// The bottom row, generated from key tables: "Enter Open  p Policy  ? Help  Q Quit".
/// Only bindings with a bar label appear; when the row is too narrow the view's own entries are dropped
/// from the end first, so Help and Quit always stay visible.
public enum KeyBar {
    /// Draws the entries that have a bar label into `frame` (one row).
    public static func render(into canvas: inout Canvas, frame: Rect, entries: [KeyHelp]) {
        canvas.fill(frame)
        var shown = entries.filter { $0.barLabel != nil }
        let globals = shown.filter { $0.group == "Global" }.count
        while width(of: shown) > frame.width, shown.count > globals {
            shown.remove(at: shown.count - globals - 1)
        }
        var x = frame.x
        for entry in shown {
            let disabled = entry.disabledReason != nil
            x += canvas.write(entry.keys.first?.label ?? "", x: x, y: frame.y, width: frame.maxX - x,
                              style: disabled ? .dim : .keyName)
            x += canvas.write(" " + (entry.barLabel ?? ""), x: x, y: frame.y, width: frame.maxX - x,
                              style: disabled ? .dim : .keyLabel)
            x += 2
        }
    }

    /// The text the bar would show, for tests and for measuring.
    public static func text(for entries: [KeyHelp]) -> String {
        entries.filter { $0.barLabel != nil }
            .map { ($0.keys.first?.label ?? "") + " " + ($0.barLabel ?? "") }
            .joined(separator: "  ")
    }

    private static func width(of entries: [KeyHelp]) -> Int { text(for: entries).count }
}
