/// A line diff (Myers' O(ND) algorithm) rendered as a unified diff, for previews of changes.
enum LineDiff {
    enum Operation<Line: Equatable>: Equatable { case same(Line), removed(Line), added(Line) }

    /// The lines of `text`, split at LF. A CRLF line keeps its "\r", so a change of line ending alone is still a
    /// change. (In a Swift `String` "\r\n" is one `Character`: splitting at the `Character` "\n" would leave a CRLF
    /// file as one line.)
    static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    /// The shortest edit script turning `a` into `b`.
    static func operations<Line: Equatable>(_ a: [Line], _ b: [Line]) -> [Operation<Line>] {
        let n = a.count, m = b.count, max = n + m
        guard max > 0 else { return [] }
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        outer: for d in 0...max {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1] : v[max + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[max + k] = x
                if x >= n && y >= m { trace.append(v); break outer }
            }
        }
        // Walk the trace back from the end to recover the path.
        var result: [Operation<Line>] = []
        var x = n, y = m
        for d in stride(from: trace.count - 2, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? k + 1 : k - 1
            let prevX = v[max + prevK], prevY = prevX - prevK
            while x > prevX && y > prevY { x -= 1; y -= 1; result.append(.same(a[x])) }
            if d > 0 {
                if x == prevX { y -= 1; result.append(.added(b[y])) } else { x -= 1; result.append(.removed(a[x])) }
            }
        }
        while x > 0 && y > 0 { x -= 1; y -= 1; result.append(.same(a[x])) }
        return result.reversed()
    }

    /// `diff -u` style text with `context` lines around each change; empty when the texts are equal.
    /// Lines are compared as they are (a CRLF line with its "\r") and printed through `render` (which can hide
    /// secrets) without the "\r", so a CRLF file's diff reads as an LF one's.
    static func unified<Line: Equatable>(old: [Line], new: [Line], oldName: String, newName: String, context: Int = 3,
                                         render: (Line) -> String = { "\($0)" }) -> String {
        let ops = operations(old, new)
        func shown(_ line: Line) -> String {
            let text = render(line)
            return text.hasSuffix("\r") ? String(text.dropLast()) : text
        }
        let changed = ops.indices.filter { if case .same = ops[$0] { false } else { true } }
        guard !changed.isEmpty else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group changes whose context overlaps into hunks.
        var hunks: [ClosedRange<Int>] = []
        for i in changed {
            let range = Swift.max(0, i - context)...Swift.min(ops.count - 1, i + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...range.upperBound
            } else {
                hunks.append(range)
            }
        }
        for hunk in hunks {
            var oldStart = 1, newStart = 1
            for op in ops[..<hunk.lowerBound] {
                switch op { case .same: oldStart += 1; newStart += 1; case .removed: oldStart += 1; case .added: newStart += 1 }
            }
            var oldCount = 0, newCount = 0, body = ""
            for op in ops[hunk] {
                switch op {
                case .same(let l): oldCount += 1; newCount += 1; body += " \(shown(l))\n"
                case .removed(let l): oldCount += 1; body += "-\(shown(l))\n"
                case .added(let l): newCount += 1; body += "+\(shown(l))\n"
                }
            }
            out += "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n" + body
        }
        return out
    }
}
