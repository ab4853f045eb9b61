/// A line diff rendered as a unified diff, for previews of changes.
///
/// Linear in practice on large files: the common start and end are set aside, then lines that occur once in each
/// side anchor the rest (patience diff), and only the short stretches between anchors go through Myers' O(ND)
/// algorithm, with D bounded. Myers over a whole 5,000-user store, a role removed from every user, kept a copy of
/// its 50,000-entry vector per step: 32 s and 3.5 GB (debug build).
enum LineDiff {
    enum Operation<Line: Equatable>: Equatable { case same(Line), removed(Line), added(Line) }

    /// One step of an edit script; the lines it concerns follow from the steps before it.
    enum Step: Equatable { case same, removed, added }

    /// An edit script, and the work done to find it: lines compared or counted, and diagonals Myers' search
    /// reached (a test checks that it grows with the lines, not with their square).
    struct EditScript {
        var steps: [Step] = []
        var work = 0
    }

    /// The most differences Myers' algorithm looks for in one stretch between anchors: past it the stretch is
    /// shown as removed then added (a correct diff, not the shortest), so time and memory stay bounded.
    static let maxDistance = 1_000

    /// The lines of `text`, split at LF. A CRLF line keeps its "\r", so a change of line ending alone is still a
    /// change. (In a Swift `String` "\r\n" is one `Character`: splitting at the `Character` "\n" would leave a CRLF
    /// file as one line.)
    static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    /// An edit script turning `a` into `b`.
    static func operations<Line: Hashable>(_ a: [Line], _ b: [Line]) -> [Operation<Line>] {
        var x = 0, y = 0
        return script(a, b).steps.map { step in
            switch step {
            case .same: defer { x += 1; y += 1 }; return .same(a[x])
            case .removed: defer { x += 1 }; return .removed(a[x])
            case .added: defer { y += 1 }; return .added(b[y])
            }
        }
    }

    /// The steps turning `a` into `b`. Lines are compared as numbers: each distinct line is hashed once.
    static func script<Line: Hashable>(_ a: [Line], _ b: [Line]) -> EditScript {
        var numbers: [Line: Int] = [:]
        func number(_ line: Line) -> Int {
            if let known = numbers[line] { return known }
            numbers[line] = numbers.count
            return numbers.count - 1
        }
        var script = EditScript()
        script.steps.reserveCapacity(max(a.count, b.count))
        Script(a: a.map(number), b: b.map(number)).diff(0..<a.count, 0..<b.count, into: &script)
        return script
    }

    private struct Script {
        let a: [Int], b: [Int]

        func diff(_ ra: Range<Int>, _ rb: Range<Int>, into script: inout EditScript) {
            var ra = ra, rb = rb
            var prefix = 0
            while ra.lowerBound + prefix < ra.upperBound, rb.lowerBound + prefix < rb.upperBound,
                  a[ra.lowerBound + prefix] == b[rb.lowerBound + prefix] { prefix += 1 }
            ra = ra.lowerBound + prefix..<ra.upperBound
            rb = rb.lowerBound + prefix..<rb.upperBound
            var suffix = 0
            while suffix < ra.count, suffix < rb.count, a[ra.upperBound - 1 - suffix] == b[rb.upperBound - 1 - suffix] { suffix += 1 }
            ra = ra.lowerBound..<ra.upperBound - suffix
            rb = rb.lowerBound..<rb.upperBound - suffix
            script.work += prefix + suffix + 1
            script.steps.append(contentsOf: repeatElement(.same, count: prefix))
            defer { script.steps.append(contentsOf: repeatElement(.same, count: suffix)) }
            if ra.isEmpty || rb.isEmpty {
                script.steps.append(contentsOf: repeatElement(.removed, count: ra.count))
                script.steps.append(contentsOf: repeatElement(.added, count: rb.count))
                return
            }
            script.work += ra.count + rb.count
            let anchors = uniqueCommonLines(ra, rb)
            guard !anchors.isEmpty else { return myers(ra, rb, into: &script) }
            var x = ra.lowerBound, y = rb.lowerBound
            for (ax, by) in anchors {
                diff(x..<ax, y..<by, into: &script)
                script.steps.append(.same)
                x = ax + 1
                y = by + 1
            }
            diff(x..<ra.upperBound, y..<rb.upperBound, into: &script)
        }

        /// The lines that occur exactly once in each range, paired, the longest run of them in the same order on
        /// both sides (patience sorting).
        private func uniqueCommonLines(_ ra: Range<Int>, _ rb: Range<Int>) -> [(Int, Int)] {
            // For each line number: where it is in each range, or -1 when it is there more than once. (Sized to the
            // ranges, not to every line of the file: this runs once per stretch between anchors.)
            var inA: [Int: Int] = [:], inB: [Int: Int] = [:]
            inA.reserveCapacity(ra.count)
            inB.reserveCapacity(rb.count)
            for i in ra { inA[a[i]] = inA[a[i]] == nil ? i : -1 }
            for j in rb { inB[b[j]] = inB[b[j]] == nil ? j : -1 }
            let pairs = ra.compactMap { i in inA[a[i]] == i ? inB[a[i]].flatMap { $0 >= 0 ? (i, $0) : nil } : nil }
            guard !pairs.isEmpty else { return [] }
            // Longest increasing run of b positions: `tails[k]` ends the best run of length k + 1.
            var tails: [Int] = [], previous = [Int](repeating: -1, count: pairs.count)
            for (index, pair) in pairs.enumerated() {
                var low = 0, high = tails.count
                while low < high {
                    let middle = (low + high) / 2
                    if pairs[tails[middle]].1 < pair.1 { low = middle + 1 } else { high = middle }
                }
                if low > 0 { previous[index] = tails[low - 1] }
                if low == tails.count { tails.append(index) } else { tails[low] = index }
            }
            var run: [(Int, Int)] = []
            var index = tails.last ?? -1
            while index >= 0 { run.append(pairs[index]); index = previous[index] }
            return run.reversed()
        }

        /// Myers' shortest edit script of a stretch, up to ``maxDistance`` differences. Each step keeps only the
        /// diagonals it reached (2d + 1 of them), not a copy of the whole vector.
        private func myers(_ ra: Range<Int>, _ rb: Range<Int>, into script: inout EditScript) {
            let n = ra.count, m = rb.count
            let limit = min(n + m, LineDiff.maxDistance)
            var v = [Int](repeating: 0, count: 2 * limit + 3)
            let offset = limit + 1
            var trace: [[Int]] = []
            var found = false
            search: for d in 0...limit {
                for k in stride(from: -d, through: d, by: 2) {
                    var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                    var y = x - k
                    while x < n && y < m && a[ra.lowerBound + x] == b[rb.lowerBound + y] { x += 1; y += 1; script.work += 1 }
                    v[offset + k] = x
                    script.work += 1
                    if x >= n && y >= m { found = true }
                }
                trace.append(Array(v[offset - d...offset + d]))
                if found { break search }
            }
            guard found else {
                script.steps.append(contentsOf: repeatElement(.removed, count: n))
                script.steps.append(contentsOf: repeatElement(.added, count: m))
                return
            }
            // Walk the trace back from the end to recover the path.
            var reversed: [Step] = []
            var x = n, y = m
            for d in stride(from: trace.count - 1, through: 1, by: -1) {
                let k = x - y
                let previous = trace[d - 1]    // diagonals -(d - 1) ... d - 1
                func reached(_ k: Int) -> Int { previous[k + d - 1] }
                let prevK = (k == -d || (k != d && reached(k - 1) < reached(k + 1))) ? k + 1 : k - 1
                let prevX = reached(prevK), prevY = prevX - prevK
                while x > prevX && y > prevY { x -= 1; y -= 1; reversed.append(.same) }
                if x == prevX { y -= 1; reversed.append(.added) } else { x -= 1; reversed.append(.removed) }
            }
            while x > 0 && y > 0 { x -= 1; y -= 1; reversed.append(.same) }
            script.steps.append(contentsOf: reversed.reversed())
        }
    }

    /// `diff -u` style text with `context` lines around each change; empty when the texts are equal.
    /// Lines are compared as they are (a CRLF line with its "\r") and printed through `render` (which can hide
    /// secrets) without the "\r", so a CRLF file's diff reads as an LF one's.
    static func unified<Line: Hashable>(old: [Line], new: [Line], oldName: String, newName: String, context: Int = 3,
                                        render: (Line) -> String = { "\($0)" }) -> String {
        unified(old: old, new: new, oldName: oldName, newName: newName, context: context, maxLines: .max,
                render: { render(old[$0]) }, renderNew: { render(new[$0]) }).text
    }

    /// The unified diff's first `maxLines` lines at most; the rest is only counted. Lines are rendered by their
    /// index (`render` for the old side and context, `renderNew` for the new side), and only those shown.
    static func unified<Line: Hashable>(old: [Line], new: [Line], oldName: String, newName: String, context: Int = 3, maxLines: Int,
                                        render: (Int) -> String, renderNew: (Int) -> String) -> DiffPreview {
        let steps = script(old, new).steps
        var result = DiffPreview()
        func shown(_ text: String) -> String { text.hasSuffix("\r") ? String(text.dropLast()) : text }
        func emit(_ line: @autoclosure () -> String) {
            guard result.lines < maxLines else { result.more += 1; return }
            result.text += line() + "\n"
            result.lines += 1
        }
        let changed = steps.indices.filter { steps[$0] != .same }
        guard !changed.isEmpty else { return result }
        emit("--- \(oldName)")
        emit("+++ \(newName)")
        // Group changes whose context overlaps into hunks.
        var hunks: [ClosedRange<Int>] = []
        for i in changed {
            let range = Swift.max(0, i - context)...Swift.min(steps.count - 1, i + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...range.upperBound
            } else {
                hunks.append(range)
            }
        }
        // Line numbers of the step at `next`, advanced hunk by hunk (counting from the start for each was quadratic).
        var next = 0, oldLine = 0, newLine = 0
        func advance(to end: Int) {
            while next < end {
                switch steps[next] { case .same: oldLine += 1; newLine += 1; case .removed: oldLine += 1; case .added: newLine += 1 }
                next += 1
            }
        }
        for hunk in hunks {
            advance(to: hunk.lowerBound)
            let oldStart = oldLine, newStart = newLine
            var oldCount = 0, newCount = 0
            for step in steps[hunk] {
                switch step { case .same: oldCount += 1; newCount += 1; case .removed: oldCount += 1; case .added: newCount += 1 }
            }
            emit("@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@")
            for index in hunk {
                let x = oldLine, y = newLine
                switch steps[index] {
                case .same: emit(" " + shown(render(x)))
                case .removed: emit("-" + shown(render(x))); result.removed += 1
                case .added: emit("+" + shown(renderNew(y))); result.added += 1
                }
                advance(to: index + 1)
            }
        }
        return result
    }
}
