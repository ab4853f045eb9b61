import Foundation
import KerberosConfig

extension Change {
    /// The change as a unified diff, one section per file; secrets (password values, keystores) are never shown.
    public var diff: String {
        edits.map(\.diff).joined()
    }

    /// The diff as a screen shows it: its first `maxLines` lines, and how many more there are (a role taken from
    /// 5,000 users is a diff of 35,000 lines). Only the lines shown are masked and drawn.
    public func diff(maxLines: Int) -> DiffPreview {
        var preview = DiffPreview()
        for edit in edits {
            let part = edit.diff(maxLines: max(0, maxLines - preview.lines))
            preview.text += part.text
            preview.lines += part.lines
            preview.more += part.more
            preview.removed += part.removed
            preview.added += part.added
        }
        return preview
    }
}

/// The first lines of a change's diff, and what the rest holds.
public struct DiffPreview: Sendable, Equatable {
    public var text = ""
    /// Lines in `text`.
    public var lines = 0
    /// Lines of the diff left out of `text`.
    public var more = 0
    /// Lines the whole change removes and adds, shown or not.
    public var removed = 0
    public var added = 0
}

extension FileEdit {
    /// This file's part of the diff.
    public var diff: String { diff(maxLines: .max).text }

    /// This file's part of the diff, its first `maxLines` lines at most.
    func diff(maxLines: Int) -> DiffPreview {
        let oldName = before == nil ? "/dev/null" : "a/\(path)"
        let newName = after == nil ? "/dev/null" : "b/\(path)"
        guard let oldLines = Self.lines(before), let newLines = Self.lines(after) else {
            let lines = ["--- \(oldName)", "+++ \(newName)", "binary file \(path): \(before?.count ?? 0) -> \(after?.count ?? 0) bytes"]
            let kept = lines.prefix(max(0, maxLines))
            return DiffPreview(text: kept.map { $0 + "\n" }.joined(), lines: kept.count, more: lines.count - kept.count)
        }
        // Compared as written, shown masked: a changed password still shows as a changed line.
        let old = MaskedLines(oldLines), new = MaskedLines(newLines)
        return LineDiff.unified(old: old.keys, new: new.keys, oldName: oldName, newName: newName, maxLines: maxLines,
                                render: old.shown, renderNew: new.shown)
    }

    /// Lines of a text file (nil content: no lines); nil when the bytes are not UTF-8 text.
    private static func lines(_ bytes: [UInt8]?) -> [String]? {
        guard let bytes else { return [] }
        // Split as bytes with memchr, each line checked on its own (no byte of a multi-byte UTF-8 character is "\n"):
        // the generic byte loops took a third of a 5,000-user store's diff in a debug build.
        return bytes.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) -> [String]? in
            guard let base = buffer.baseAddress else { return [] }
            guard memchr(base, 0, buffer.count) == nil else { return nil }
            var lines: [String] = []
            var start = 0
            while start < buffer.count {
                var end = buffer.count
                if let newline = memchr(base + start, 0x0A, buffer.count - start) {
                    end = UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - base
                }
                guard let line = String(validating: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self) else { return nil }
                lines.append(line)
                start = end + 1
            }
            return lines
        }
    }

    /// `text` masked as the diffs mask it (``masked(lines:)``), for showing a file; CRLF line endings are kept.
    public static func maskingSecrets(_ text: String) -> String {
        let lines = LineDiff.lines(text)
        return zip(lines, masked(lines: lines)).map { line, shown in line.hasSuffix("\r") ? shown + "\r" : shown }.joined(separator: "\n")
    }

    /// The lines of a file as the diffs show them (without "\r"): each through ``masked(_:_:)``, and a secret that
    /// runs over several lines, of which only the first names the password, hidden on all of them.
    static func masked(lines: [String]) -> [String] {
        let masked = MaskedLines(lines)
        return lines.indices.map(masked.shown)
    }

    /// A file's lines, each masked when it is shown: a diff shows a few lines of a large file, and masking all of
    /// them ran the password patterns on every `<Password>` line of both versions of a 5,000-user store.
    struct MaskedLines {
        /// A line as the diff compares it: its text, and what the lines before it make of it.
        struct Key: Hashable {
            let text: String
            let shownByContext: String?
        }

        let keys: [Key]
        private let patterns = PasswordPatterns()

        init(_ lines: [String]) {
            let context = FileEdit.shownByContext(lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }, patterns)
            keys = lines.enumerated().map { Key(text: $1, shownByContext: context[$0]) }
        }

        func shown(_ index: Int) -> String {
            let key = keys[index]
            return key.shownByContext ?? FileEdit.masked(key.text.hasSuffix("\r") ? String(key.text.dropLast()) : key.text, patterns)
        }
    }

    /// The lines (without "\r") that a secret running over several lines hides, of which only the first names the
    /// password, with how each is shown. In a settings file (text that reads as TOML) those are the lines of a value
    /// whose key speaks of a password (a `"""` or `'''` string, an array; its first line too, whatever it holds);
    /// elsewhere, the text of a password element (a policy's `<rampart:property name="...password">`) up to the next tag.
    static func shownByContext(_ lines: [String], _ patterns: PasswordPatterns) -> [Int: String] {
        var shown: [Int: String] = [:]
        if let settings = try? TOMLDocument(lines: lines) {
            for entry in settings.entries where entry.key.lowercased().contains("password") {
                guard !Self.namesNoSecret(key: entry.key, value: entry.value.string) else { shown[entry.line - 1] = lines[entry.line - 1]; continue }
                let first = lines[entry.line - 1]
                shown[entry.line - 1] = first.firstIndex(of: "=").map { String(first[...$0]) + " \"********\"" } ?? "********"
                for index in entry.line..<entry.lastLine { shown[index] = "********" }
            }
            return shown
        }
        // A jaas.conf: its secrets are options the JAAS parser knows (storepass=, secret=), whatever they are called,
        // in an entry's braces, whatever its login module's class is called, or in a comment (a file whose entries are
        // all gone may keep one). (An XML file, a large user store say, is not searched; a krb5.conf read this way only
        // masks more.)
        let xml = lines.first { !$0.allSatisfy(\.isWhitespace) }?.drop { $0.isWhitespace }.first == "<"
        if !xml, lines.contains(where: { $0.contains("{") || $0.contains("/*") || $0.contains("//") }) {
            shown = JAASDocument(text: lines.joined(separator: "\n")).linesHidingSecrets(mask: "\"********\"")
        }
        var inSecret = false
        for (index, line) in lines.enumerated() {
            if inSecret {
                guard let tag = line.firstIndex(of: "<") else { shown[index] = "********"; continue }
                shown[index] = (tag == line.startIndex ? "" : "********") + masked(String(line[tag...]), patterns)
            }
            inSecret = opensSecret(line, patterns)
        }
        return shown
    }

    /// True when `line` ends in the text of an element whose start tag speaks of a password. The tag is then the
    /// line's last "<": the pattern runs on that part only (a `<Password ...>hash</Password>` line ends in `</`).
    private static func opensSecret(_ line: String, _ patterns: PasswordPatterns) -> Bool {
        guard let last = line.utf8.lastIndex(of: UInt8(ascii: "<")) else { return false }
        let tag = line[last...]
        return speaksOfPassword(tag) && tag.contains(patterns.startTag)
    }

    /// The test before any password pattern runs: text that does not say "password" (in any case) holds none.
    /// Compared byte by byte (the letters are ASCII): lowercasing every line of a large file first cost more than the rest.
    static func speaksOfPassword(_ text: some StringProtocol) -> Bool {
        let word = Array("password".utf8)
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count >= word.count else { return false }
            for start in 0...(bytes.count - word.count) where bytes[start] | 0x20 == word[0] {
                var matched = 1
                while matched < word.count, bytes[start + matched] | 0x20 == word[matched] { matched += 1 }
                if matched == word.count { return true }
            }
            return false
        } ?? String(text).lowercased().contains("password")
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
        guard speaksOfPassword(line) else { return line }
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
