/// An error from the UserStores module: a stable ``Code`` to branch on and a reason for people.
///
/// Tests and callers compare ``code`` only; ``reason``, ``fileID`` and ``line`` are for diagnostics.
public struct UserStoresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The user store file is not in the expected format.
        case malformedStore
        /// No user has this name.
        case unknownUser
        /// No role has this name.
        case unknownRole
        /// A user with this name already exists.
        case duplicateUser
        /// A role with this name already exists.
        case duplicateRole
        /// A user or role name is empty, too long, or contains control characters.
        case invalidName
        /// The LDAP URL cannot be parsed.
        case invalidURL
        /// Nothing answered at the LDAP server's address ("Can't contact LDAP server").
        case serverUnreachable
        /// The LDAP server did not answer in time.
        case timeout
        /// The LDAP server answered but refused the bind.
        case bindFailed
        /// Key derivation or another primitive failed.
        case cryptoFailure
        /// The LDAP server's host name cannot be resolved.
        case nameResolutionFailed
        /// The TLS handshake (ldaps:// or StartTLS) failed or the server's certificate is not trusted.
        case tlsFailed
        /// A search base does not exist on the server (or the bind DN may not see it).
        case noSuchBase
        /// A search was refused or failed for another reason.
        case searchFailed
        /// The connection profile is incomplete or contradicts itself.
        case invalidProfile
        /// The store cannot be changed from wssconsole (an LDAP directory is managed with its own tools).
        case readOnlyStore
        /// A password to set is empty: no client could send it, and a check of it says nothing.
        case emptyPassword
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation.
    public let reason: String
    /// Where the error was raised, for bug reports.
    public let fileID: String
    /// The line where the error was raised.
    public let line: Int

    private init(_ code: Code, _ reason: String, _ fileID: String, _ line: Int) {
        self.code = code
        self.reason = reason
        self.fileID = fileID
        self.line = line
    }

    public var description: String { "UserStoresError.\(code.rawValue): \(reason)" }

    /// The store file is not in the expected format.
    public static func malformedStore(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.malformedStore, reason, fileID, line)
    }

    /// No such user.
    public static func unknownUser(_ name: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.unknownUser, "no user named \"\(name)\"", fileID, line)
    }

    /// No such role.
    public static func unknownRole(_ name: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.unknownRole, "no role named \"\(name)\"", fileID, line)
    }

    /// The user exists already.
    public static func duplicateUser(_ name: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.duplicateUser, "a user named \"\(name)\" already exists", fileID, line)
    }

    /// The role exists already.
    public static func duplicateRole(_ name: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.duplicateRole, "a role named \"\(name)\" already exists", fileID, line)
    }

    /// A name is not acceptable.
    public static func invalidName(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.invalidName, reason, fileID, line)
    }

    /// The LDAP URL is malformed.
    public static func invalidURL(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.invalidURL, reason, fileID, line)
    }

    /// The LDAP server cannot be reached.
    public static func serverUnreachable(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.serverUnreachable, reason, fileID, line)
    }

    /// The LDAP server did not answer in time.
    public static func timeout(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.timeout, reason, fileID, line)
    }

    /// The LDAP bind was refused.
    public static func bindFailed(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.bindFailed, reason, fileID, line)
    }

    /// The host name does not resolve.
    public static func nameResolutionFailed(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.nameResolutionFailed, reason, fileID, line)
    }

    /// The TLS handshake failed or the certificate is not trusted.
    public static func tlsFailed(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.tlsFailed, reason, fileID, line)
    }

    /// The search base does not exist (or is not visible to the bind DN).
    public static func noSuchBase(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.noSuchBase, reason, fileID, line)
    }

    /// A search failed.
    public static func searchFailed(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.searchFailed, reason, fileID, line)
    }

    /// The profile cannot be used as it is.
    public static func invalidProfile(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.invalidProfile, reason, fileID, line)
    }

    /// The store is read-only for wssconsole.
    public static func readOnlyStore(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.readOnlyStore, reason, fileID, line)
    }

    /// A cryptographic primitive failed.
    /// A password to set is empty.
    public static func emptyPassword(_ user: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.emptyPassword, "the password for \(user) is empty; an empty password cannot be set", fileID, line)
    }

    public static func cryptoFailure(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.cryptoFailure, reason, fileID, line)
    }
}
