import Testing
import Foundation
@testable import ServerHome

/// Diffs of a large user store: found in work that grows with the lines (canaries on counts, never on time), and
/// shown on screens as their first lines and what the rest holds.
@Suite struct LargeDiffTests {
    /// The lines of an embedded store of `users` users, each in the role everyone and in one of 50 teams.
    static func storeLines(users: Int) -> [String] {
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#, #"<UserStore xmlns="urn:wssconsole:userstore:1">"#, "  <Roles>",
                     #"    <Role name="everyone"/>"#]
        lines += (0..<50).map { #"    <Role name="team\#($0)"/>"# } + ["  </Roles>", "  <Users>"]
        for user in 0..<users {
            let hash = Data(SHA256Stand.hash(user)).base64EncodedString()
            lines += [#"    <User name="user\#(user)">"#,
                      #"      <Password scheme="pbkdf2-sha256" iterations="1000" salt="AAAAAAAAAAAAAAAAAAAAAA==">\#(hash)</Password>"#]
            lines += [#"      <MemberOf role="everyone"/>"#, #"      <MemberOf role="team\#(user % 50)"/>"#, "    </User>"]
        }
        return lines + ["  </Users>", "</UserStore>"]
    }

    /// Myers' search over the whole store kept a copy of its vector per difference: taking a role from 5,000 users
    /// (5,001 lines removed from 25,000) took 32 s and 3.5 GB in a debug build.
    @Test func aRoleTakenFromEveryUserIsFoundInLinearWork() {
        let before = Self.storeLines(users: 5_000), after = before.filter { !$0.contains("\"everyone\"") }
        let script = LineDiff.script(before, after)
        #expect(script.steps.filter { $0 == .removed }.count == 5_001)
        #expect(!script.steps.contains(.added))
        #expect(script.work < 10 * (before.count + after.count), "work \(script.work) for \(before.count + after.count) lines")
        // The script turns one into the other.
        var x = 0, rebuilt: [String] = [], removed: [String] = []
        for step in script.steps {
            if step == .same { rebuilt.append(before[x]) } else { removed.append(before[x]) }
            x += 1
        }
        let turnsBeforeIntoAfter = rebuilt == after && Set(removed).count == 2
        #expect(turnsBeforeIntoAfter)
    }

    /// Stretches with no line of their own to anchor on go through Myers' search, bounded: past `maxDistance`
    /// differences the stretch is removed and added whole, a correct diff found in bounded work.
    @Test func stretchesWithoutAnchorsAreSearchedBoundedly() {
        let a = (0..<3_000).map { $0 % 2 == 0 ? "a" : "b" }, b = (0..<3_000).map { $0 % 2 == 0 ? "c" : "a" }
        let script = LineDiff.script(a, b)
        #expect(script.work <= (LineDiff.maxDistance + 2) * (a.count + b.count))
        let ops = LineDiff.operations(a, b)
        let old = ops.compactMap { if case .removed(let l) = $0 { l } else if case .same(let l) = $0 { l } else { nil } }
        let new = ops.compactMap { if case .added(let l) = $0 { l } else if case .same(let l) = $0 { l } else { nil } }
        let turnsAIntoB = old == a && new == b
        #expect(turnsAIntoB)
        // A short stretch still gets the shortest script.
        let short = LineDiff.script(["x", "a", "x", "b", "x"], ["x", "b", "x", "a", "x"])
        #expect(short.steps.filter { $0 != .same }.count == 4)
    }

    /// A screen shows the first lines of a change of 25,000 lines and says how many more there are and what the whole
    /// change does; the text is the full diff's beginning, its password lines masked.
    @Test func theDiffOfALargeChangeIsShownAsItsFirstLines() {
        let change = Self.change(removing: "everyone")
        let full = change.diff
        let preview = change.diff(maxLines: 200)
        #expect(preview.lines == 200 && preview.text.split(separator: "\n", omittingEmptySubsequences: false).count == 201)
        let isTheBeginning = full.hasPrefix(preview.text)
        #expect(isTheBeginning)
        #expect(preview.more == full.split(separator: "\n").count - 200)
        #expect(preview.removed == 5_001 && preview.added == 0)
        let masked = !preview.text.contains(Data(SHA256Stand.hash(3)).base64EncodedString()) && preview.text.contains(">********</Password>")
        #expect(masked)
        let whole = change.diff(maxLines: .max)
        let isTheWhole = whole.text == full
        #expect(isTheWhole && whole.more == 0 && whole.lines == full.split(separator: "\n").count)
        // Each hunk's line numbers were counted from the start of the diff (quadratic in the hunks); they are counted on.
        let diff = Self.change(removing: "team7").diff
        let hunks = diff.split(separator: "\n").filter { $0.hasPrefix("@@ ") }
        #expect(hunks.count == 101)
        #expect(hunks.prefix(2) == ["@@ -9,7 +9,6 @@", "@@ -92,7 +91,6 @@"])
        #expect(hunks.contains("@@ -20092,7 +20011,6 @@"), "user 4,007's hunk")
    }

    /// The store of 5,000 users as it is, and without `role` (its definition and every membership).
    static func change(removing role: String) -> Change {
        let before = storeLines(users: 5_000), after = before.filter { !$0.contains("\"\(role)\"") }
        let edit = FileEdit(path: "conf/userstore.xml", before: Array((before.joined(separator: "\n") + "\n").utf8),
                            after: Array((after.joined(separator: "\n") + "\n").utf8), secret: true)
        return Change(summary: "Remove role \(role)", edits: [edit])
    }
}

/// Distinct 32-byte values standing for password hashes.
private enum SHA256Stand {
    static func hash(_ n: Int) -> [UInt8] { (0..<32).map { UInt8(truncatingIfNeeded: n &* 31 &+ $0 &* 7 &+ n >> 8) } }
}
