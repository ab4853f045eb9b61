import Foundation
import KeyMaterial
import ServerHome
import Testing
import UserStores

/// LDAP profiles written into console.toml and MI's deployment.toml with WSO2's keys, one line each.
@Suite struct ProfileEditingTests {
    static func fullEdit() -> UserStoreProfileEdit {
        var edit = UserStoreProfileEdit()
        edit.type = "read_only_ldap"
        edit.url = "ldaps://dir.example.com:636/"
        edit.bindDN = "cn=reader,dc=example,dc=com"
        edit.password = .environment("LDAP_BIND_PW")
        edit.userSearchBase = "ou=People,dc=example,dc=com"
        edit.groupSearchBase = "ou=Groups,dc=example,dc=com"
        edit.groupNameAttribute = "cn"
        edit.connectTimeoutMilliseconds = 3_000
        edit.startTLS = false
        edit.caCertificateFile = "conf/ldap-ca.pem"
        return edit
    }

    /// Lines of `after` that are not in `before`, in order; fails the test if a line of `before` went missing.
    static func addedLines(_ before: String, _ after: String, changed: Set<String> = []) -> [String] {
        var remaining = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        var added: [String] = []
        for line in after.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if remaining.first == line { remaining = remaining.dropFirst() } else { added.append(line) }
            while let next = remaining.first, changed.contains(where: { next.hasPrefix($0) }) { remaining = remaining.dropFirst() }
        }
        #expect(remaining.isEmpty, "lines lost: \(Array(remaining))")
        return added
    }

    @Test func nativeHomeKeepsEveryOtherLine() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        let before = try #require(scratch.text("conf/console.toml"))
        try home.commit(home.planUserStoreProfile(Self.fullEdit()))
        let after = try #require(scratch.text("conf/console.toml"))
        let added = Self.addedLines(before, after, changed: ["type = \"embedded\""])
        #expect(added.first == "type = \"read_only_ldap\"")
        #expect(added.contains("connection_password = \"$env{LDAP_BIND_PW}\""))
        #expect(added.contains("ldap_connection_timeout = 3000"))
        let settings = try home.settings()
        #expect(settings.userStoreType == "read_only_ldap")
        #expect(settings.userStoreFile == "conf/userstore.xml")
        let ldap = try #require(settings.ldap)
        #expect(ldap.password == .environment("LDAP_BIND_PW"))
        var expected = LDAPProfile(url: "ldaps://dir.example.com:636/", bindDN: "cn=reader,dc=example,dc=com",
                                   userSearchBase: "ou=People,dc=example,dc=com", groupSearchBase: "ou=Groups,dc=example,dc=com")
        expected.connectTimeout = .milliseconds(3_000)
        expected.caCertificateFile = "conf/ldap-ca.pem"
        #expect(ldap.profile == expected)
    }

    @Test func microIntegratorHomeSplitsWSO2KeysFromOwnKeys() throws {
        let deployment = """
            [server]
            hostname = "localhost"

            # Users for UsernameToken come from here.
            [user_store]
            type = "read_only_ldap"   # the default

            [keystore.primary]
            file_name = "repository/resources/security/wso2carbon.jks"
            password = "wso2carbon"

            [[ws_security]]
            case_insensitive_role_name_check = true

            """
        let scratch = try ScratchHome(microIntegrator: deployment)
        let home = try Home.open(scratch.root)
        var edit = Self.fullEdit()
        edit.type = nil
        edit.startTLS = true
        edit.url = "ldap://dir.example.com/"
        try home.commit(home.planUserStoreProfile(edit))
        let after = try #require(scratch.text("conf/deployment.toml"))
        let added = Self.addedLines(deployment, after)
        #expect(added.allSatisfy { !$0.contains("start_tls") && !$0.contains("ca_certificate") })
        #expect(after.contains("type = \"read_only_ldap\"   # the default\nconnection_url = \"ldap://dir.example.com/\""))
        let own = try #require(scratch.text("wssconsole/console.toml"))
        #expect(own.contains("start_tls = true") && own.contains("ca_certificate = \"conf/ldap-ca.pem\""))
        let settings = try home.settings()
        #expect(settings.caseInsensitiveRoleNames)
        #expect(settings.ldap?.profile.security == .startTLS)
        #expect(settings.ldap?.profile.caCertificateFile == "conf/ldap-ca.pem")
        #expect(settings.ldap?.file == "conf/deployment.toml")
    }

    @Test func passwordChoices() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        var edit = Self.fullEdit()
        edit.password = .inline(Secret("s3cret"))
        let inline = try home.planUserStoreProfile(edit)
        #expect(!inline.diff.contains("s3cret"))
        try home.commit(inline)
        #expect(try home.settings().ldap?.password == .inline("s3cret"))
        var toFile = UserStoreProfileEdit()
        toFile.password = .file("conf/ldap.pw")
        try home.commit(home.planUserStoreProfile(toFile))
        let text = try #require(scratch.text("conf/console.toml"))
        #expect(!text.contains("s3cret") && text.contains("connection_password_file = \"conf/ldap.pw\""))
        #expect(try home.settings().ldap?.password == .file("conf/ldap.pw"))
    }

    /// A clear bind password makes its file owner-only, even one that was 0644 before; `$env{NAME}` leaves the mode.
    @Test func clearPasswordMakesTheFileOwnerOnly() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        chmod(scratch.root + "/conf/console.toml", 0o644)
        var byName = Self.fullEdit()
        try home.commit(home.planUserStoreProfile(byName))
        #expect(scratch.mode("conf/console.toml") == 0o644)
        byName.password = .inline(Secret("s3cret"))
        let inline = try home.planUserStoreProfile(byName)
        #expect(inline.edits.map(\.secret) == [true])
        #expect(home.userStoreProfileNotes(inline).contains { $0.contains("stored in clear in conf/console.toml") && $0.contains("0600") })
        try home.commit(inline)
        #expect(scratch.mode("conf/console.toml") == 0o600)
        // Any later write of a file that still holds it keeps it owner-only (a copy may have loosened it).
        chmod(scratch.root + "/conf/console.toml", 0o644)
        var timeout = UserStoreProfileEdit()
        timeout.readTimeoutMilliseconds = 4_000
        try home.commit(home.planUserStoreProfile(timeout))
        #expect(scratch.mode("conf/console.toml") == 0o600)
    }

    /// An ldap:// URL without StartTLS sends the bind password and the users' passwords readable: the confirmation
    /// says so before writing, in validation's words (userstore.ldap.cleartext). It only said the password sat in
    /// clear in the file.
    @Test func aConnectionWithoutTLSIsSaidBeforeWriting() throws {
        let said = "The LDAP connection is not encrypted (ldap:// without StartTLS): the bind password and every user's password cross the network readable. Use ldaps://"
        func says(_ home: Home, _ edit: UserStoreProfileEdit) throws -> Bool {
            home.userStoreProfileNotes(try home.planUserStoreProfile(edit)).contains { $0.hasPrefix(said) }
        }
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        var edit = Self.fullEdit()
        edit.url = "ldap://dir.example.com/"
        edit.password = .inline(Secret("s3cret"))
        #expect(try says(home, edit))
        try home.commit(home.planUserStoreProfile(edit))
        // Any later set of that profile says it again, as validation would.
        var timeout = UserStoreProfileEdit()
        timeout.readTimeoutMilliseconds = 4_000
        #expect(try says(home, timeout))
        var startTLS = UserStoreProfileEdit()
        startTLS.startTLS = true
        #expect(try !says(home, startTLS))
        #expect(try !says(home, Self.fullEdit()))   // ldaps://
        var embedded = UserStoreProfileEdit()
        embedded.type = "embedded"
        #expect(try !says(home, embedded))

        // On Micro Integrator StartTLS is wssconsole's own setting, in wssconsole/console.toml.
        let mi = try ScratchHome(microIntegrator: "[user_store]\ntype = \"read_only_ldap\"\n")
        let miHome = try Home.open(mi.root)
        edit.type = nil
        edit.password = .environment("LDAP_BIND_PW")
        #expect(try says(miHome, edit))
        edit.startTLS = true
        #expect(try !says(miHome, edit))
    }

    /// A URL on a home that uses the embedded store switches it to LDAP: the summary and the notes say so. The summary
    /// is lower case, as every change's: an undo quotes it mid-sentence.
    @Test func switchingTheStoreIsSaid() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        let change = try home.planUserStoreProfile(Self.fullEdit())
        #expect(change.summary.hasPrefix("user store: use LDAP (read_only_ldap instead of embedded)"))
        #expect(home.userStoreProfileNotes(change).contains { $0.contains("becomes the LDAP directory (type embedded -> read_only_ldap)") })
        try home.commit(change)
        var back = UserStoreProfileEdit()
        back.type = "embedded"
        let embedded = try home.planUserStoreProfile(back)
        #expect(embedded.summary == "user store: use the embedded store instead of read_only_ldap")
        #expect(home.userStoreProfileNotes(embedded).contains { $0.contains("becomes the embedded store") })
    }

    @Test func microIntegratorRefusesWhatMICannotRead() throws {
        let scratch = try ScratchHome(microIntegrator: "[user_store]\ntype = \"read_only_ldap\"\n")
        let home = try Home.open(scratch.root)
        var edit = UserStoreProfileEdit()
        edit.password = .file("/etc/ldap.pw")
        #expect { _ = try home.planUserStoreProfile(edit) } throws: { ($0 as? HomeError)?.code == .writeFailed }
        var embedded = UserStoreProfileEdit()
        embedded.type = "embedded"
        #expect { _ = try home.planUserStoreProfile(embedded) } throws: { ($0 as? HomeError)?.code == .writeFailed }
    }

    /// A DN with an escaped comma and a password with quotes and backslashes are written escaped and read back as
    /// given (they used to be refused, when the reader did not undo escapes).
    @Test func valuesWithBackslashesAndQuotesReadBackAsGiven() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        var edit = Self.fullEdit()
        edit.bindDN = "cn=Smith\\, John,dc=example,dc=com"
        edit.password = .inline(Secret("p\"a\\s#s"))
        try home.commit(home.planUserStoreProfile(edit))
        let ldap = try #require(try home.settings().ldap)
        #expect(ldap.profile.bindDN == "cn=Smith\\, John,dc=example,dc=com")
        #expect(ldap.password == .inline("p\"a\\s#s"))
    }

    /// A timeout that is not whole milliseconds, or a flag that is neither true nor false, is not silently taken
    /// for the default: validation and `userstore show` say which value is used instead.
    @Test func unreadableValuesAreNamed() throws {
        let scratch = try ScratchHome(microIntegrator: """
            [user_store]
            type = "read_only_ldap"
            connection_url = "ldap://dir/"
            user_search_base = "ou=People,dc=example,dc=com"
            group_search_base = "ou=Groups,dc=example,dc=com"
            ldap_connection_timeout = 2.5
            read_timeout = "-3"
            read_groups = "flase"
            anonymous_bind = true
            """)
        let ldap = try #require(try Home.open(scratch.root).settings().ldap)
        #expect(ldap.unreadable == [
            "read_groups = flase is neither true nor false; true is used",
            "ldap_connection_timeout = 2.5 is not a whole number of milliseconds above 0; 5000 ms is used",
            "read_timeout = -3 is not a whole number of milliseconds above 0; \(ldap.profile.readTimeout.milliseconds) ms is used",
        ])
        #expect(ldap.profile.bindDN == nil && ldap.profile.readGroups)
    }

    @Test func secureVaultReferencesAreNamedNotGuessed() throws {
        let scratch = try ScratchHome(microIntegrator: """
            [user_store]
            type = "read_only_ldap"
            connection_url = "ldap://dir/"
            connection_name = "cn=reader"
            connection_password = "$secret{ldap_password}"
            user_search_base = "ou=People"
            group_search_base = "ou=Groups"
            """)
        let home = try Home.open(scratch.root)
        let ldap = try #require(try home.settings().ldap)
        guard case .unavailable(let reason) = ldap.password else { Issue.record("expected unavailable"); return }
        #expect(reason.contains("$secret{ldap_password}"))
        #expect { _ = try home.ldapBindPassword(ldap) } throws: { ($0 as? HomeError)?.code == .homeUnreadable }
    }

    /// A bind password deployment.toml keeps in the secure vault is given to wssconsole by its own file, as a keystore's
    /// is: the fix said to write $env{NAME} into deployment.toml, out of the vault MI reads it from.
    @Test func wssconsolesOwnFileGivesAVaultBindPassword() throws {
        let deployment = """
            [user_store]
            type = "read_only_ldap"
            connection_url = "ldap://dir/"
            connection_name = "cn=reader"
            connection_password = "$secret{ldap_pass}"
            user_search_base = "ou=People"
            group_search_base = "ou=Groups"

            """
        let scratch = try ScratchHome(microIntegrator: deployment)
        let home = try Home.open(scratch.root)
        let vault = try #require(try home.settings().ldap)
        let error = try #require(#expect(throws: HomeError.self) { _ = try home.ldapBindPassword(vault) })
        #expect(error.fix.contains("in wssconsole/console.toml, conf/deployment.toml keeping its reference: connection_password_env = \"NAME\""), "\(error.fix)")
        #expect(error.fix.contains("wssconsole userstore test --bind-password-env NAME") && !error.fix.contains("$env{NAME}"), "\(error.fix)")

        try FileManager.default.createDirectory(atPath: scratch.root + "/wssconsole", withIntermediateDirectories: true)
        try scratch.write("wssconsole/console.toml", "[user_store]\nconnection_password_env = \"LDAP_BIND\"\n")
        let byName = try #require(try home.settings().ldap)
        #expect(byName.password == .environment("LDAP_BIND") && byName.passwordGivenIn == "wssconsole/console.toml")
        try scratch.write("wssconsole/console.toml", "[user_store]\nconnection_password_file = \"wssconsole/ldap.pw\"\n")
        try scratch.write("wssconsole/ldap.pw", "from-the-file\n")
        let byFile = try #require(try home.settings().ldap)
        #expect(byFile.password == .file("wssconsole/ldap.pw"))
        #expect(try home.ldapBindPassword(byFile)?.isEqual(to: Secret("from-the-file")) == true)
        #expect(scratch.text("conf/deployment.toml") == deployment)

        // A bind password set with userstore set replaces the own file's, which would otherwise still win.
        var edit = UserStoreProfileEdit()
        edit.password = .environment("LDAP_NEW")
        try home.commit(home.planUserStoreProfile(edit))
        let replaced = try #require(try home.settings().ldap)
        #expect(replaced.password == .environment("LDAP_NEW") && replaced.passwordGivenIn == "conf/deployment.toml")
        #expect(scratch.text("wssconsole/console.toml")?.contains("connection_password") == false)
    }

    /// A change that sets nothing of wssconsole's own file does not create it (it was written with a comment alone).
    @Test func anEditOfDeploymentTomlAloneLeavesTheOwnFileUnmade() throws {
        let scratch = try ScratchHome(microIntegrator: "[user_store]\ntype = \"read_only_ldap\"\n")
        let home = try Home.open(scratch.root)
        var edit = UserStoreProfileEdit()
        edit.url = "ldap://dir.example.com/"
        let change = try home.planUserStoreProfile(edit)
        #expect(change.edits.map(\.path) == ["conf/deployment.toml"])
    }
}
