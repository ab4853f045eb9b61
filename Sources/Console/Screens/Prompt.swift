import ConsoleUI
import KeyMaterial

/// The console's one-line questions (a name, a realm, a password): a one-field `Form`, so every input in the
/// console behaves alike. Enter answers, Esc cancels; a password is never echoed and reaches the caller as a
/// `Secret`, the typed bytes zeroed as the prompt closes.
enum Prompt {
    /// The one field's id: `.refuse(field: Prompt.field, ...)` keeps the prompt open with the reason beside the answer.
    static let field = "value"

    /// Asks for a line of text; `answer` gets it without leading and trailing blanks.
    static func text(title: String, label: String, hint: String = "", initial: String = "",
                     validate: @escaping (String) -> String? = { _ in nil },
                     answer: @escaping (String) -> HandlerResult) -> Form {
        Form(title: title, intro: hint.isEmpty ? [] : [StyledLine(hint, .dim)],
             fields: [.text(field, label, initial: initial, validate: validate)]) { values in
            answer(values.trimmed(field))
        }
    }

    /// Asks for a password without echo; an empty answer is handed over too (the caller decides).
    static func secret(title: String, label: String, hint: String = "", answer: @escaping (Secret) -> HandlerResult) -> Form {
        Form(title: title, intro: hint.isEmpty ? [] : [StyledLine(hint, .dim)],
             fields: [.secret(field, label, required: false)]) { values in
            answer(values.withSecret(field) { Secret(bytes: $0) })
        }
    }
}

extension String {
    /// The text without leading and trailing blanks.
    var trimmingBlanks: String { String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
}
