import Foundation
import UserStores
import WSSecurity

/// The user store a UsernameToken is checked against: readable, and holding the roles the policy allows.
struct UserStoreChecks {
    let home: Home
    let settings: ConsoleSettings
    let policy: SecurityPolicy

    func findings() -> [Finding] {
        let allowed = policy.carbon?.allowedRoles ?? []
        if settings.userStoreType.hasSuffix("_ldap") || settings.userStoreType == "ldap" {
            return LDAPChecks(home: home, settings: settings, allowed: allowed).findings() + noRolesFinding(allowed)
        }
        guard settings.userStoreType == "embedded" else {
            return [Finding(.info, "userstore.external", "Users come from the runtime's \(settings.userStoreType) user store; wssconsole does not check it",
                            fix: "Make sure the allowed roles exist there (names are case-sensitive).")]
        }
        guard let file = settings.userStoreFile else {
            return [Finding(.error, "userstore.none", "A UsernameToken scenario needs a user store, and none is configured",
                            fix: "Set [user_store] file in \(home.layout.settingsPath) (LDAP profiles come later).")]
        }
        guard let bytes = FileSystem.read(FileSystem.join(home.root, file)) else {
            return [Finding(.error, "userstore.missing", "The user store \(file) cannot be read", fix: "Check the path, or run wssconsole demo generate.")]
        }
        let store: EmbeddedUserStore
        do { store = try EmbeddedUserStore(xml: Data(bytes)) } catch {
            return [Finding(.error, "userstore.unreadable", "\(file): \(error)", fix: "Fix the file or restore it from history.")]
        }
        var findings = noRolesFinding(allowed)
        // Micro Integrator compares role names case-sensitively by default.
        findings += RoleFindings.unknown(allowed: allowed, known: store.roles, caseInsensitive: settings.caseInsensitiveRoleNames,
                                         where: "the user store")
        if store.isDemo {
            findings.append(Finding(.warning, "userstore.demo", "The user store holds demo users with published passwords",
                                    fix: "Use your own users (or LDAP) before production."))
        }
        return findings
    }

    private func noRolesFinding(_ allowed: [String]) -> [Finding] {
        guard allowed.isEmpty else { return [] }
        return [Finding(.warning, "roles.none", "No allowed roles: every user who authenticates may call the service",
                        fix: "List the roles that may call it in the policy's allowed roles.")]
    }
}
