/// The rules for aliases: which ones we write, and how any alias is shown.
///
/// keytool accepts an alias with control characters, so a foreign keystore may hold one; printed raw, an ESC in it
/// drives the operator's terminal. We never write a new one, and show those we read escaped.
public enum KeystoreAlias {
    /// Refuses an alias for a new or renamed entry that is empty or holds control characters (C0, DEL, C1).
    public static func check(_ alias: String) throws {
        guard !alias.isEmpty else { throw KeyMaterialError.invalidArgument("the alias is empty") }
        guard !alias.unicodeScalars.contains(where: isControl) else {
            throw KeyMaterialError.invalidArgument("the alias \(escaped(alias)) contains control characters; use letters, digits and punctuation")
        }
    }

    /// `text` with each control character as `\xHH` (ESC is `\x1b`), safe to print on a terminal or in a log line.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }
}
