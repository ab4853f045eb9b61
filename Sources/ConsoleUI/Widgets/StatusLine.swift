/// The row above the key bar: what just happened, or what is wrong with the selection.
public enum StatusLine {
    /// Draws `status` (or nothing) into `frame` (one row), errors in the error style.
    public static func render(into canvas: inout Canvas, frame: Rect, status: StatusText?) {
        let style: Style = status?.isError == true ? .statusError : .status
        canvas.fill(frame, style: .status)
        guard let status else { return }
        let text = TextLayout.truncate(" " + status.text, to: frame.width, ellipsis: canvas.glyphs.ellipsis)
        canvas.write(text, x: frame.x, y: frame.y, width: frame.width, style: style)
    }
}
