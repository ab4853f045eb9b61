import Foundation
import KeyMaterial
import UserStores

/// The configured user store, whichever it is, and the LDAP connection test with the home's settings.
extension Home {
    /// The LDAP settings, or an error saying what is missing when the home's store is LDAP but unconfigured.
    public func ldapSettings() throws(HomeError) -> LDAPSettings {
        let settings = try settings()
        guard let ldap = settings.ldap else {
            let file = userStoreSettingsFile
            throw HomeError(.notConfigured, "No LDAP connection is configured ([user_store] connection_url in \(file))",
                            fix: "wssconsole userstore set --url ldaps://HOST --bind-dn DN --user-base DN --group-base DN")
        }
        return ldap
    }

    /// The bind password the settings name, or nil when the profile binds anonymously.
    public func ldapBindPassword(_ ldap: LDAPSettings) throws(HomeError) -> Secret? {
        guard ldap.profile.bindDN != nil else { return nil }
        if case .none = ldap.password {
            throw HomeError(.homeUnreadable, "No bind password is configured for \(ldap.profile.bindDN!)",
                            fix: "wssconsole userstore set --bind-password-env NAME (or --bind-password-prompt)")
        }
        return try ldap.resolvePassword(homeRoot: root).get()
    }

    /// True when the settings say users come from LDAP.
    public func usesLDAPUserStore() throws(HomeError) -> Bool {
        let type = try settings().userStoreType
        return type.hasSuffix("_ldap") || type == "ldap"
    }

    /// The store the runtime authenticates against: the embedded file store or the LDAP directory.
    public func userStore() throws -> any UserStore {
        let settings = try settings()
        if try usesLDAPUserStore() {
            let ldap = try ldapSettings()
            return LDAPUserStore(profile: ldap.resolvedProfile(homeRoot: root), bindPassword: try ldapBindPassword(ldap))
        }
        guard settings.userStoreType == "embedded" else {
            throw HomeError(.homeUnreadable, "wssconsole cannot read a \(settings.userStoreType) user store",
                            fix: "wssconsole reads the embedded store and LDAP directories; a JDBC store is checked with the database's tools.")
        }
        return try embeddedUserStore()
    }

    /// One line naming the store, for screens and reports.
    public func userStoreDescription() -> String {
        guard let settings = try? settings() else { return "unknown (settings unreadable)" }
        if (try? usesLDAPUserStore()) == true { return "LDAP " + (settings.ldap?.profile.url ?? "(no connection_url)") }
        if settings.userStoreType == "embedded" { return "embedded " + (settings.userStoreFile ?? "(no file)") }
        return settings.userStoreType
    }

    /// Runs the staged LDAP connection test with the home's profile, changed by `edit` when given (to test a
    /// profile before it is saved); `password` replaces the configured bind password. Blocking: seconds at most.
    public func testLDAP(_ edit: UserStoreProfileEdit? = nil, password: Secret? = nil,
                         onStage: (@Sendable (ConnectionTestStage) -> Void)? = nil) throws(HomeError) -> ConnectionTestReport {
        // A profile given in full on the command line needs no saved one.
        let saved: LDAPSettings? = edit?.url != nil ? try? ldapSettings() : try ldapSettings()
        var profile = edit.map { $0.applied(to: saved?.profile) } ?? saved?.profile ?? LDAPProfile(url: "")
        if let file = profile.caCertificateFile, !file.hasPrefix("/") { profile.caCertificateFile = FileSystem.join(root, file) }
        var secret = password
        if secret == nil, let edited = edit?.password {
            // The password as edited, even when it cannot be had: the saved one would test another profile.
            secret = try edited.resolve(homeRoot: root)
        } else if secret == nil, profile.bindDN != nil, let saved {
            if case .none = saved.password {} else { secret = try saved.resolvePassword(homeRoot: root).get() }
        }
        return ConnectionTest(profile: profile, bindPassword: secret).run(onStage: onStage)
    }

    /// Plans a change of the user store settings (console.toml, or deployment.toml on Micro Integrator).
    public func planUserStoreProfile(_ edit: UserStoreProfileEdit) throws(HomeError) -> Change {
        // Validation's directory answer belongs to the old profile.
        DirectoryRoles.forget()
        return try UserStoreProfileEditor(home: self).plan(edit)
    }

    /// The file that holds the `[user_store]` keys WSO2 reads, `connection_password` included, relative to the home.
    public var userStoreSettingsFile: String { layout == .microIntegrator ? "conf/deployment.toml" : layout.settingsPath }

    /// What a confirmation of a planned user store change must say besides its summary: that the home switches
    /// to another store, and which file keeps the bind password in clear (written 0600).
    public func userStoreProfileNotes(_ change: Change) -> [String] {
        UserStoreProfileEditor.notes(for: change, home: self)
    }
}
