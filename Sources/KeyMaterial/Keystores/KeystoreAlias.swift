/// The rules for aliases: which ones we write, and how any alias is shown.
///
/// keytool accepts an alias with control characters, so a foreign keystore may hold one; printed raw, an ESC in it
/// drives the operator's terminal. We never write a new one, and show those we read escaped (`PrintableText`).
public enum KeystoreAlias {
    /// Refuses an alias for a new or renamed entry that is empty or holds control characters (C0, DEL, C1).
    public static func check(_ alias: String) throws {
        guard !alias.isEmpty else { throw KeyMaterialError.invalidArgument("the alias is empty") }
        guard !alias.unicodeScalars.contains(where: PrintableText.isControl) else {
            throw KeyMaterialError.invalidArgument("the alias \(PrintableText.escaped(alias)) contains control characters; use letters, digits and punctuation")
        }
    }
}
