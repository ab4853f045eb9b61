import Foundation

/// Changes to a secured message that its protection must catch; each one is checked to have changed something.
enum Tampering {
    struct NothingToTamper: Error, CustomStringConvertible {
        let description: String
    }

    /// The change that scenario N's protection must detect: a wrong password where only a UsernameToken
    /// protects (1), otherwise a later expiry in the signed Timestamp (every message-security scenario signs it).
    static func apply(scenario: Int, to message: String) throws -> String {
        scenario == 1 ? try wrongPassword(message) : try laterExpiry(message)
    }

    static func wrongPassword(_ message: String) throws -> String {
        try replacing("alice-demo-pass", with: "alice-demo-pasx", in: message)
    }

    /// `Expires>2026-…` becomes `Expires>2027-…`, whatever prefix the producer gave wsu.
    static func laterExpiry(_ message: String) throws -> String {
        guard let range = message.range(of: #"Expires>\d{4}"#, options: .regularExpression) else {
            throw NothingToTamper(description: "no Timestamp Expires in the message")
        }
        let year = Int(message[range].suffix(4))!
        return message.replacingCharacters(in: range, with: "Expires>\(year + 1)")
    }

    /// The body's text changed in clear (scenarios whose Body is signed and not encrypted).
    static func body(_ message: String) throws -> String {
        try replacing("Widget, blue", with: "Widget, gold", in: message)
    }

    private static func replacing(_ old: String, with new: String, in message: String) throws -> String {
        guard message.contains(old) else { throw NothingToTamper(description: "\(old) is not in the message") }
        return message.replacingOccurrences(of: old, with: new)
    }
}
