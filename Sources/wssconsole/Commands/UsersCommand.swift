import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome
import UserStores

/// `wssconsole users`: the users of the home's user store. Browsing works for the embedded store and LDAP;
/// changes are for the embedded store (an LDAP directory is managed with its own tools).
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "List, add, remove and change users of the user store.",
        discussion: """
        PasswordDigest: a UsernameToken with a password digest can only be checked against the clear password. \
        The embedded store keeps salted PBKDF2 hashes only, unless a user is enabled with --allow-digest: then \
        the clear password is also kept, apart, in an owner-only secrets file. Nobody is enabled by default; \
        prefer PasswordText over HTTPS (scenario 1, or 7, 8, 14 and 15, which sign the UsernameToken but do not \
        encrypt it).
        """,
        subcommands: [List.self, Show.self, Add.self, Remove.self, SetPassword.self, DisableDigest.self, Assign.self, Unassign.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users (LDAP: searched in the directory).")
        @OptionGroup var home: HomeOptions
        @Option(help: ArgumentHelp("Only names containing TEXT (any case).", valueName: "TEXT")) var search = ""
        @Option(help: ArgumentHelp("At most N users.", valueName: "N")) var limit = 200
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable { let name: String, roles: [String]?, digest: Bool? }
        struct Output: Encodable { let store: String, users: [Row], truncated: Bool, serverLimit: ServerLimit? }

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be 1 or more (the most users to list)") }
        }

        func run() throws {
            let home = try home.open()
            let store = try reportingUserStoreErrors { try home.userStore() }
            let listing = try reportingUserStoreErrors { try store.users(matching: search, limit: limit) }
            let embedded = store as? EmbeddedUserStore
            // Read in one pass: looking each listed user up in the store again was quadratic (20,000 users: 26 s).
            let summaries = Dictionary((embedded?.summaries ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let rows = listing.names.map { name in Row(name: name, roles: summaries[name]?.roles, digest: summaries[name]?.allowsDigest) }
            if json { return try printJSON(Output(store: home.userStoreDescription(), users: rows, truncated: listing.truncated, serverLimit: listing.serverLimit)) }
            print("users of the \(home.userStoreDescription()) store" + (search.isEmpty ? "" : " containing \"\(search)\""))
            if embedded != nil { print(column("USER", 24) + column("DIGEST", 8) + "ROLES") }
            for row in rows {
                guard let roles = row.roles else { print(PrintableText.escaped(row.name)); continue }
                print(column(row.name, 24) + column(row.digest == true ? "yes" : "", 8) + names(roles))
            }
            if rows.isEmpty { print("(none)") }
            printTruncation(of: listing, limit: limit)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one user: roles, PasswordDigest, (LDAP) the entry's DN.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String
        @Flag(help: "Print JSON.") var json = false

        /// `rolesCut`: the directory stopped the user's roles short (its size limit), so `roles` may not be all.
        struct Output: Encodable { let name: String, dn: String?, roles: [String], digest: Bool?, rolesCut: ServerLimit? }

        func run() throws {
            let home = try home.open()
            let store = try reportingUserStoreErrors { try home.userStore() }
            let output = try reportingUserStoreErrors {
                if let ldap = store as? LDAPUserStore {
                    guard let entry = try ldap.findUser(name) else { throw UserStoresError.unknownUser(name) }
                    let roles = try ldap.roleListing(of: name)
                    return Output(name: entry.first(ldap.profile.userNameAttribute) ?? name, dn: entry.dn, roles: roles.names, digest: nil,
                                  rolesCut: roles.serverLimit)
                }
                let embedded = store as? EmbeddedUserStore
                return Output(name: name, dn: nil, roles: try store.roles(of: name), digest: try embedded?.allowsDigest(name), rolesCut: nil)
            }
            if json { return try printJSON(output) }
            print("user    \(PrintableText.escaped(output.name))")
            if let dn = output.dn { print("dn      \(PrintableText.escaped(dn))") }
            print("roles   \(output.roles.isEmpty ? "(none)" : names(output.roles))")
            if let cut = output.rolesCut { print("note    \(cut.rolesCut)\nfix     \(cut.fix)") }
            if let digest = output.digest { print("digest  \(digest ? "allowed (clear password kept in the digest secrets file)" : "not allowed (PasswordText only)")") }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user to the embedded store (the password is asked without echo).")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The new user's name (case-sensitive): 3 to 30 characters, no blanks, as WSO2's user stores require.") var name: String
        @Option(name: .customLong("role"), help: "A role to give (repeat for several; the role must exist).") var roles: [String] = []
        @Flag(name: .customLong("allow-digest"), help: "Also keep the clear password so the user can send PasswordDigest (see users --help).")
        var allowDigest = false
        @OptionGroup var password: PasswordInput
        @OptionGroup var write: WriteOptions

        func run() throws {
            let home = try home.open()
            // Say that the store cannot take the user (or the name) before asking for a password twice.
            _ = try home.embeddedStorePaths()
            try Home.checkNewName(name, of: .user)
            let secret = try password.read(prompt: "Password for \(name): ", confirm: true)
            try reportingUserStoreErrors {
                try performUserStoreChange(home.planAddUser(name, password: secret, roles: roles, allowDigest: allowDigest), write: write, home: home)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user from the embedded store (undo with wssconsole undo).")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String
        @OptionGroup var write: WriteOptions

        func run() throws {
            let home = try home.open()
            // The user's password hash (and a kept clear password) stay in the history, as after set-password.
            printSecretsKeptHint(try reportingUserStoreErrors { try performUserStoreChange(home.planRemoveUser(name), write: write, home: home) })
        }
    }

    struct SetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-password", abstract: "Reset a user's password (fresh salt).")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String
        @Flag(name: .customLong("allow-digest"), help: "Allow PasswordDigest for this user from now on (keeps the clear password apart).")
        var allowDigest = false
        @Flag(name: .customLong("no-digest"), help: "Disallow PasswordDigest and forget the kept clear password.")
        var noDigest = false
        @OptionGroup var password: PasswordInput
        @OptionGroup var write: WriteOptions

        func validate() throws {
            if allowDigest && noDigest { throw ValidationError("Give --allow-digest or --no-digest, not both.") }
        }

        func run() throws {
            let home = try home.open()
            // An LDAP store or an unknown user is said before the password is asked for twice.
            _ = try reportingUserStoreErrors { try home.embeddedUserStore().roles(of: name) }
            let secret = try password.read(prompt: "New password for \(name): ", confirm: true)
            let digest: Bool? = allowDigest ? true : noDigest ? false : nil
            let record = try reportingUserStoreErrors {
                try performUserStoreChange(home.planSetPassword(of: name, to: secret, allowDigest: digest), write: write, home: home)
            }
            printSecretsKeptHint(record)
        }
    }

    struct DisableDigest: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable-digest", abstract: "Stop PasswordDigest for a user and forget its kept clear password.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String
        @OptionGroup var write: WriteOptions

        func run() throws {
            let home = try home.open()
            printSecretsKeptHint(try reportingUserStoreErrors { try performUserStoreChange(home.planDisableDigest(for: name), write: write, home: home) })
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a user one or more roles.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String
        @Argument(help: "The roles (they must exist: wssconsole roles add).") var roles: [String]
        @OptionGroup var write: WriteOptions

        func run() throws {
            let home = try home.open()
            try reportingUserStoreErrors { try performUserStoreChange(home.planAssign(roles: roles, to: name), write: write, home: home) }
        }
    }

    struct Unassign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take one or more roles from a user.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The user's name.") var name: String
        @Argument(help: "The roles.") var roles: [String]
        @OptionGroup var write: WriteOptions

        func run() throws {
            let home = try home.open()
            try reportingUserStoreErrors { try performUserStoreChange(home.planUnassign(roles: roles, from: name), write: write, home: home) }
        }
    }
}
