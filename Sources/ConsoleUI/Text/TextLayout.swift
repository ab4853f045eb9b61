/// Fitting text into cells: truncation with an ellipsis, padding and word wrapping, counting terminal cells
/// (`DisplayWidth`: 日本 takes four) as `Canvas` draws them.
public enum TextLayout {
    /// The lines of `text`, split at LF or CRLF (a file saved on Windows). In a Swift `String` "\r\n" is one
    /// `Character`, never equal to "\n", so splitting at "\n" alone would show such a file as one line.
    public static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// `text` cut to `width` columns, ending in `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(text) > width else { return text }
        return DisplayWidth.prefix(text, width: width - 1) + String(ellipsis)
    }

    /// What of `text` shows through a window `width` cells wide that starts `start` cells in (a line scrolled
    /// sideways): an ellipsis in the first cell when the text goes on to the left, and in the last when it goes on to
    /// the right; nothing when all of it is to the left. A wide character cut by the left edge leaves a space, never
    /// half of itself. From 0 it is `truncate`.
    public static func window(_ text: String, from start: Int, width: Int, ellipsis: Character = "…") -> String {
        guard start > 0, width > 0 else { return truncate(text, to: width, ellipsis: ellipsis) }
        guard DisplayWidth.of(text) > start else { return "" }
        // The ellipsis takes the window's first cell: what shows after it starts one cell further in.
        var skipped = 0
        var rest = Substring(text)
        while let first = rest.first, skipped < start + 1 {
            skipped += DisplayWidth.of(first)
            rest = rest.dropFirst()
        }
        let gap = String(repeating: " ", count: min(max(0, skipped - start - 1), width - 1))
        return String(ellipsis) + gap + truncate(String(rest), to: max(0, width - 1 - gap.count), ellipsis: ellipsis)
    }

    /// `text` cut in the middle, keeping its start and its end: long names that differ only at the end
    /// (WSO2's "Secure Conversation - ... , X509 Authentication") stay distinguishable.
    public static func truncateMiddle(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(text) > width else { return text }
        guard width >= 5 else { return truncate(text, to: width, ellipsis: ellipsis) }
        let head = (width - 1) / 2
        return DisplayWidth.prefix(text, width: head) + String(ellipsis) + DisplayWidth.suffix(text, width: width - 1 - head)
    }

    /// `text` cut between words, so that what is left reads. Names made of parts ("SecureConversation - Sign only - …
    /// , X509 Authentication") keep their first parts and their last one, whole: the end is what tells similar names
    /// apart. Otherwise the last part stays whole after the first words ("Sign and … X509 Authentication"), or the
    /// text ends after its first words ("Encrypt only - Username Token…"). What keeps less than half the width (a path,
    /// one long identifier) is cut in the middle instead.
    public static func truncateAtWords(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(text) > width else { return text }
        let tokens = words(Substring(text))
        let count = tokens.count
        // Words of punctuation alone ("-", ",") separate parts; no kept piece begins or ends with one.
        let separator = tokens.map { $0.word.allSatisfy { !$0.isLetter && !$0.isNumber } }
        let head = { (end: Int) in tokens[..<end].map { $0.gap + $0.word }.joined() }
        let tail = { (start: Int) in tokens[start].word + tokens[(start + 1)...].map { $0.gap + $0.word }.joined() }
        let marker = " \(ellipsis) "
        let fits = { (cut: String, kept: Int) in DisplayWidth.of(cut) <= width && kept * 2 >= width }
        let heads = (1..<max(1, count)).filter { !separator[$0 - 1] }.reversed()
        if let last = separator.lastIndex(of: true), last + 1 < count {
            // The first parts, then as many of the last parts as fit.
            let tails = (1...last + 1).filter { separator[$0 - 1] && !separator[$0] }
            for end in heads where end < count && separator[end] {
                for start in tails where start > end {
                    let cut = head(end) + marker + tail(start)
                    if fits(cut, DisplayWidth.of(cut) - 3) { return cut }
                }
            }
            // The first words, then the last part.
            for end in heads where end <= last {
                let cut = head(end) + marker + tail(last + 1)
                if fits(cut, DisplayWidth.of(cut) - 3) { return cut }
            }
        }
        for end in heads {
            let cut = head(end) + String(ellipsis)
            if fits(cut, DisplayWidth.of(cut) - 1) { return cut }
        }
        return truncateMiddle(text, to: width, ellipsis: ellipsis)
    }

    /// A path cut to `width` columns keeping its file name whole where it fits: the start of the folders stays and the
    /// middle gives way (`repository/deployment/se…/QuoteProxy.xml`); otherwise cut in the middle.
    public static func truncatePath(_ path: String, to width: Int, ellipsis: Character = "…") -> String {
        guard DisplayWidth.of(path) > width else { return path }
        guard let slash = path.lastIndex(of: "/") else { return truncateMiddle(path, to: width, ellipsis: ellipsis) }
        let name = path[slash...]
        guard DisplayWidth.of(name) + 6 <= width else { return truncateMiddle(path, to: width, ellipsis: ellipsis) }
        return DisplayWidth.prefix(path, width: width - 1 - DisplayWidth.of(name)) + String(ellipsis) + name
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }

    /// `text` right-aligned in `width` columns.
    public static func padLeft(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return String(repeating: " ", count: max(0, width - DisplayWidth.of(cut))) + cut
    }

    /// `text` split into lines of at most `width` columns, breaking at spaces where possible and
    /// keeping explicit line breaks. Continuation lines start with `indent`; within a line, the spaces between
    /// words (and a paragraph's leading indentation) are kept as written, so aligned columns stay aligned.
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        let cells = DisplayWidth.of(indent)
        guard width > cells else { return [truncate(text, to: max(0, width))] }
        var lines: [String] = []
        for paragraph in TextLayout.lines(text) {
            // A line that fits is kept as it is, with its indentation and aligned columns.
            if DisplayWidth.of(paragraph) <= width {
                lines.append(String(paragraph))
                continue
            }
            var line = ""
            var lineHasWord = false
            for (gap, text) in words(paragraph) {
                var word = text
                if lineHasWord && DisplayWidth.of(line) + gap.count + DisplayWidth.of(word) <= width {
                    line += gap + word
                    continue
                }
                if lineHasWord {
                    lines.append(line)
                    line = indent
                } else if gap.count < width / 2 {
                    line = gap
                }
                // A word longer than the line is split hard (a wide character that cannot fit starts the next line).
                while DisplayWidth.of(line) + DisplayWidth.of(word) > width {
                    var head = DisplayWidth.prefix(word, width: width - DisplayWidth.of(line))
                    if head.isEmpty {
                        if DisplayWidth.of(line) > cells { lines.append(line); line = indent; continue }
                        head = String(word.prefix(1))
                    }
                    lines.append(line + head)
                    word = String(word.dropFirst(head.count))
                    line = indent
                }
                line += word
                lineHasWord = true
            }
            lines.append(line)
        }
        return lines
    }

    /// The words of a line, each with the spaces written before it.
    private static func words(_ line: Substring) -> [(gap: String, word: String)] {
        var result: [(gap: String, word: String)] = []
        var gap = "", word = ""
        for character in line {
            if character == " " {
                if !word.isEmpty { result.append((gap, word)); gap = ""; word = "" }
                gap.append(character)
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { result.append((gap, word)) }
        return result
    }
}
