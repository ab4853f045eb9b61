/// Text from outside (a message, a keystore) made safe to print on a terminal or in a log line.
///
/// Printed raw, a control character in such text drives the operator's terminal (ESC), or a line break forges a
/// line of our own output ("accepted ..."); a bidirectional override reorders what is shown. Each is shown as
/// `\xHH` or `\u{HHHH}` instead.
public enum PrintableText {
    /// `text` with each control character (C0, DEL, C1) as `\xHH` (ESC is `\x1b`), and each line or paragraph
    /// separator and bidirectional control as `\u{HHHH}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            result += scalar.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex + "}"
        }
        return result
    }

    /// Several lines made safe the same way, each ending as it did (LF, or CRLF: a file's own line ends in a diff);
    /// tabs are kept. For whole outputs, where line breaks are the printer's own.
    public static func escapedLines(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        func kept(_ index: Int) -> Bool {
            let scalar = scalars[index]
            return !isUnsafe(scalar) || scalar == "\n" || scalar == "\t"
                || (scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n")
        }
        guard !scalars.indices.allSatisfy(kept) else { return text }
        var result = String.UnicodeScalarView()
        for index in scalars.indices {
            if kept(index) { result.append(scalars[index]) } else { result.append(contentsOf: escaped(String(scalars[index])).unicodeScalars) }
        }
        return String(result)
    }

    /// JSON text (an encoder's output) with each character `escaped` would show escaped written as `\uHHHH`, which every
    /// JSON reader decodes to the same string. Encoders escape C0 themselves but leave DEL, C1 (U+009B is CSI to some
    /// terminals), separators and bidirectional controls raw, and JSON is read on terminals too. A C0 character left
    /// raw can only be the layout's own whitespace, outside any string: it stays.
    public static func escapedJSON(_ json: String) -> String {
        func raw(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x7F || !isUnsafe(scalar) }
        guard !json.unicodeScalars.allSatisfy(raw) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard !raw(scalar) else { result.append(scalar); continue }
            let hex = String(scalar.value, radix: 16)
            result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
        }
        return String(result)
    }

    /// True for a control character (C0, DEL, C1): general category Cc, which Unicode's stability policy fixes
    /// at these ranges. Compared as numbers: every check line of every verified message passes here, and the
    /// category lookup cost several per cent of a message's verification.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// True for what `escaped` shows escaped: a control character, a line or paragraph separator (U+2028 and U+2029,
    /// the only Zl and Zp), a bidirectional embedding, override or isolate.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return false }
        return isControl(scalar) || (0x2028...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}
