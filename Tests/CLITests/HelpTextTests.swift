import Foundation
import Testing

/// Every command's `--help` as an operator reads it at 80 columns.
@Suite struct HelpTextTests {
    static let width = 80
    /// Where ArgumentParser starts the text of an option, argument or subcommand.
    static let column = 26

    /// A discussion written with newlines inside its sentences came out with short lines in mid-sentence
    /// ("one RSA-2048 private-key (or public-key)" / "operation plus ..."): ArgumentParser keeps each newline and
    /// wraps again. A line that ArgumentParser ended itself could not take the next line's first word (it breaks at
    /// the last space within the width), so a line that could, and does not end a sentence, was broken by hand.
    @Test func noHelpTextBreaksALineInMidSentence() throws {
        var pending = [[String]()]
        var seen = 0
        var broken: [String] = []
        while let command = pending.popLast() {
            guard command.count <= 3 else { Issue.record("no command is nested this deep: \(command)"); continue }
            let result = try CLI.run(command + ["--help"], environment: ["COLUMNS": String(Self.width)])
            #expect(result.status == 0, "\(command): \(result.all)")
            seen += 1
            broken += Self.handBreaks(in: result.stdout).map { "wssconsole \(command.joined(separator: " ")): \($0)" }
            pending += Self.subcommands(in: result.stdout).map { command + [$0] }
        }
        #expect(seen > 80, "every subcommand's help was read (\(seen))")
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    /// apply's options, the freshness numbers among them, are in the README's usage (which lists them by hand).
    @Test func everyApplyOptionIsInTheReadme() throws {
        let help = try CLI.run(["apply", "--help"], environment: ["COLUMNS": String(Self.width)])
        // An option's row starts with its name at the two-space indent.
        let options = Set(help.stdout.split(separator: "\n").compactMap { line in
            line.hasPrefix("  --") ? line.dropFirst(2).split(separator: " ").first.map(String.init) : nil
        })
        #expect(options.isSuperset(of: ["--timestamp-ttl", "--timestamp-skew", "--nonce-lifetime", "--roles"]), "\(help.all)")
        let readme = try String(contentsOfFile: CLI.repository + "/README.md", encoding: .utf8)
        #expect(options.filter { !readme.contains($0 + " ") && !readme.contains($0 + "`") }.isEmpty, "\(options)")
    }

    /// The names listed under SUBCOMMANDS: the first word of each row at the two-space indent, up to the blank line
    /// before "See 'wssconsole help <subcommand>'".
    static func subcommands(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { return nil }
            return String(name)
        }
    }

    /// Pairs of lines of one paragraph (the overview and discussion at the margin, or one option's text in its
    /// column) where the next line's first word would have fitted and the line does not end a sentence.
    static func handBreaks(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [String] = []
        for (line, next) in zip(lines, lines.dropFirst()) {
            guard !line.hasPrefix("USAGE:"), !next.hasPrefix("USAGE:"),
                  let word = next.split(separator: " ").first, !line.allSatisfy({ $0 == " " }) else { continue }
            let atMargin = indent(line) == 0 && indent(next) == 0
            let inColumn = indent(next) == column && (indent(line) == column || startsTextAtColumn(line))
            guard atMargin || inColumn else { continue }
            let wouldFit = line.count + 1 + word.count + 1 <= width
            if wouldFit, let last = line.last, !".:!?".contains(last) { found.append("\"\(line)\" / \"\(next)\"") }
        }
        return found
    }

    static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// An option or subcommand row whose text starts in the column ("  --json                  Print JSON.").
    static func startsTextAtColumn(_ line: String) -> Bool {
        let characters = Array(line)
        return characters.count > column && characters[column - 2] == " " && characters[column - 1] == " " && characters[column] != " "
    }
}
