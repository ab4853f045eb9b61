/// "Did you mean ...?": the known name closest to a misspelt one.
enum Spelling {
    /// The candidate within a small edit distance of `word` (case-insensitive), or nil when none is close.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lower = word.lowercased()
        // Short names tolerate one edit; longer ones two (a swapped pair counts as one).
        let limit = lower.count <= 4 ? 1 : 2
        let length = lower.count
        var best: (String, Int)?
        // The distance is at least the difference in length: a much longer or shorter name is not computed (a
        // 600,000-character name in a krb5.conf took a minute against every known one).
        for candidate in candidates where abs(candidate.count - length) <= limit {
            let d = distance(lower, candidate.lowercased())
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
