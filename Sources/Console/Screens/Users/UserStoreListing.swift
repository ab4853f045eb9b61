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
    /// True when the directory holds more users (roles) than listed: `/` then searches the directory.
    var moreUsers = false
    var moreRoles = false
    /// Set when the server's own limit, not `limit`, ended a listing: why, and how to lift it.
    var serverLimit: ServerLimit?
    /// Why the store could not be read, with what to do.
    var problem: (message: String, fix: String)?

    /// How many names an LDAP listing or directory search fetches, in pages (an embedded store is listed whole).
    static let limit = 5_000

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
            listing.show(try store.users(matching: "", limit: limit), roles: false)
            listing.show(try store.roleNames(matching: "", limit: limit), roles: true)
        } catch let error as HomeError {
            listing.problem = (error.message, error.fix)
        } catch let error as UserStoresError {
            listing.problem = (error.reason, listing.isEmbedded ? "Fix the store file, or undo the change that broke it (H on the service list shows the changes)." : "Press t to test the connection step by step.")
        } catch {
            listing.problem = ("\(error)", "")
        }
        return listing
    }

    /// The users (roles) of `found` in place of those listed.
    mutating func show(_ found: Listing, roles: Bool) {
        if roles {
            self.roles = found.names.map { Role(name: $0) }
            moreRoles = found.truncated
        } else {
            users = found.names.map { User(name: $0) }
            moreUsers = found.truncated
        }
        serverLimit = found.serverLimit ?? serverLimit
    }

    /// The directory's users (roles) whose names contain `text` (blocking).
    static func search(_ text: String, roles: Bool, home: Home) -> Result<Listing, UserStoresError> {
        do {
            let store = try home.userStore()
            return .success(try roles ? store.roleNames(matching: text, limit: limit) : store.users(matching: text, limit: limit))
        } catch let error as UserStoresError {
            return .failure(error)
        } catch let error as HomeError {
            return .failure(.searchFailed(error.message))
        } catch {
            return .failure(.searchFailed("\(error)"))
        }
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
