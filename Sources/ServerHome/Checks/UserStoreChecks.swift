import Foundation
import UserStores
import WSSecurity

/// The user store a UsernameToken is checked against: readable, and holding the roles the policy allows.
struct UserStoreChecks {
    let home: Home
    let settings: ConsoleSettings
    let policy: SecurityPolicy
    /// The command that applies the judged scenario again (nil for a custom policy): its roles are set with `--roles`.
    let reapply: String?

    func findings() -> [Finding] {
        let written = policy.carbon?.allowedRoles ?? []
        // Names MI can never match are named here, not looked up in the store.
        let allowed = written.filter(AllowedRoles.isBare)
        let property = propertyFindings(written)
        if settings.userStoreType.hasSuffix("_ldap") || settings.userStoreType == "ldap" {
            return property + LDAPChecks(home: home, settings: settings, allowed: allowed).findings() + noRolesFinding(written)
        }
        guard settings.userStoreType == "embedded" else {
            return property + [Finding(.info, "userstore.external", "Users come from the runtime's \(settings.userStoreType) user store; wssconsole does not check it",
                                       fix: "Make sure the allowed roles exist there (names are case-sensitive).")]
        }
        guard let file = settings.userStoreFile else {
            return [Finding(.error, "userstore.none", "A UsernameToken scenario needs a user store, and none is configured",
                            fix: "Set [user_store] file in \(home.layout.settingsPath), or connect an LDAP directory: wssconsole userstore set --url ldaps://HOST ...")]
        }
        guard let bytes = FileSystem.read(FileSystem.join(home.root, file)) else {
            return [Finding(.error, "userstore.missing", "The user store \(file) cannot be read", fix: "Check the path, or run wssconsole demo generate.")]
        }
        let store: EmbeddedUserStore
        do { store = try EmbeddedUserStore(xml: Data(bytes)) } catch {
            return [Finding(.error, "userstore.unreadable", "\(file): \(error)", fix: "Fix the file, or \(History.undoFix()).")]
        }
        var findings = property + noRolesFinding(written)
        // Micro Integrator compares role names case-sensitively by default.
        findings += RoleFindings.unknown(allowed: allowed, known: store.roles, caseInsensitive: settings.caseInsensitiveRoleNames,
                                         where: "the user store") { role in
            "Define it (wssconsole roles add \(Home.shellWord(role)), then wssconsole users assign USER \(Home.shellWord(role)))"
                + (rolesCommand("ROLE1,ROLE2").map { ", or allow roles the store has: \($0)" } ?? "") + "."
        }
        if store.isDemo {
            findings.append(Finding(.warning, "userstore.demo", "The user store holds demo users with published passwords",
                                    fix: "Use your own users (or LDAP) before production."))
        }
        return findings
    }

    /// Micro Integrator splits the allowed-roles property at commas and compares each name as written: a property
    /// naming no role lets nobody in, and a name with a space beside its comma matches no role.
    private func propertyFindings(_ written: [String]) -> [Finding] {
        if written == [""] {
            return [Finding(.error, "roles.emptyProperty",
                            "The policy's allowed-roles property names no role: Micro Integrator then refuses every user (FailedAuthentication)",
                            fix: rolesCommand("ROLE1,ROLE2").map { "Name the roles that may call it: \($0) (--roles \"\" lets every authenticated user call)." }
                                ?? "Write the roles that may call the service, comma-separated, or remove the org.wso2.carbon.security.allowedroles property to let every authenticated user call it.")]
        }
        let spaced = written.filter { !$0.isEmpty && !AllowedRoles.isBare($0) }
        guard !spaced.isEmpty else { return [] }
        let names = spaced.map { "\"\($0)\"" }.joined(separator: ", ")
        let bare = written.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(separator: ",")
        return [Finding(.error, "roles.whitespace",
                        "The allowed roles \(names) have spaces around them: Micro Integrator compares each name as written, so no user's role matches",
                        fix: "Separate the roles with a bare comma: " + (rolesCommand(Home.shellWord(bare)) ?? bare) + ".")]
    }

    private func noRolesFinding(_ allowed: [String]) -> [Finding] {
        guard allowed.isEmpty else { return [] }
        return [Finding(.warning, "roles.none", "No allowed roles: every user who authenticates may call the service",
                        fix: rolesCommand("ROLE1,ROLE2").map { "Name the roles that may call it: \($0)." }
                            ?? "List the roles that may call it in the policy's allowed roles.")]
    }

    /// The command that writes `roles` into the scenario's policy; nil for a custom policy, which is edited by hand.
    private func rolesCommand(_ roles: String) -> String? {
        reapply.map { "\($0) --roles \(roles)" }
    }
}
