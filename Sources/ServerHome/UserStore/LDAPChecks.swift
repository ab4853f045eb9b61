import KeyMaterial
import UserStores
import WSSecurity

/// Validation of an LDAP user store for a UsernameToken service: the profile, the connection's protection, the
/// bind password's exposure, and whether the directory has the roles the policy allows.
struct LDAPChecks {
    let home: Home
    let settings: ConsoleSettings
    let allowed: [String]

    /// userstore.ldap.cleartext's words, which `userstore set` and the console's LDAP settings also say before writing.
    static let cleartext = (message: "The LDAP connection is \(LDAPProfile.cleartextRisk)",
                            fix: "Use ldaps:// (and import the directory's CA into client-truststore.jks on MI).")

    func findings() -> [Finding] {
        let configure = "wssconsole userstore set --url ldaps://HOST --bind-dn DN --user-base DN --group-base DN"
        guard let ldap = settings.ldap else {
            // MI falls back to its own defaults here; wssconsole cannot tell what they reach, so it only says so.
            if home.layout == .microIntegrator {
                return [Finding(.info, "userstore.external", "Users come from the runtime's \(settings.userStoreType) user store, and conf/deployment.toml names no connection_url",
                                fix: "Set it (\(configure)) so wssconsole can test the connection and check the roles.")]
            }
            return [Finding(.error, "userstore.ldap.unconfigured", "The user store is \(settings.userStoreType) but no connection_url is set in \(home.layout.settingsPath)",
                            fix: configure)]
        }
        if let problem = ldap.profile.problems.first {
            return [Finding(.error, "userstore.ldap.invalid", "The LDAP settings cannot work: \(problem)", fix: "wssconsole userstore set ...")]
        }
        var findings = ldap.unreadable.map {
            Finding(.warning, "userstore.ldap.setting", "In \(ldap.file), \($0)", fix: "Correct it in \(ldap.file), or set it with wssconsole userstore set (--help lists the options).")
        }
        if ldap.profile.security == .none {
            findings.append(Finding(.warning, "userstore.ldap.cleartext", Self.cleartext.message, fix: Self.cleartext.fix))
        }
        if case .inline = ldap.password, let mode = FileSystem.mode(of: FileSystem.join(home.root, ldap.file)), mode & 0o077 != 0 {
            findings.append(Finding(.warning, "userstore.ldap.passwordExposed",
                                    "\(ldap.file) holds the LDAP bind password and other users can read it (mode \(String(mode, radix: 8)))",
                                    fix: "chmod 600 \(ldap.file), or write connection_password = \"$env{NAME}\" (wssconsole userstore set --bind-password-env NAME)."))
        }
        let password: Secret?
        do throws(HomeError) { password = try home.ldapBindPassword(ldap) } catch {
            return findings + [Finding(.warning, "userstore.ldap.password", "Cannot check the roles in the directory: \(error.message)", fix: error.fix)]
        }
        guard !allowed.isEmpty else { return findings }
        switch DirectoryRoles.names(profile: ldap.resolvedProfile(homeRoot: home.root), password: password, wanted: allowed) {
        case .failure(let error):
            findings.append(Finding(.warning, "userstore.unreachable", "Cannot reach the LDAP directory to check the roles: \(error.reason)",
                                    fix: "wssconsole userstore test shows which step fails."))
        case .success(let names):
            findings += RoleFindings.unknown(allowed: allowed, known: names, caseInsensitive: settings.caseInsensitiveRoleNames, where: "the LDAP directory")
        }
        return findings
    }
}

/// The allowed roles that a store does not have, with the case-only near misses named.
enum RoleFindings {
    /// `remedy` says how to define a missing role, where wssconsole can (the embedded store).
    static func unknown(allowed: [String], known: [String], caseInsensitive: Bool, where store: String,
                        remedy: ((String) -> String)? = nil) -> [Finding] {
        var findings: [Finding] = []
        for role in allowed {
            let exact = caseInsensitive ? known.contains { $0.lowercased() == role.lowercased() } : known.contains(role)
            guard !exact else { continue }
            if let near = known.first(where: { $0.lowercased() == role.lowercased() }) {
                findings.append(Finding(.error, "roles.unknown", "The allowed role \(role) does not exist in \(store)",
                                        fix: "\(store.prefix(1).uppercased() + store.dropFirst()) has \(near): MI compares role names case-sensitively. "
                                            + "Write \(near) in the policy, or set case_insensitive_role_name_check = true under [[ws_security]]."))
            } else {
                let shown = known.prefix(20).joined(separator: ", ") + (known.count > 20 ? ", ..." : "")
                findings.append(Finding(.error, "roles.unknown", "The allowed role \(role) does not exist in \(store)",
                                        fix: "Roles: \(shown.isEmpty ? "none" : shown). Names are case-sensitive." + (remedy.map { " " + $0(role) } ?? "")))
            }
        }
        return findings
    }
}
