import ConsoleUI
import KeyMaterial

/// A modal one-line input: a name, a DN, a filter, or a password. A password is never echoed (the field
/// shows how to finish, not what was typed), and its bytes are wiped once handed over as a `Secret`.
final class TextPrompt: View {
    /// What the prompt hands over when Enter is pressed.
    enum Value {
        case text(String)
        case secret(Secret)
    }

    let title: String
    private let label: String
    private let hint: String
    private let isSecret: Bool
    private var text: String
    private var secretBytes: [UInt8] = []
    private let submit: (Value) -> HandlerResult

    /// - Parameters:
    ///   - initial: the current value, for editing (never used for secrets).
    ///   - submit: called after the prompt closed, with what was typed.
    init(title: String, label: String, hint: String = "", initial: String = "", secret: Bool = false,
         submit: @escaping (Value) -> HandlerResult) {
        self.title = title
        self.label = label
        self.hint = hint
        self.isSecret = secret
        self.text = secret ? "" : initial
        self.submit = submit
    }

    deinit { wipe() }

    var isOverlay: Bool { true }

    static let keys: [KeyHelp] = [
        KeyHelp(keys: [.enter], description: "Accept what was typed", group: "Input", barLabel: "OK"),
        KeyHelp(keys: [.escape], description: "Cancel", group: "Input", barLabel: "Cancel"),
        KeyHelp(keys: [.backspace], description: "Delete the last character", group: "Input"),
        KeyHelp(keys: [.ctrl("u")], description: "Clear the field", group: "Input"),
    ]

    var keyHelp: [KeyHelp] { Self.keys }

    var status: StatusText? {
        StatusText(isSecret ? "Typing is not shown. Enter accepts, Esc cancels." : "Enter accepts, Esc cancels.")
    }

    func handle(_ key: Key) -> HandlerResult {
        switch key {
        case .enter:
            let value: Value = isSecret ? .secret(Secret(bytes: secretBytes)) : .text(text)
            wipe()
            return .sequence([.pop, submit(value)])
        case .escape:
            wipe()
            return .pop
        case .backspace:
            if isSecret { if !secretBytes.isEmpty { secretBytes.removeLast() } } else if !text.isEmpty { text.removeLast() }
        case .ctrl("u"):
            if isSecret { wipe() } else { text = "" }
        case .char(let c):
            if isSecret { secretBytes.append(contentsOf: Array(String(c).utf8)) } else { text.append(c) }
        case .function, .resize, .ctrl("l"): return .ignored
        default: return .handled
        }
        return .redraw
    }

    /// Zeroes the typed password before the array lets go of it.
    private func wipe() {
        for i in secretBytes.indices { secretBytes[i] = 0 }
        secretBytes.removeAll()
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let width = min(frame.width - 4, 72)
        let hintLines = hint.isEmpty ? [] : TextLayout.wrap(hint, width: width - 4)
        let box = frame.centred(width: width, height: 5 + hintLines.count)
        canvas.fill(box, style: .dialog)
        canvas.box(box, title: title)
        var y = box.y + 1
        for line in hintLines {
            canvas.write(line, x: box.x + 2, y: y, width: width - 4, style: .dim)
            y += 1
        }
        canvas.write(label, x: box.x + 2, y: y, width: width - 4, style: .strong)
        let field = Rect(x: box.x + 2, y: y + 1, width: width - 4, height: 1)
        canvas.fill(field, style: .selected)
        let shown = isSecret ? (secretBytes.isEmpty ? "" : "(hidden)") : String(text.suffix(field.width - 1))
        let used = canvas.write(shown, x: field.x, y: field.y, width: field.width - 1, style: .selected)
        canvas.write("_", x: field.x + used, y: field.y, style: .selected)
    }
}
