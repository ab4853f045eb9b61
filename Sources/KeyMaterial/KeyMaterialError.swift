/// An error from the KeyMaterial module: a stable ``Code`` to branch on and a reason for people.
///
/// Tests and callers compare ``code`` only; ``reason``, ``fileID`` and ``line`` are for diagnostics.
public struct KeyMaterialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The password does not open the keystore or the encrypted key.
        case wrongPassword
        /// The bytes are not a well-formed instance of the expected format.
        case corrupt
        /// The input is well formed but uses something this module does not support.
        case unsupported
        /// An argument is outside what the operation accepts (key size, subject syntax, ...).
        case invalidArgument
        /// The terminal could not be opened or read for a password prompt.
        case terminalUnavailable
        /// OpenSSL failed where no more specific code applies.
        case cryptoFailure
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation, including OpenSSL's own error text when there is one.
    public let reason: String
    /// What to do about it, when the error knows better than its code (the tool that converts a foreign format).
    public let fix: String?
    /// Where the error was raised, for bug reports.
    public let fileID: String
    /// The line where the error was raised.
    public let line: Int

    private init(_ code: Code, _ reason: String, _ fileID: String, _ line: Int, fix: String? = nil) {
        self.code = code
        self.reason = reason
        self.fix = fix
        self.fileID = fileID
        self.line = line
    }

    public var description: String { "KeyMaterialError.\(code.rawValue): \(reason)" }

    /// The fix for a key's own password that does not open it (JKS; PKCS #12 from older Java tools).
    static let keyPasswordFix = "Give the key's own password (keytool's -keypass): --keypass-env NAME or --keypass-file F."

    /// The password does not open the keystore or key.
    public static func wrongPassword(_ reason: String, fix: String? = nil, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.wrongPassword, reason, fileID, line, fix: fix)
    }

    /// The data is damaged or not of the expected format.
    public static func corrupt(_ reason: String, fix: String? = nil, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.corrupt, reason, fileID, line, fix: fix)
    }

    /// The data uses an unsupported feature.
    public static func unsupported(_ reason: String, fix: String? = nil, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.unsupported, reason, fileID, line, fix: fix)
    }

    /// An argument is not acceptable.
    public static func invalidArgument(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.invalidArgument, reason, fileID, line)
    }

    /// A key with a password of its own that was not given, needed `purpose` (" to write PEM", say); says how to give it.
    static func keyPasswordNeeded(_ alias: String, _ purpose: String = "", fileID: String = #fileID, line: Int = #line) -> Self {
        invalidArgument("the key of \(alias) has its own password: give it (--keypass-env or --keypass-file)\(purpose)", fileID: fileID, line: line)
    }

    /// No terminal to prompt on.
    public static func terminalUnavailable(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.terminalUnavailable, reason, fileID, line)
    }

    /// OpenSSL reported a failure; its queued error text is appended to `reason`.
    public static func cryptoFailure(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.cryptoFailure, OpenSSLErrors.appending(to: reason), fileID, line)
    }
}
