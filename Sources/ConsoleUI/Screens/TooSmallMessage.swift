/// What replaces the screens while the terminal is below the minimum size: a clear message instead of
/// a garbled layout, and the program keeps running until the terminal grows back.
public enum TooSmallMessage {
    /// The message in ever shorter wordings: the longest that fits the terminal whole is shown.
    public static func versions(appName: String, size: Size, minimum: Size) -> [[String]] {
        [["Terminal too small: \(size).", "\(appName) needs at least \(minimum).", "Resize, or press Q to quit."],
         ["Too small: \(size).", "Needs at least \(minimum).", "Resize, or Q to quit."],
         ["Too small: \(size)", "Needs \(minimum)", "Q quits"],
         ["Too small", "Q quits"],
         ["Too small"]]
    }

    /// The lines to show on a terminal of `size`: the first version whose words all fit, wrapped, within its rows
    /// (keeping a blank column each side where there is room); on a terminal too tiny for any, the last one cut.
    public static func lines(appName: String, size: Size, minimum: Size) -> [(text: String, isFirst: Bool)] {
        let versions = versions(appName: appName, size: size, minimum: minimum)
        for width in Set([size.width - 2, size.width]).sorted() where width > 0 {
            for version in versions {
                let wrapped = version.enumerated().flatMap { index, line in
                    TextLayout.wrap(line, width: width).map { (text: $0, isFirst: index == 0) }
                }
                let wordsFit = version.allSatisfy { $0.split(separator: " ").allSatisfy { DisplayWidth.of(String($0)) <= width } }
                if wordsFit, wrapped.count <= size.height { return wrapped }
            }
        }
        return [(TextLayout.truncate(versions.last?.first ?? "", to: size.width), true)]
    }

    /// Clears the canvas and centres the message on it.
    public static func render(into canvas: inout Canvas, appName: String, minimum: Size) {
        let size = canvas.size
        canvas.fill(canvas.bounds)
        let wrapped = lines(appName: appName, size: size, minimum: minimum)
        let top = max(0, (size.height - wrapped.count) / 2)
        for (i, line) in wrapped.enumerated() {
            let x = max(0, (size.width - DisplayWidth.of(line.text)) / 2)
            canvas.write(line.text, x: x, y: top + i, style: line.isFirst ? .error : .normal)
        }
    }
}
