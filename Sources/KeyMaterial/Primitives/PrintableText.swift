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

    /// True for a control character (C0, DEL, C1).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || [.lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
