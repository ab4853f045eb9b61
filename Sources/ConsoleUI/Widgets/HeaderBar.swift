/// The top row: program name and breadcrumb on the left, a detail (the home's path) on the right.
public enum HeaderBar {
    /// Draws the bar into `frame` (one row).
    public static func render(into canvas: inout Canvas, frame: Rect, appName: String, breadcrumb: [String],
                              detail: String) {
        canvas.fill(frame, style: .header)
        let left = " " + ([appName] + breadcrumb).joined(separator: canvas.glyphs.breadcrumb) + " "
        let used = canvas.write(left, x: frame.x, y: frame.y, width: frame.width, style: .header)
        let room = frame.width - used - 1
        guard !detail.isEmpty, room >= 8 else { return }
        // The end of a path says the most, so the middle goes first.
        let shown = TextLayout.truncateMiddle(detail, to: room, ellipsis: canvas.glyphs.ellipsis)
        canvas.write(shown, x: frame.maxX - 1 - shown.count, y: frame.y, style: .header)
    }
}
