import ArgumentParser
import KeyMaterial
import ServerHome
import UserStores

/// `wssconsole roles`: the roles (LDAP: groups) of the home's user store.
struct RolesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles", abstract: "List, add and remove roles of the user store.",
        discussion: "Role names are case-sensitive: Micro Integrator compares them exactly unless [[ws_security]] case_insensitive_role_name_check = true.",
        subcommands: [List.self, Members.self, Add.self, Remove.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List roles (LDAP: the groups under the group search base).")
        @OptionGroup var home: HomeOptions
        @Option(help: ArgumentHelp("Only names containing TEXT (any case).", valueName: "TEXT")) var search = ""
        @Option(help: ArgumentHelp("At most N roles.", valueName: "N")) var limit = 200
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable { let name: String, members: [String]? }
        struct Output: Encodable { let store: String, roles: [Row], truncated: Bool, serverLimit: ServerLimit? }

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be 1 or more (the most roles to list)") }
        }

        func run() throws {
            let home = try home.open()
            let store = try reportingUserStoreErrors { try home.userStore() }
            let listing = try reportingUserStoreErrors { try store.roleNames(matching: search, limit: limit) }
            // Every role's members in one pass over the users, not one pass per role.
            let members = (store as? EmbeddedUserStore)?.membersByRole
            let rows = listing.names.map { name in Row(name: name, members: members.map { $0[name] ?? [] }) }
            if json { return try printJSON(Output(store: home.userStoreDescription(), roles: rows, truncated: listing.truncated, serverLimit: listing.serverLimit)) }
            print("roles of the \(home.userStoreDescription()) store" + (search.isEmpty ? "" : " containing \"\(search)\""))
            if members != nil { print(column("ROLE", 24) + "MEMBERS") }
            for row in rows {
                guard let members = row.members else { print(PrintableText.escaped(row.name)); continue }
                print(column(row.name, 24) + (members.isEmpty ? "(none)" : names(members)))
            }
            if rows.isEmpty { print("(none)") }
            printTruncation(of: listing, limit: limit)
        }
    }

    struct Members: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The users who hold a role.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The role's name.") var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let home = try home.open()
            let members = try reportingUserStoreErrors { try home.userStore().members(of: name) }
            if json { return try printJSON(members) }
            members.forEach { print(PrintableText.escaped($0)) }
            if members.isEmpty { print("(no members)") }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Define a role in the embedded store.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The role's name (case-sensitive): 3 to 30 characters, no blanks or commas, as WSO2's user stores require.") var name: String
        @OptionGroup var write: WriteOptions

        func run() throws {
            let home = try home.open()
            try reportingUserStoreErrors { try performUserStoreChange(home.planAddRole(name), write: write, home: home) }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a role from the embedded store and from every user who has it.",
            discussion: "A role that a service's policy (or its proxy's allowRoles parameter) still allows is refused: its callers would be refused from then on. Apply the scenario with other roles first (apply --service NAME --scenario N --roles R1,R2), or give --force.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The role's name.") var name: String
        @Flag(help: "Remove it even when a service still allows it.") var force = false
        @OptionGroup var write: WriteOptions

        func run() throws {
            let home = try home.open()
            try reportingUserStoreErrors { try performUserStoreChange(home.planRemoveRole(name, force: force), write: write, home: home) }
        }
    }
}
