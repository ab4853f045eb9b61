import Foundation
import KeyMaterial

/// The console's own user store: users with salted PBKDF2 password hashes, and roles, kept in one XML file.
///
/// A value: operations change this copy only. ``serialized()`` gives the new file bytes, which the
/// caller writes atomically (the ServerHome change path), so a failed write never leaves half a file.
/// Names are compared exactly (case-sensitive), as WS-Security UsernameToken compares them.
///
/// PasswordDigest needs the clear password, which a hash cannot give back. A user can be enabled for it
/// explicitly: the store then also keeps that user's password in ``digestSecrets``, which the caller writes to a
/// separate owner-only file. Nobody is enabled by default.
public struct EmbeddedUserStore: Sendable {
    /// The XML namespace of the file format, version 1.
    public static let namespace = "urn:wssconsole:userstore:1"
    /// PBKDF2 iterations for new password hashes.
    public static let defaultIterations = 210_000
    /// The longest user or role name accepted.
    public static let maximumNameLength = 128

    struct User: Sendable, Hashable {
        var name: String
        var password: PasswordHash
        var roles: [String]
        /// Marked in the store file; the clear password itself lives in ``digestSecrets``.
        var allowsDigest = false
    }

    var userRecords: [User]

    /// Role names, in file order.
    public internal(set) var roles: [String]

    /// True for the bundled demo store, whose passwords are published; validation warns about it.
    public var isDemo: Bool

    /// PBKDF2 iterations used when a password is set; existing hashes keep their own count.
    public var passwordIterations: Int

    /// The clear passwords of the users enabled for PasswordDigest; stored apart from the store file.
    public var digestSecrets = DigestSecrets()

    /// An empty store.
    public init(isDemo: Bool = false, passwordIterations: Int = EmbeddedUserStore.defaultIterations) {
        self.userRecords = []
        self.roles = []
        self.isDemo = isDemo
        self.passwordIterations = passwordIterations
    }

    /// User names, in file order.
    public var users: [String] { userRecords.map(\.name) }

    /// A user as a listing shows it.
    public struct Summary: Sendable, Equatable {
        public let name: String
        public let roles: [String]
        public let allowsDigest: Bool
    }

    /// Every user with its roles and PasswordDigest setting, in file order: one pass, where ``roles(of:)`` for each
    /// user searched the store for it (quadratic: a listing of 5,000 users compared names 12 million times).
    public var summaries: [Summary] {
        userRecords.map { Summary(name: $0.name, roles: $0.roles, allowsDigest: $0.allowsDigest) }
    }

    /// The members of every role, in file order, in one pass over the users.
    public var membersByRole: [String: [String]] {
        var members = Dictionary(uniqueKeysWithValues: roles.map { ($0, [String]()) })
        for user in userRecords {
            for role in user.roles { members[role, default: []].append(user.name) }
        }
        return members
    }

    /// The roles assigned to `user`.
    public func roles(of user: String) throws(UserStoresError) -> [String] {
        guard let index = userIndex(user) else { throw UserStoresError.unknownUser(user) }
        return userRecords[index].roles
    }

    /// Adds a user with a password and (already defined) roles; `allowDigest` also keeps the clear password
    /// in ``digestSecrets`` so the user can authenticate with PasswordDigest.
    public mutating func addUser(_ name: String, password: Secret, roles: [String] = [], allowDigest: Bool = false) throws(UserStoresError) {
        try Self.validate(name: name, kind: "user")
        guard userIndex(name) == nil else { throw UserStoresError.duplicateUser(name) }
        guard !password.isEmpty else { throw UserStoresError.emptyPassword(name) }
        for role in roles where !self.roles.contains(role) { throw UserStoresError.unknownRole(role) }
        let hash = try PasswordHash.make(password: password, iterations: passwordIterations)
        userRecords.append(User(name: name, password: hash, roles: Self.unique(roles), allowsDigest: allowDigest))
        if allowDigest { digestSecrets[name] = password }
    }

    /// Replaces a user's password (with a fresh salt). `allowDigest` nil keeps the user's PasswordDigest setting
    /// (and refreshes the kept secret when enabled); true enables it, false disables it and drops the secret.
    public mutating func setPassword(of user: String, to password: Secret, allowDigest: Bool? = nil) throws(UserStoresError) {
        guard let index = userIndex(user) else { throw UserStoresError.unknownUser(user) }
        guard !password.isEmpty else { throw UserStoresError.emptyPassword(user) }
        userRecords[index].password = try PasswordHash.make(password: password, iterations: passwordIterations)
        let digest = allowDigest ?? userRecords[index].allowsDigest
        userRecords[index].allowsDigest = digest
        digestSecrets[user] = digest ? password : nil
    }

    /// Stops PasswordDigest for `user` and forgets the clear password kept for it.
    public mutating func disableDigest(for user: String) throws(UserStoresError) {
        guard let index = userIndex(user) else { throw UserStoresError.unknownUser(user) }
        userRecords[index].allowsDigest = false
        digestSecrets[user] = nil
    }

    /// True when `user` is enabled for PasswordDigest.
    public func allowsDigest(_ user: String) throws(UserStoresError) -> Bool {
        guard let index = userIndex(user) else { throw UserStoresError.unknownUser(user) }
        return userRecords[index].allowsDigest
    }

    /// Removes a user (and its digest secret, if any).
    public mutating func removeUser(_ name: String) throws(UserStoresError) {
        guard let index = userIndex(name) else { throw UserStoresError.unknownUser(name) }
        userRecords.remove(at: index)
        digestSecrets[name] = nil
    }

    /// Removes a role and takes it away from every user who had it.
    public mutating func removeRole(_ name: String) throws(UserStoresError) {
        guard let index = roles.firstIndex(of: name) else { throw UserStoresError.unknownRole(name) }
        roles.remove(at: index)
        for user in userRecords.indices { userRecords[user].roles.removeAll { $0 == name } }
    }

    /// The users holding `role`, in file order.
    public func members(of role: String) throws(UserStoresError) -> [String] {
        guard roles.contains(role) else { throw UserStoresError.unknownRole(role) }
        return userRecords.filter { $0.roles.contains(role) }.map(\.name)
    }

    /// Defines a new role.
    public mutating func addRole(_ name: String) throws(UserStoresError) {
        try Self.validate(name: name, kind: "role")
        guard !roles.contains(name) else { throw UserStoresError.duplicateRole(name) }
        roles.append(name)
    }

    /// Gives `user` the defined `role`; assigning a role twice changes nothing.
    public mutating func assign(role: String, to user: String) throws(UserStoresError) {
        guard roles.contains(role) else { throw UserStoresError.unknownRole(role) }
        guard let index = userIndex(user) else { throw UserStoresError.unknownUser(user) }
        if !userRecords[index].roles.contains(role) { userRecords[index].roles.append(role) }
    }

    /// Takes `role` away from `user`; a role the user does not have changes nothing.
    public mutating func unassign(role: String, from user: String) throws(UserStoresError) {
        guard roles.contains(role) else { throw UserStoresError.unknownRole(role) }
        guard let index = userIndex(user) else { throw UserStoresError.unknownUser(user) }
        userRecords[index].roles.removeAll { $0 == role }
    }

    /// Checks a user name and password.
    ///
    /// An unknown user still costs one key derivation, so timing does not reveal which names exist.
    public func authenticate(user: String, password: Secret) -> AuthenticationResult {
        guard let index = userIndex(user) else {
            let decoy = PasswordHash(
                iterations: passwordIterations, salt: Data(count: PasswordHash.saltLength),
                hash: Data(count: PasswordHash.hashLength))
            _ = decoy.verify(password)
            return .rejected(.unknownUser)
        }
        let record = userRecords[index]
        guard record.password.verify(password) else { return .rejected(.wrongPassword) }
        return .authenticated(user: record.name, roles: record.roles)
    }

    func userIndex(_ name: String) -> Int? {
        userRecords.firstIndex { $0.name == name }
    }

    static func validate(name: String, kind: String) throws(UserStoresError) {
        guard !name.isEmpty else { throw UserStoresError.invalidName("a \(kind) name is empty") }
        guard name.count <= maximumNameLength else {
            throw UserStoresError.invalidName("the \(kind) name is longer than \(maximumNameLength) characters")
        }
        guard name.trimmingCharacters(in: .whitespaces) == name else {
            throw UserStoresError.invalidName("the \(kind) name \"\(name)\" starts or ends with a space")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw UserStoresError.invalidName("the \(kind) name contains control characters")
        }
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
