import Foundation
import KeyMaterial
import UserStores

/// The embedded user store's operations: read it, and plan every edit as a ``Change`` through the one write path.
extension Home {
    /// The embedded store file and its PasswordDigest secrets file, relative to the home root.
    public func embeddedStorePaths() throws(HomeError) -> (store: String, digestSecrets: String) {
        let settings = try settings()
        guard settings.userStoreType == "embedded" else {
            throw HomeError(.homeUnreadable, "This home's user store is \(settings.userStoreType), not the embedded store",
                            fix: "Users and roles of an LDAP directory are managed with the directory's tools; wssconsole browses and tests them.")
        }
        guard let file = settings.userStoreFile, let digest = settings.embeddedDigestFile else {
            throw HomeError(.homeUnreadable, "No embedded user store is configured", fix: "Set [user_store] file in \(layout.settingsPath).")
        }
        return (file, digest)
    }

    /// The embedded store with its digest secrets loaded.
    public func embeddedUserStore() throws -> EmbeddedUserStore {
        let paths = try embeddedStorePaths()
        return try embeddedUserStore(store: FileSystem.read(FileSystem.join(root, paths.store)), paths: paths,
                                     secrets: FileSystem.read(FileSystem.join(root, paths.digestSecrets)))
    }

    private func embeddedUserStore(store bytes: [UInt8]?, paths: (store: String, digestSecrets: String), secrets: [UInt8]?) throws -> EmbeddedUserStore {
        guard let bytes else {
            throw HomeError(.homeUnreadable, "Cannot read the user store \(paths.store)", fix: "Check the path, or run wssconsole demo generate.")
        }
        var store = try EmbeddedUserStore(xml: Data(bytes))
        if let secrets {
            store.digestSecrets = try DigestSecrets(data: Data(secrets))
        }
        return store
    }

    /// Plans an edit of the embedded store: `edit` changes a copy; the change holds the new store file and, when
    /// PasswordDigest secrets changed, the new secrets file. `summary` is lower case, as every change's ("add user
    /// bob"): an undo quotes it mid-sentence.
    public func planUserEdit(_ summary: String, _ edit: (inout EmbeddedUserStore) throws(UserStoresError) -> Void) throws -> Change {
        let paths = try embeddedStorePaths()
        let storeBefore = FileSystem.read(FileSystem.join(root, paths.store))
        let secretsBefore = FileSystem.read(FileSystem.join(root, paths.digestSecrets))
        // The edit starts from the very bytes the change says it replaces, so the commit refuses a store rewritten since.
        var store = try embeddedUserStore(store: storeBefore, paths: paths, secrets: secretsBefore)
        let before = store.digestSecrets.serialized()
        try edit(&store)
        var edits = [FileEdit(path: paths.store, before: storeBefore, after: Array(store.serialized()), secret: true)]
        let after = store.digestSecrets.serialized()
        if after != before || (secretsBefore == nil && !store.digestSecrets.users.isEmpty) {
            edits.append(FileEdit(path: paths.digestSecrets, before: secretsBefore, after: Array(after), secret: true))
        }
        return Change(summary: summary, edits: edits)
    }

    /// Refuses a name or password WSO2's user stores would refuse (`newNameProblem`, `newPasswordProblem`).
    public func planAddUser(_ name: String, password: Secret, roles: [String], allowDigest: Bool) throws -> Change {
        try Home.checkNewName(name, of: .user)
        try Home.checkNewPassword(password, of: name)
        return try planUserEdit("add user \(name)" + (roles.isEmpty ? "" : " (\(roles.joined(separator: ", ")))") + (allowDigest ? ", PasswordDigest allowed" : "")) {
            (store: inout EmbeddedUserStore) throws(UserStoresError) in try store.addUser(name, password: password, roles: roles, allowDigest: allowDigest)
        }
    }

    public func planRemoveUser(_ name: String) throws -> Change {
        try planUserEdit("remove user \(name)") { (store: inout EmbeddedUserStore) throws(UserStoresError) in try store.removeUser(name) }
    }

    /// `allowDigest` nil keeps the user's PasswordDigest setting. Refuses a password WSO2's user stores would refuse.
    public func planSetPassword(of name: String, to password: Secret, allowDigest: Bool?) throws -> Change {
        if !password.isEmpty { try Home.checkNewPassword(password, of: name) }
        let note = allowDigest.map { $0 ? ", PasswordDigest allowed" : ", PasswordDigest disabled" } ?? ""
        return try planUserEdit("set the password of \(name)\(note)") { (store: inout EmbeddedUserStore) throws(UserStoresError) in
            try store.setPassword(of: name, to: password, allowDigest: allowDigest)
        }
    }

    public func planDisableDigest(for name: String) throws -> Change {
        try planUserEdit("disable PasswordDigest for \(name)") { (store: inout EmbeddedUserStore) throws(UserStoresError) in try store.disableDigest(for: name) }
    }

    public func planAssign(roles: [String], to name: String) throws -> Change {
        try planUserEdit("give \(name) the role\(roles.count == 1 ? "" : "s") \(roles.joined(separator: ", "))") { (store: inout EmbeddedUserStore) throws(UserStoresError) in
            for role in roles { try store.assign(role: role, to: name) }
        }
    }

    public func planUnassign(roles: [String], from name: String) throws -> Change {
        try planUserEdit("take the role\(roles.count == 1 ? "" : "s") \(roles.joined(separator: ", ")) from \(name)") { (store: inout EmbeddedUserStore) throws(UserStoresError) in
            for role in roles { try store.unassign(role: role, from: name) }
        }
    }

    /// Refuses a name WSO2's user stores would refuse, or one with a comma (`newNameProblem`).
    public func planAddRole(_ name: String) throws -> Change {
        try Home.checkNewName(name, of: .role)
        return try planUserEdit("add role \(name)") { (store: inout EmbeddedUserStore) throws(UserStoresError) in try store.addRole(name) }
    }

    /// Removes the role and takes it from its members. A role a service still allows is refused unless `force`:
    /// its callers would be refused from then on (`servicesAllowing(role:)`).
    public func planRemoveRole(_ name: String, force: Bool = false) throws -> Change {
        let services = force ? [] : servicesAllowing(role: name)
        if !services.isEmpty {
            let names = services.map(\.name).joined(separator: ", ")
            throw HomeError(.roleInUse, "\(names) still allow\(services.count == 1 ? "s" : "") the role \(name): without it, "
                            + "\(services.count == 1 ? "its" : "their") callers holding only \(name) are refused",
                            fix: "Allow other roles first (\(services.map { otherRolesFix($0, without: name) }.joined(separator: "; "))), "
                                + "or remove it anyway with --force.")
        }
        return try planUserEdit("remove role \(name)") { (store: inout EmbeddedUserStore) throws(UserStoresError) in try store.removeRole(name) }
    }

    /// How `service` stops allowing `role`: a scenario applied again with the other roles, its policy file edited, or its
    /// proxy's parameter.
    private func otherRolesFix(_ service: Service, without role: String) -> String {
        let roles = grantedRoles(of: service)
        guard roles.policy.contains(role) else { return "take \(role) out of the allowRoles parameter of \(service.name)" }
        guard case .scenario(let number, _) = service.security else { return "take \(role) out of the policy of \(service.name)" }
        let others = roles.policy.filter { $0 != role && !$0.isEmpty }
        return "wssconsole apply --service \(service.name) --scenario \(number) --roles \(others.isEmpty ? "R1,R2" : others.joined(separator: ","))"
    }

    /// The services whose policy, or proxy's allowRoles parameter, lets in holders of `role` (compared as Micro
    /// Integrator compares role names).
    public func servicesAllowing(role: String) -> [Service] {
        let caseInsensitive = (try? settings())?.caseInsensitiveRoleNames ?? false
        return services().filter { service in
            let roles = grantedRoles(of: service)
            return (roles.policy + roles.proxyParameter).contains { caseInsensitive ? $0.lowercased() == role.lowercased() : $0 == role }
        }
    }
}
