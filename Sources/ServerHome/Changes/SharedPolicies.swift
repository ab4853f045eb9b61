/// Policy files that other services reference too. Micro Integrator developers often point several proxies at one
/// registry policy, so a change that rewrote or deleted one service's policy file would change or break the others'
/// security without a word.
///
/// Every planner passes its change through `settle`, so a dry run, a confirmation and the CLI see what will happen;
/// `ChangeWriter` runs `check` again under the lock, for a reference added since the plan.
struct SharedPolicies {
    let home: Home

    /// A service referencing a file the change edits, and the key it references it by.
    struct User {
        let service: Service
        let key: String
    }

    /// The change with every deletion of a file other services still reference left out (and a note saying so);
    /// refused when it would create or rewrite such a file, since that would change their security too.
    func settle(_ change: Change) throws(HomeError) -> Change {
        let users = users(of: change)
        guard !users.isEmpty else { return change }
        var notes: [String] = []
        for edit in change.edits {
            guard let those = users[edit.path] else { continue }
            guard edit.isDeletion else { throw refusal(edit, those, change) }
            notes.append("kept \(those[0].key): \(Self.names(those)) still \(those.count == 1 ? "uses" : "use") it")
        }
        var settled = Change(summary: change.summary, edits: change.edits.filter { users[$0.path] == nil },
                             undoes: change.undoes, notes: change.notes + notes)
        settled.unchanged = change.unchanged + change.edits.filter { users[$0.path] != nil }.map(\.path)
        return settled
    }

    /// Refuses a change that touches a file another service references (settled changes never do).
    func check(_ change: Change) throws(HomeError) {
        let users = users(of: change)
        if let edit = change.edits.first(where: { users[$0.path] != nil }) { throw refusal(edit, users[edit.path]!, change) }
    }

    /// The services referencing each file `change` edits, by path, leaving out those the change is for: a service
    /// whose definition it edits, and the service a file is named after (its own policy, whose definition an apply
    /// may leave as it is).
    func users(of change: Change) -> [String: [User]] {
        let edited = Set(change.edits.map(\.path))
        var users: [String: [User]] = [:]
        for service in home.services() where !edited.contains(service.path) {
            for key in service.policyKeys {
                guard let found = try? home.layout.policyPath(forKey: key, root: home.root) else { continue }
                let path = Self.normalised(found)
                guard edited.contains(path), home.layout.policyLocation(forService: service.name).path != path,
                      users[path]?.contains(where: { $0.service.path == service.path }) != true else { continue }
                users[path, default: []].append(User(service: service, key: key))
            }
        }
        return users
    }

    private func refusal(_ edit: FileEdit, _ users: [User], _ change: Change) -> HomeError {
        let verb = edit.isDeletion ? "delete" : edit.isNewFile ? "create" : "rewrite"
        let names = Self.names(users), one = users.count == 1
        let message = "\(names) also \(one ? "uses" : "use") \(users[0].key): \(change.summary) would \(verb) it and change "
            + (one ? "\(names)'s security" : "the security of \(names)") + " too; nothing was written"
        if edit.isDeletion {
            return HomeError(.policyShared, message, fix: "Run it again: the file is then kept for \(names).")
        }
        let whom = one ? names : "each of \(names)"
        guard !edit.isNewFile else {
            return HomeError(.policyShared, message, fix: "Give \(whom) its own policy first (wssconsole apply --service NAME --scenario N), "
                             + "or remove \(one ? "its" : "their") reference to \(users[0].key), then run this again.")
        }
        let commands = users.map { "wssconsole apply --service \($0.service.name) --policy \(FileSystem.join(home.root, edit.path))" }
        return HomeError(.policyShared, message,
                         fix: "Give \(whom) its own copy of the policy first (\(one ? "its" : "their") security stays as it is), then run this again: "
                            + commands.joined(separator: "; ") + ". To change \(names) as well, apply the same to \(one ? "it" : "them") afterwards.")
    }

    private static func names(_ users: [User]) -> String {
        let names = users.map(\.service.name)
        return names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// `a//b/./c` as `a/b/c`: a hand-written key may spell the path so.
    static func normalised(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
