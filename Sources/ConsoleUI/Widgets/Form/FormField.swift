/// One labelled field of a `Form`: a line of text, a password (never echoed), or a choice among fixed options.
public struct FormField {
    public enum Kind {
        case text
        /// A password: the field shows `(hidden)` once something is typed, never the text nor its length.
        case secret(required: Bool, sameAs: String?)
        /// One of `options`; Left/Right or Space change it.
        case choice([String])
    }

    /// The name the caller reads the value back by.
    public let id: String
    public var label: String
    public var kind: Kind
    /// Shown on the status line while the field has the focus.
    public var hint: String
    /// The text of a text field and its cursor.
    var line: LineEditor
    /// The text of a text field.
    public var text: String { line.text }
    /// The option chosen in a choice field.
    public internal(set) var choice: Int
    /// The message for a text value that is not acceptable; nil when it is.
    let rule: (String) -> String?

    /// The most characters a text or password field holds (a path's limit): typing stops there, a paste is cut.
    public static let maxLength = 4096

    /// A line of text; `validate` returns why a value is not acceptable, or nil.
    public static func text(_ id: String, _ label: String, initial: String = "", hint: String = "",
                            validate: @escaping (String) -> String? = { _ in nil }) -> FormField {
        FormField(id: id, label: label, kind: .text, hint: hint, line: LineEditor(initial), choice: 0, rule: validate)
    }

    /// A password; `sameAs` names the field it must repeat ("type it again").
    public static func secret(_ id: String, _ label: String, hint: String = "", required: Bool = true,
                              sameAs: String? = nil) -> FormField {
        FormField(id: id, label: label, kind: .secret(required: required, sameAs: sameAs), hint: hint,
                  line: LineEditor(""), choice: 0, rule: { _ in nil })
    }

    /// A choice among `options`, `selected` first.
    public static func choice(_ id: String, _ label: String, options: [String], selected: Int = 0,
                              hint: String = "") -> FormField {
        FormField(id: id, label: label, kind: .choice(options), hint: hint, line: LineEditor(""),
                  choice: min(max(0, selected), max(0, options.count - 1)), rule: { _ in nil })
    }

    var isSecret: Bool { if case .secret = kind { true } else { false } }

    var isChoice: Bool { if case .choice = kind { true } else { false } }

    var options: [String] { if case .choice(let options) = kind { options } else { [] } }

    /// The text's edits (`LineEditor`); the password's: printable characters, Backspace, Ctrl-U, all at its end; the
    /// choice's: Left/Right/Space. `.none` when the key is not an edit of this field.
    mutating func edit(_ key: Key, secret: SecretInput?) -> LineEditor.Edit {
        switch (kind, key) {
        case (.choice(let options), .left) where !options.isEmpty: choice = (choice + options.count - 1) % options.count
        case (.choice(let options), .right), (.choice(let options), .char(" ")):
            guard !options.isEmpty else { return .none }
            choice = (choice + 1) % options.count
        case (.choice, _): return .none
        case (.text, _): return line.edit(key, maxLength: Self.maxLength)
        // A password has no cursor to move: one would show where in it the typing goes, and so its length.
        case (.secret, _):
            guard let secret else { return .none }
            switch key {
            case .char(let c):
                guard secret.characterCount < Self.maxLength else { return .none }
                secret.append(c)
            case .backspace where !secret.isEmpty: secret.removeLast()
            case .ctrl("u") where !secret.isEmpty: secret.wipe()
            default: return .none
            }
        }
        return .changed
    }

    /// Puts the first line of a paste at the cursor of a text field, or at the end of a password
    /// (`Paste.firstLine` says why only that line); returns what was left out, for the status line.
    mutating func insert(_ paste: Paste, secret: SecretInput?) -> String? {
        let (pasted, leftOut) = paste.firstLine(room: Self.maxLength - (secret?.characterCount ?? text.unicodeScalars.count))
        if let secret { pasted.forEach(secret.append) } else { line.insert(pasted) }
        return leftOut
    }
}
