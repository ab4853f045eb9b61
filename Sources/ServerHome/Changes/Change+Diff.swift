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
        return LineDiff.unified(old: oldLines, new: newLines, oldName: oldName, newName: newName, render: Self.masked)
    }

    /// Lines of a text file (nil content: no lines); nil when the bytes are not UTF-8 text.
    private static func lines(_ bytes: [UInt8]?) -> [String]? {
        guard let bytes else { return [] }
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var lines = LineDiff.lines(text)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// `text` with every line passed through ``masked(_:)``, for showing a file as the diffs do; CRLF line endings
    /// are kept.
    public static func maskingSecrets(_ text: String) -> String {
        LineDiff.lines(text).map { line in
            line.hasSuffix("\r") ? masked(String(line.dropLast())) + "\r" : masked(line)
        }.joined(separator: "\n")
    }

    /// Hides the value of `password = ...` settings, and the text of every element whose start tag speaks of a
    /// password (`<rampart:property name="...password">`, `<wsse:Password>`), each on its own: a line holding other
    /// elements too (a one-line policy) keeps them as they are.
    static func masked(_ line: String) -> String {
        guard line.lowercased().contains("password") else { return line }
        guard line.contains("<") else {
            guard let eq = line.firstIndex(of: "=") else { return line }
            return String(line[...eq]) + " \"********\""
        }
        return line.replacing(/(<[A-Za-z_][^<>]*password[^<>]*[^\/<>]>)([^<]+)/.ignoresCase()) { match in
            match.output.1 + "********"
        }
    }
}
