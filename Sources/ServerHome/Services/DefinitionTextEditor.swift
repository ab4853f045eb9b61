import Foundation
import SecureXML

/// Edits a definition's text in place, guided by its parsed tree: only the lines of the elements it adds,
/// changes or removes differ afterwards. (Re-serialising through libxml2 would move `xmlns` declarations and
/// requote attributes on every line it touches; operators diff these files.)
///
/// Lines end in LF or CRLF. In a Swift `String` "\r\n" is one `Character`, never equal to "\n", so every search
/// for a line break goes through ``isLineBreak(_:)``; the lines it adds end as the file's first line does.
struct DefinitionTextEditor {
    private(set) var text: String
    let root: XMLElement
    /// The file's own line ending ("\r\n" for a file saved on Windows), used for every line added.
    let newline: String

    /// The text is edited as UTF-8: a file in another encoding (ISO-8859-1, UTF-16) is refused, since decoding it as
    /// UTF-8 would replace its other characters when it is written back.
    init(bytes: [UInt8], root: XMLElement) throws(HomeError) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let declared = String(decoding: bytes.prefix(200), as: UTF8.self)
                .firstMatch(of: /encoding\s*=\s*["']([^"']+)["']/).map { " (it declares encoding=\"\($0.output.1)\")" } ?? ""
            throw HomeError(.serviceUnreadable, "the definition is not UTF-8 text\(declared): rewriting it would change its other characters",
                            fix: "Convert it to UTF-8 (iconv -f ISO-8859-1 -t UTF-8, and say encoding=\"UTF-8\" in its first line), "
                                + "or add <policy key=...> and <enableSec/> by hand.")
        }
        self.text = text
        self.root = root
        newline = text.first(where: Self.isLineBreak).map(String.init) ?? "\n"
    }

    /// LF, or CRLF (one `Character`).
    static func isLineBreak(_ c: Character) -> Bool { c == "\n" || c == "\r\n" }

    /// The name as written in the file, with the root's prefix when it has one.
    func qualified(_ name: String) -> String { root.prefix.map { "\($0):\(name)" } ?? name }

    /// Leading whitespace of the root's first child element, or the root's own plus four spaces.
    var childIndent: String {
        if let first = root.children.first, let indent = indent(ofLine: first.line) { return indent }
        return (indent(ofLine: root.line) ?? "") + "    "
    }

    /// Sets attribute `name` on the element of `qname` that starts on `line`.
    mutating func setAttribute(_ name: String, _ value: String, onElement qname: String, atLine line: Int) throws(HomeError) {
        let tag = try tagRange(qname, atLine: line)
        let tagText = String(text[tag])
        let quoted = "\"" + Self.escape(value) + "\""
        if let match = tagText.range(of: "\\s\(name)\\s*=\\s*(\"[^\"]*\"|'[^']*')", options: .regularExpression) {
            let attribute = tagText[match]
            let eq = attribute.firstIndex(of: "=")!
            let replaced = String(attribute[..<eq]) + "=" + quoted
            text.replaceSubrange(text.index(tag.lowerBound, offsetBy: tagText.distance(from: tagText.startIndex, to: match.lowerBound))
                                 ..< text.index(tag.lowerBound, offsetBy: tagText.distance(from: tagText.startIndex, to: match.upperBound)),
                                 with: replaced)
        } else {
            let afterName = text.index(tag.lowerBound, offsetBy: qname.count + 1)
            text.insert(contentsOf: " \(name)=\(quoted)", at: afterName)
        }
    }

    /// Removes the element of `qname` starting on `line`, and its line when nothing else is left on it.
    mutating func removeElement(_ qname: String, atLine line: Int) throws(HomeError) {
        let tag = try tagRange(qname, atLine: line)
        var end = tag.upperBound
        if text[text.index(before: tag.upperBound)...].first == ">" && text[text.index(tag.upperBound, offsetBy: -2)] != "/" {
            guard let close = text.range(of: "</\(qname)\\s*>", options: .regularExpression, range: tag.upperBound..<text.endIndex) else {
                throw HomeError(.serviceUnreadable, "line \(line): no closing tag for <\(qname)>")
            }
            end = close.upperBound
        }
        text.removeSubrange(tag.lowerBound..<end)
        let lineStart = text[..<tag.lowerBound].lastIndex(where: Self.isLineBreak).map { text.index(after: $0) } ?? text.startIndex
        let lineEnd = text[tag.lowerBound...].firstIndex(where: Self.isLineBreak) ?? text.endIndex
        if text[lineStart..<lineEnd].allSatisfy(\.isWhitespace) {
            text.removeSubrange(lineStart..<(lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd))
        }
    }

    /// Inserts `element` (its text) as the root's last child, on a line of its own.
    mutating func appendToRoot(_ element: String) throws(HomeError) {
        guard let close = text.range(of: "</\(qualified(root.name))", options: .backwards) else {
            throw HomeError(.serviceUnreadable, "no closing tag </\(qualified(root.name))> to add <\(element)> before")
        }
        let lineStart = text[..<close.lowerBound].lastIndex(where: Self.isLineBreak).map { text.index(after: $0) } ?? text.startIndex
        if text[lineStart..<close.lowerBound].allSatisfy(\.isWhitespace) {
            text.insert(contentsOf: childIndent + element + newline, at: lineStart)
        } else {
            text.insert(contentsOf: newline + childIndent + element + newline, at: close.lowerBound)
        }
    }

    /// The range of the start tag `<qname ...>` that begins on `line`.
    private func tagRange(_ qname: String, atLine line: Int) throws(HomeError) -> Range<String.Index> {
        let from = lineStart(line)
        guard let open = text.range(of: "<\(qname)(?=[\\s/>])", options: .regularExpression, range: from..<text.endIndex),
              let end = text[open.upperBound...].firstIndex(of: ">") else {
            throw HomeError(.serviceUnreadable, "line \(line): cannot find <\(qname)> in the text")
        }
        return open.lowerBound..<text.index(after: end)
    }

    private func lineStart(_ line: Int) -> String.Index {
        var index = text.startIndex
        for _ in 1..<max(line, 1) {
            guard let lineBreak = text[index...].firstIndex(where: Self.isLineBreak) else { return text.endIndex }
            index = text.index(after: lineBreak)
        }
        return index
    }

    private func indent(ofLine line: Int) -> String? {
        let start = lineStart(line)
        guard start < text.endIndex else { return nil }
        return String(text[start...].prefix { $0 == " " || $0 == "\t" })
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
