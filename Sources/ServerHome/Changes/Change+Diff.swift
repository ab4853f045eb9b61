import Foundation

extension Change {
    /// The change as a unified diff, one section per file; secrets (password values, keystores) are never shown.
    public var diff: String {
        edits.map(\.diff).joined()
    }
}

extension FileEdit {
    /// This file's part of the diff.
    public var diff: String {
        let oldName = before == nil ? "/dev/null" : "a/\(path)"
        let newName = after == nil ? "/dev/null" : "b/\(path)"
        guard let oldLines = Self.lines(before), let newLines = Self.lines(after) else {
            return "--- \(oldName)\n+++ \(newName)\nbinary file \(path): \(before?.count ?? 0) -> \(after?.count ?? 0) bytes\n"
        }
        // Compared as written, shown masked: a changed password still shows as a changed line.
        func shown(_ lines: [String]) -> [ShownLine] { zip(lines, Self.masked(lines: lines)).map { ShownLine(text: $0, shown: $1) } }
        return LineDiff.unified(old: shown(oldLines), new: shown(newLines), oldName: oldName, newName: newName, render: \.shown)
    }

    private struct ShownLine: Equatable {
        let text: String
        let shown: String
    }

    /// Lines of a text file (nil content: no lines); nil when the bytes are not UTF-8 text.
    private static func lines(_ bytes: [UInt8]?) -> [String]? {
        guard let bytes else { return [] }
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var lines = LineDiff.lines(text)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// `text` masked as the diffs mask it (``masked(lines:)``), for showing a file; CRLF line endings are kept.
    public static func maskingSecrets(_ text: String) -> String {
        let lines = LineDiff.lines(text)
        return zip(lines, masked(lines: lines)).map { line, shown in line.hasSuffix("\r") ? shown + "\r" : shown }.joined(separator: "\n")
    }

    /// The lines of a file as the diffs show them (without "\r"): each through ``masked(_:)``, and a secret that
    /// runs over several lines, of which only the first names the password, hidden on all of them. In a settings
    /// file (text that reads as TOML) that is every line of a value whose key speaks of a password (a `"""` or
    /// `'''` string, an array; its first line too, whatever it holds); elsewhere, the text of a password element
    /// (a policy's `<rampart:property name="...password">`) up to the next tag.
    static func masked(lines: [String]) -> [String] {
        let lines = lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        let patterns = PasswordPatterns()
        var shown = lines.map { masked($0, patterns) }
        if let settings = try? TOMLDocument(text: lines.joined(separator: "\n")) {
            for entry in settings.entries where entry.key.lowercased().contains("password") {
                guard !Self.namesNoSecret(key: entry.key, value: entry.value.string) else { shown[entry.line - 1] = lines[entry.line - 1]; continue }
                let first = lines[entry.line - 1]
                shown[entry.line - 1] = first.firstIndex(of: "=").map { String(first[...$0]) + " \"********\"" } ?? "********"
                for index in entry.line..<entry.lastLine { shown[index] = "********" }
            }
            return shown
        }
        var inSecret = false
        for (index, line) in lines.enumerated() {
            if inSecret {
                guard let tag = line.firstIndex(of: "<") else { shown[index] = "********"; continue }
                shown[index] = (tag == line.startIndex ? "" : "********") + masked(String(line[tag...]), patterns)
            }
            inSecret = line.contains(patterns.startTag)
        }
        return shown
    }

    /// The patterns of password lines, compiled once per file: a regex literal is parsed again each time it is
    /// evaluated, and the diff of a large user store (a `<Password>` line per user) took seconds. (A Regex is not
    /// Sendable, so not a static.)
    struct PasswordPatterns {
        /// An element's start tag that speaks of a password, its text running past the line.
        let startTag = /<[A-Za-z_][^<>]*password[^<>]*[^\/<>]>[^<]*$/.ignoresCase()
        /// `password = value` (the key, then the value quoted or not).
        let setting = /(([A-Za-z0-9_.\-]*password[A-Za-z0-9_.\-]*)\s*=\s*)("[^"]*"?|'[^']*'?|\S+)/.ignoresCase()
        /// An element whose start tag speaks of a password, with its text.
        let element = /(<(?![\/!?])[^<>]*password[^<>]*[^\/<>]>)([^<]+)/.ignoresCase()
    }

    /// A password setting that holds no secret: one that names where the password is (`password_env`,
    /// `connection_password_file`), or whose value is a single WSO2 placeholder (`$env{LDAP_PW}`, `$secret{alias}`).
    /// Masked, a change from a placeholder to a password typed in clear read as no change at all.
    static func namesNoSecret(key: String, value: String?) -> Bool {
        let key = key.lowercased()
        if key.hasSuffix("_env") || key.hasSuffix("_file") { return true }
        guard let value else { return false }
        return WSO2Placeholders.isReference(value)
    }

    /// Hides the value of `password = ...` settings, and the text of every element whose start tag speaks of a
    /// password (`<rampart:property name="...password">`, `<wsse:Password>`), each on its own: a line holding other
    /// elements too (a one-line policy) keeps them as they are.
    static func masked(_ line: String, _ patterns: PasswordPatterns) -> String {
        guard line.lowercased().contains("password") else { return line }
        guard line.contains("<") else {
            // Only the password's value: the other settings of the line (the digest secrets' user) stay readable.
            var named = false
            let setting = line.replacing(patterns.setting) { match in
                let quoted = String(match.output.3), value = quoted.count >= 2 ? String(quoted.dropFirst().dropLast()) : quoted
                guard namesNoSecret(key: String(match.output.2), value: value) else { return match.output.1 + "\"********\"" }
                named = true
                return match.output.0
            }
            // A line the pattern does not read (a secret after a comment, say) is masked whole after its "=".
            guard setting == line, !named, let eq = line.firstIndex(of: "=") else { return setting }
            return String(line[...eq]) + " \"********\""
        }
        // The tag's name or an attribute speaks of a password (`<Password scheme=...>`, `<property name="...password">`).
        return line.replacing(patterns.element) { match in
            match.output.1 + "********"
        }
    }
}
