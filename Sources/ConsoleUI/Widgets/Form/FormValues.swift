/// What a `Form` hands back on OK: its fields' values by id. Passwords are lent only inside `withSecret`,
/// and only while the form's submit closure runs: the form zeroes them right after.
public struct FormValues {
    let fields: [FormField]
    let secrets: [String: SecretInput]

    /// The text of a text field ("" for an unknown id).
    public func text(_ id: String) -> String { field(id)?.text ?? "" }

    /// The text without leading and trailing blanks.
    public func trimmed(_ id: String) -> String {
        let text = self.text(id)
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// The index of the option chosen in a choice field.
    public func choice(_ id: String) -> Int { field(id)?.choice ?? 0 }

    /// The label of the option chosen in a choice field.
    public func choiceLabel(_ id: String) -> String {
        guard let field = field(id), field.options.indices.contains(field.choice) else { return "" }
        return field.options[field.choice]
    }

    /// True when nothing was typed into the password field `id`.
    public func secretIsEmpty(_ id: String) -> Bool { secrets[id]?.isEmpty ?? true }

    /// Lends the typed bytes of the password field `id` to `body` (empty for an unknown id).
    public func withSecret<T>(_ id: String, _ body: ([UInt8]) throws -> T) rethrows -> T {
        guard let secret = secrets[id] else { return try body([]) }
        return try secret.withBytes(body)
    }

    private func field(_ id: String) -> FormField? { fields.first { $0.id == id } }
}
