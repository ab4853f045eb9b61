/// Every failure of the administration layer: a code for scripts and tests, a message and a fix for people.
public struct HomeError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case homeNotFound, homeUnreadable, notAHome, sessionMismatch
        case serviceNotFound, serviceUnreadable, serviceAmbiguous
        case unknownScenario, policyUnreadable, policyInvalid, policyShared, notSecured
        case writeFailed, readOnly, locked, undoConflict, changeNotFound, demoSourceMissing
        case keystoreNotFound, keystoreWrongPassword, keystoreUnreadable, keystoreOperationFailed
        /// A new user, role or password the user store's rules refuse; a role a service still allows.
        case userStoreRefused, roleInUse
        /// A relative path that names one file here and another in the home.
        case pathAmbiguous
        /// What the command works on is not set up in the home's settings (no LDAP connection, say).
        case notConfigured
        /// Scenario 16 for one service would move jaas.conf's one Server entry away from the principal others use.
        case kerberosEntryShared
    }

    public let code: Code
    public let message: String
    /// What the operator can do about it.
    public let fix: String
    public private(set) var location: String

    init(_ code: Code, _ message: String, fix: String = "", file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.fix = fix
        self.location = "\(file):\(line)"
    }

    public var description: String { fix.isEmpty ? message : "\(message)\n  fix: \(fix)" }

    /// The same failure with another way out, which the caller offers, after its fix.
    public func orElse(_ other: String) -> HomeError {
        let own = fix.hasSuffix(".") ? String(fix.dropLast()) : fix
        var error = HomeError(code, message, fix: own.isEmpty ? other : "\(own); or \(other)")
        error.location = location
        return error
    }
}
