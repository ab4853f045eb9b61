/// What replaces the screens while the terminal is below the minimum size: a clear message instead of
/// a garbled layout, and the program keeps running until the terminal grows back.
public enum TooSmallMessage {
    /// The message's lines, before wrapping.
    public static func lines(appName: String, size: Size, minimum: Size) -> [String] {
        ["Terminal too small: \(size).",
         "\(appName) needs at least \(minimum).",
         "Resize, or press Q to quit."]
    }

    /// Clears the canvas and centres the message on it.
    public static func render(into canvas: inout Canvas, appName: String, minimum: Size) {
        let size = canvas.size
        canvas.fill(canvas.bounds)
        let wrapped = lines(appName: appName, size: size, minimum: minimum)
            .flatMap { TextLayout.wrap($0, width: max(1, size.width - 2)) }
        let top = max(0, (size.height - wrapped.count) / 2)
        for (i, line) in wrapped.enumerated() {
            let x = max(0, (size.width - line.count) / 2)
            canvas.write(line, x: x, y: top + i, style: i == 0 ? .error : .normal)
        }
    }
}
