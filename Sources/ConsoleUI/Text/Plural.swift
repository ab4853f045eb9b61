/// A count with its noun in the right number, for every line that counts something: "1 entry", "2 entries".
public enum Plural {
    /// `n` and `singular`, or `plural` (`singular` + "s" unless given) for any other number than one.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
