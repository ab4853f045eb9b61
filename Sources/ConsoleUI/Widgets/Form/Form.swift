/// A modal form (nmtui's editor): labelled fields, each checked as it is typed with its message beside it, and
/// OK / Cancel. It edits its own copy of the values and hands them back only on OK, which stays disabled
/// while any field is invalid; Esc cancels. Passwords are zeroed when the form closes. A check that needs the whole
/// form or the disk (the current password, the file named) runs on OK: its refusal (`HandlerResult.refuse`) keeps the
/// form open with everything typed and shows beside its field until that field is edited.
///
/// Tab, Down and Enter go to the next field (Enter on the last field presses OK), Shift-Tab and Up back;
/// a one-field form is a prompt: Enter answers it. A text field is edited as a line (`LineEditor`), a password only
/// at its end.
public final class Form: View {
    public let title: String
    public private(set) var fields: [FormField]
    /// The field with the focus; `fields.count` is OK, `fields.count + 1` Cancel.
    public private(set) var focus = 0
    private let intro: [StyledLine]
    private let remarks: (FormValues) -> [StyledLine]
    private let okLabel: String
    private let check: (FormValues) -> (field: String, message: String)?
    private let submit: (FormValues) -> HandlerResult
    private var secrets: [String: SecretInput] = [:]
    /// Fields whose message shows: left once, or every field after OK was tried.
    private var touched: Set<String> = []
    private var scrollTop = 0
    /// What the last paste did, until the next key.
    private var pasteNote: StatusText?
    /// Why the submit refused the values, beside its field until that field changes.
    private var refusal: (field: String, message: String)?

    /// - Parameters:
    ///   - intro: what the form is for, above the fields.
    ///   - remarks: lines after the intro about the values as typed (what numbers mean together), drawn anew with
    ///     every key.
    ///   - check: a rule across fields (an alias already taken, say): the field it concerns and why.
    ///   - submit: called on OK with the values; its result is applied after the form closed, unless it is
    ///     `.refuse`, which keeps the form open.
    public init(title: String, intro: [StyledLine] = [], remarks: @escaping (FormValues) -> [StyledLine] = { _ in [] },
                fields: [FormField], okLabel: String = "OK",
                check: @escaping (FormValues) -> (field: String, message: String)? = { _ in nil },
                submit: @escaping (FormValues) -> HandlerResult) {
        self.title = title
        self.intro = intro
        self.remarks = remarks
        self.fields = fields
        self.okLabel = okLabel
        self.check = check
        self.submit = submit
        for field in fields where field.isSecret { secrets[field.id] = SecretInput() }
    }

    deinit { wipe() }

    public var isOverlay: Bool { true }

    private var okIndex: Int { fields.count }
    private var cancelIndex: Int { fields.count + 1 }

    // MARK: - Validation

    /// The values as typed so far.
    public var values: FormValues { FormValues(fields: fields, secrets: secrets) }

    /// Why each field is not acceptable, by field id; empty when OK can be pressed.
    public var problems: [String: String] {
        var found: [String: String] = [:]
        for field in fields {
            switch field.kind {
            case .text:
                if let message = field.rule(field.text) { found[field.id] = message }
            case .secret(let required, let sameAs):
                let secret = secrets[field.id]
                if let other = sameAs.flatMap({ secrets[$0] }), let secret, !secret.matches(other) {
                    found[field.id] = "does not match"
                } else if required, secret?.isEmpty ?? true {
                    found[field.id] = "required"
                }
            case .choice: break
            }
        }
        if let (id, message) = check(values), found[id] == nil { found[id] = message }
        if let refusal, found[refusal.field] == nil { found[refusal.field] = refusal.message }
        return found
    }

    public var isValid: Bool { problems.isEmpty }

    // MARK: - Keys

    public static let keys: [KeyHelp] = [
        KeyHelp(keys: [.tab, .down, .backTab, .up], description: "Go to the next or previous field", group: "Form",
                barLabel: "Next"),
        KeyHelp(keys: [.left, .right, .char(" ")], description: "Change a choice", group: "Form"),
        KeyHelp(keys: [.enter], description: "Next field; on the last field or OK, accept", group: "Form", barLabel: "OK"),
        KeyHelp(keys: [.escape], description: "Cancel: nothing is kept", group: "Form", barLabel: "Cancel"),
        KeyHelp(keys: [.left, .right], description: "Move the cursor in a text field (a password has none: it is typed "
                + "and deleted at its end)", group: "Form"),
        KeyHelp(keys: [.home, .end, .ctrl("a"), .ctrl("e")], description: "Go to the start or the end of a text field",
                group: "Form"),
        KeyHelp(keys: [.backspace, .delete], description: "Delete the character before the cursor, or at it", group: "Form"),
        KeyHelp(keys: [.ctrl("w"), .ctrl("k"), .ctrl("u")],
                description: "Delete the word before the cursor, to the end, or all (a password: only ^U)", group: "Form"),
        KeyHelp(keys: [.function(1), .function(10)], description: "In a text field ? and Q are typed: F1 shows the keys, F10 quits",
                group: "Form"),
    ]

    /// The keys, Enter named for what it does from the focus: the next field, or the button.
    public var keyHelp: [KeyHelp] {
        Self.keys.map { entry in
            guard entry.keys == [.enter] else { return entry }
            var entry = entry
            entry.barLabel = focus < fields.count - 1 ? "Next" : focus == cancelIndex ? "Cancel" : okLabel
            return entry
        }
    }

    /// A text or password field has the focus: printable keys are typed, `?` and `Q` too.
    public var takesText: Bool { fields.indices.contains(focus) && !fields[focus].isChoice }

    public var status: StatusText? {
        if let pasteNote { return pasteNote }
        let problems = self.problems
        if fields.indices.contains(focus) {
            let field = fields[focus]
            if let problem = problems[field.id], touched.contains(field.id) {
                return StatusText("\(field.label): \(problem)", isError: true)
            }
            if !field.hint.isEmpty { return StatusText(field.hint) }
            if field.isSecret { return StatusText("Typing is not shown.") }
        }
        if focus == okIndex, let first = fields.first(where: { problems[$0.id] != nil }) {
            return StatusText("\(okLabel) is disabled: \(first.label) \(problems[first.id] ?? "")", isError: true)
        }
        return nil
    }

    public func handle(_ key: Key) -> HandlerResult {
        pasteNote = nil
        switch key {
        case .escape:
            wipe()
            return .pop
        case .tab, .down: move(1)
        case .backTab, .up: move(-1)
        case .enter:
            if focus == cancelIndex {
                wipe()
                return .pop
            }
            if focus == okIndex || focus == fields.count - 1 { return accept() }
            move(1)
        case .left where focus >= okIndex, .right where focus >= okIndex:
            focus = focus == okIndex ? cancelIndex : okIndex
        case .function, .resize, .ctrl("l"): return .ignored
        // Where nothing is typed (a choice, the buttons) help and quit work as the key bar says.
        case .char("?") where !takesText, .char("Q") where !takesText: return .ignored
        default:
            guard fields.indices.contains(focus) else { return .handled }
            switch fields[focus].edit(key, secret: secrets[fields[focus].id]) {
            case .none: return .handled
            case .moved: return .redraw
            case .changed:
                edited(fields[focus].id)
                return .redraw
            }
        }
        return .redraw
    }

    /// A paste goes into the focused text or password field, never submits, and says on the status line what was
    /// left out; on a choice or a button it is ignored.
    public func paste(_ paste: Paste) -> HandlerResult? {
        guard fields.indices.contains(focus), !fields[focus].isChoice else { return nil }
        let leftOut = fields[focus].insert(paste, secret: secrets[fields[focus].id])
        edited(fields[focus].id)
        pasteNote = leftOut.map { StatusText("Pasted: \($0). Enter accepts.", isError: true) } ?? StatusText("Pasted.")
        return .redraw
    }

    /// A refused field that changed may be acceptable now: OK is the judge again.
    private func edited(_ id: String) {
        if refusal?.field == id { refusal = nil }
    }

    private func move(_ step: Int) {
        if fields.indices.contains(focus) { touched.insert(fields[focus].id) }
        let count = fields.count + 2
        focus = (focus + step + count) % count
    }

    /// OK: hands the values over when all are acceptable; otherwise shows every message and goes to the
    /// first field in trouble.
    private func accept() -> HandlerResult {
        let problems = self.problems
        if let first = fields.firstIndex(where: { problems[$0.id] != nil }) {
            touched.formUnion(fields.map(\.id))
            focus = first
            return .redraw
        }
        let result = submit(values)
        if case .refuse(let field, let message) = result, let index = fields.firstIndex(where: { $0.id == field }) {
            refusal = (field, message)
            touched.insert(field)
            focus = index
            return .redraw
        }
        wipe()
        return .sequence([.pop, result])
    }

    private func wipe() {
        for secret in secrets.values { secret.wipe() }
    }

    // MARK: - Drawing

    public func render(into canvas: inout Canvas, frame: Rect) {
        let width = min(frame.width - 4, 76)
        let inner = width - 4
        let introLines = (intro + remarks(values)).flatMap { line in TextLayout.wrap(line.text, width: inner).map { StyledLine($0, line.style) } }
        let problems = self.problems
        // A one-field form is a prompt: its question on a row of its own, the answer across the box below it.
        let stacked = fields.count == 1
        let labelWidth = stacked ? 0 : min(24, (fields.map(\.label.count).max() ?? 0) + 1)
        // Each field is one row (two when stacked), plus one for its message once shown.
        var rows: [(field: Int?, line: StyledLine)] = introLines.map { (nil, $0) } + (introLines.isEmpty ? [] : [(nil, StyledLine(""))])
        // The focused field's rows, its message included.
        var focusRows = 0...0
        for (i, field) in fields.enumerated() {
            let label = field.label.hasSuffix(":") || field.label.hasSuffix("?") ? field.label : field.label + ":"
            if stacked { rows.append((nil, StyledLine(label, .strong))) }
            let fieldRow = rows.count
            rows.append((i, StyledLine(stacked ? "" : TextLayout.pad(label, to: labelWidth + 1))))
            if let problem = problems[field.id], touched.contains(field.id) {
                // The whole message, wrapped under itself: the status line is no wider, so a cut would lose its end.
                let indent = String(repeating: " ", count: stacked ? 0 : labelWidth + 2)
                for (n, line) in TextLayout.wrap(problem, width: inner - indent.count - 2).enumerated() {
                    rows.append((nil, StyledLine(indent + (n == 0 ? "! " : "  ") + line, .error)))
                }
            }
            if i == focus { focusRows = fieldRow...rows.count - 1 }
        }
        let visible = max(1, min(rows.count, frame.height - 6))
        if focus >= okIndex { focusRows = rows.count - 1...rows.count - 1 }
        if focusRows.upperBound >= scrollTop + visible { scrollTop = focusRows.upperBound - visible + 1 }
        if focusRows.lowerBound < scrollTop { scrollTop = focusRows.lowerBound }
        scrollTop = max(0, min(scrollTop, rows.count - visible))
        let box = frame.centred(width: width, height: visible + 4)
        canvas.fill(box, style: .dialog)
        canvas.box(box, title: title)
        for (offset, row) in rows[scrollTop ..< scrollTop + visible].enumerated() {
            let y = box.y + 1 + offset
            canvas.write(row.line.text, x: box.x + 2, y: y, width: inner, style: row.field == nil ? row.line.style : .strong)
            if let index = row.field {
                let x = box.x + 2 + (stacked ? 0 : labelWidth + 2)
                drawValue(of: index, into: &canvas, x: x, y: y, width: box.maxX - 2 - x)
            }
        }
        canvas.scrollMarkers(box: box, above: scrollTop > 0, below: scrollTop + visible < rows.count)
        drawButtons(into: &canvas, box: box, valid: problems.isEmpty, problemCount: problems.count)
    }

    private func drawValue(of index: Int, into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        let field = fields[index]
        let focused = index == focus
        let style: Style = focused ? .selected : .normal
        canvas.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        let shown: String
        switch field.kind {
        // The focused text scrolls sideways to keep its cursor in the box, the cursor's cell marked; an ellipsis
        // shows where a value is cut.
        case .text where focused:
            let shown = fields[index].line.visible(width: width, ellipsis: canvas.glyphs.ellipsis)
            canvas.write(shown.text, x: x, y: y, width: width, style: style)
            canvas.restyle(Rect(x: x + shown.cursor.column, y: y, width: shown.cursor.cells, height: 1), style: .cursor)
            return
        case .text: shown = TextLayout.truncate(field.text, to: width, ellipsis: canvas.glyphs.ellipsis)
        // Only whether something was typed shows, never how much.
        case .secret: shown = (secrets[field.id]?.isEmpty ?? true ? "" : "(hidden)") + (focused ? "_" : "")
        case .choice(let options):
            let label = options.indices.contains(field.choice) ? options[field.choice] : ""
            shown = TextLayout.truncate("< \(label) >" + (focused ? "  (\(field.choice + 1) of \(options.count))" : ""), to: width,
                                        ellipsis: canvas.glyphs.ellipsis)
        }
        canvas.write(shown, x: x, y: y, width: width, style: style)
    }

    /// "[ OK ]  [ Cancel ]", the focused one as "> OK <"; a disabled OK says how many fields need fixing, in
    /// words, so it shows without colour.
    private func drawButtons(into canvas: inout Canvas, box: Rect, valid: Bool, problemCount: Int) {
        let labels = [okLabel, "Cancel"].enumerated().map { i, label in
            focus == okIndex + i ? "> \(label) <" : "[ \(label) ]"
        }
        let note = valid ? "" : "(\(problemCount) to fix)  "
        let total = note.count + labels[0].count + 2 + labels[1].count
        var x = box.x + max(2, (box.width - total) / 2)
        let y = box.maxY - 2
        x += canvas.write(note, x: x, y: y, style: .error)
        x += canvas.write(labels[0], x: x, y: y, style: valid ? (focus == okIndex ? .buttonFocused : .button) : .dim) + 2
        canvas.write(labels[1], x: x, y: y, style: focus == cancelIndex ? .buttonFocused : .button)
    }
}
