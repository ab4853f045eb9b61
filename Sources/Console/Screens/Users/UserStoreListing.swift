import ServerHome
import UserStores

/// What the users screen shows of the home's store, read in one go off the input loop.
struct UserStoreListing: Sendable {
    struct User: Sendable, Equatable {
        var name: String
        /// nil until known (LDAP: looked up on demand).
        var roles: [String]?
        var digest: Bool?
        var dn: String?
    }

    struct Role: Sendable, Equatable {
        var name: String
        var members: [String]?
    }

    var store: String
    var isEmbedded: Bool
    var users: [User] = []
    var roles: [Role] = []
    var truncated = false
    /// Why the store could not be read, with what to do.
    var problem: (message: String, fix: String)?

    /// How many names an LDAP listing fetches (an embedded store is listed whole).
    static let limit = 500

    /// Reads the store (blocking for LDAP: seconds at most); a failure becomes `problem`, not an error.
    static func load(_ home: Home) -> UserStoreListing {
        let description = home.userStoreDescription()
        let embedded = ((try? home.usesLDAPUserStore()) ?? false) == false
        var listing = UserStoreListing(store: description, isEmbedded: embedded)
        do {
            let store = try home.userStore()
            if let file = store as? EmbeddedUserStore {
                // All of them, from the file read whole anyway: cut at `limit`, the rest were missing from the list
                // and from its search.
                let members = file.membersByRole
                listing.users = file.summaries.map { User(name: $0.name, roles: $0.roles, digest: $0.allowsDigest) }
                listing.roles = file.roles.map { Role(name: $0, members: members[$0] ?? []) }
                return listing
            }
            let users = try store.users(matching: "", limit: limit)
            let roles = try store.roleNames(matching: "", limit: limit)
            listing.truncated = users.truncated || roles.truncated
            listing.users = users.names.map { User(name: $0) }
            listing.roles = roles.names.map { Role(name: $0) }
        } catch let error as HomeError {
            listing.problem = (error.message, error.fix)
        } catch let error as UserStoresError {
            listing.problem = (error.reason, listing.isEmbedded ? "Fix the store file or restore it from history." : "Press t to test the connection step by step.")
        } catch {
            listing.problem = ("\(error)", "")
        }
        return listing
    }

    /// One LDAP user's entry and roles (blocking).
    static func details(of name: String, home: Home) -> Result<User, UserStoresError> {
        do {
            guard let ldap = try home.userStore() as? LDAPUserStore else { return .failure(.readOnlyStore("not an LDAP store")) }
            guard let entry = try ldap.findUser(name) else { return .failure(.unknownUser(name)) }
            return .success(User(name: name, roles: try ldap.roles(of: name), dn: entry.dn))
        } catch let error as UserStoresError {
            return .failure(error)
        } catch {
            return .failure(.searchFailed("\(error)"))
        }
    }

    /// The text PasswordDigest gets on this screen: what the store does and what the choice means.
    static let digestNote = "PasswordDigest: per-user opt-in; that clear password is kept apart (0600)."
}
