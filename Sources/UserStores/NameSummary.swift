/// Names in a line of text, bounded: a user of a large directory holds hundreds of roles, a role thousands of users.
public enum NameSummary {
    /// How many names a line shows.
    public static let most = 10

    /// All of `names` up to `most`, else the first `most` and how many more ("a, b and 590 more"); "none" for none.
    public static func text(_ names: [String], most: Int = most) -> String {
        guard !names.isEmpty else { return "none" }
        guard names.count > most else { return names.joined(separator: ", ") }
        return names.prefix(most).joined(separator: ", ") + " and \(names.count - most) more"
    }
}
