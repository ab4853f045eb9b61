import ConsoleUI

/// One line of text asked for in a box over the screen (a realm, a list of KDCs, a principal): Enter answers,
/// Esc cancels. Never used for passwords: those stay on the command line's no-echo prompt.
final class KerberosPrompt: View {
    let title: String
    private let question: String
    private let hint: String
    private(set) var text: String
    private let answer: (String) -> HandlerResult

    init(title: String, question: String, hint: String = "", initial: String = "", answer: @escaping (String) -> HandlerResult) {
        self.title = title
        self.question = question
        self.hint = hint
        text = initial
        self.answer = answer
    }

    var isOverlay: Bool { true }

    var keyHelp: [KeyHelp] {
        [KeyHelp(keys: [.enter], description: "Accept the answer", group: "Prompt", barLabel: "OK"),
         KeyHelp(keys: [.escape], description: "Cancel", group: "Prompt", barLabel: "Cancel"),
         KeyHelp(keys: [.backspace], description: "Delete the last character", group: "Prompt"),
         KeyHelp(keys: [.ctrl("u")], description: "Clear the answer", group: "Prompt")]
    }

    func handle(_ key: Key) -> HandlerResult {
        switch key {
        case .enter: return .sequence([.pop, answer(text.trimmingBlanks)])
        case .escape: return .pop
        case .backspace:
            if !text.isEmpty { text.removeLast() }
        case .ctrl("u"): text = ""
        case .char(let c): text.append(c)
        case .function, .resize, .ctrl("l"): return .ignored
        default: return .handled
        }
        return .redraw
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let width = min(frame.width - 4, 72)
        let box = frame.centred(width: width, height: hint.isEmpty ? 5 : 6)
        canvas.fill(box, style: .dialog)
        canvas.box(box, title: title)
        let inner = box.inset(dx: 2, dy: 1)
        canvas.write(question, x: inner.x, y: inner.y, width: inner.width, style: .dialog)
        // The end of a long answer stays visible, with the cursor after it.
        let shown = String((text + "_").suffix(inner.width))
        canvas.write(shown, x: inner.x, y: inner.y + 1, width: inner.width, style: .strong)
        if !hint.isEmpty { canvas.write(hint, x: inner.x, y: inner.y + 2, width: inner.width, style: .dim) }
    }
}

extension String {
    /// The text without leading and trailing blanks.
    var trimmingBlanks: String { String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
}
