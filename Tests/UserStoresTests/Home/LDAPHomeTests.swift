import Foundation
import KeyMaterial
import ServerHome
import Testing
import UserStores

/// A home whose users live in the test slapd: validation of allowed roles, the staged test with the home's
/// settings, and one user checked end to end against a service's policy.
@Suite struct LDAPHomeTests {
    let slapd = Slapd.shared

    /// Runs `body` on the demo home pointed at the test slapd (StartTLS with the test CA), OrderProxy under
    /// scenario 1 allowing `roles`; the scratch copy lives until `body` returns.
    func withHome(roles: String, url: String? = nil, groupBase: String? = Slapd.groups, _ body: (Home) throws -> Void) throws {
        let scratch = try makeHome(roles: roles, url: url, groupBase: groupBase)
        try withExtendedLifetime(scratch) { try body(scratch.1) }
    }

    private func makeHome(roles: String, url: String?, groupBase: String?) throws -> (ScratchHome, Home) {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        var edit = UserStoreProfileEdit()
        edit.type = "read_only_ldap"
        edit.url = url ?? slapd.ldapURL
        edit.startTLS = true
        edit.caCertificateFile = slapd.caFile
        edit.bindDN = Slapd.readerDN
        edit.password = .inline(Secret(Slapd.readerPassword))
        edit.userSearchBase = Slapd.people
        edit.groupSearchBase = groupBase
        edit.connectTimeoutMilliseconds = 2_000
        edit.readTimeoutMilliseconds = 2_000
        try home.commit(home.planUserStoreProfile(edit))
        try home.commit(home.planApply(scenario: 1, to: "OrderProxy",
                                       options: ScenarioOptions(allowedRoles: roles.split(separator: ",").map(String.init))))
        return (scratch, home)
    }

    func codes(_ home: Home) throws -> [String] {
        home.validate(try home.service(named: "OrderProxy")).findings.map(\.code)
    }

    @Test func validationLooksTheRolesUpInTheDirectory() throws {
        try withHome(roles: "admin,operator") { home in
            let found = try codes(home)
            #expect(!found.contains { $0.hasPrefix("roles.") })
        }
        try withHome(roles: "admin,auditors") { home in
            let found = try codes(home)
            #expect(found.contains("roles.unknown"))
        }
        try withHome(roles: "Admin") { home in
            let finding = try #require(home.validate(try home.service(named: "OrderProxy")).findings.first { $0.code == "roles.unknown" })
            #expect(finding.fix.contains("has admin: MI compares role names case-sensitively"))
        }
    }

    @Test func unreachableDirectoryIsAWarningThatPointsToTheTest() throws {
        let port = try FreePort.pick()
        try withHome(roles: "admin", url: "ldap://127.0.0.1:\(port)/") { home in
            let findings = home.validate(try home.service(named: "OrderProxy"), scenario: nil, selfTest: true).findings
            let finding = try #require(findings.first { $0.code == "userstore.unreachable" })
            #expect(finding.severity == .warning && finding.fix.contains("userstore test"))
            // The self-test's refusal says so in words, and points at the store, not at the client's password.
            let selfTest = try #require(findings.first { $0.code == "selftest.failed" }, "\(findings.map { "\($0.code) \($0.message)" })")
            #expect(selfTest.message.contains("The user store could not be asked: ") && !selfTest.message.contains("UserStoresError"),
                    "\(selfTest.message)")
            #expect(selfTest.fix.contains("userstore test") && !selfTest.fix.contains("client"), "\(selfTest.fix)")
        }
    }

    /// A directory whose role listing is cut short (the strict bind DN's 500 of 600 groups) does not prove an allowed
    /// role missing: team599 was "does not exist in the LDAP directory", an error that also kept the self-test from running.
    @Test func anAllowedRoleBeyondACutListingIsLookedUpByName() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        var edit = UserStoreProfileEdit()
        edit.type = "read_only_ldap"
        edit.url = slapd.ldapURL
        edit.bindDN = Slapd.Large.strict
        edit.password = .inline(Secret(Slapd.readerPassword))
        edit.userSearchBase = Slapd.Large.people
        edit.groupSearchBase = Slapd.Large.groups
        try home.commit(home.planUserStoreProfile(edit))
        for (roles, unknown) in [(["team599"], false), (["Team599"], true), (["team0", "team600"], true)] {
            try home.commit(home.planApply(scenario: 7, to: "OrderProxy", options: ScenarioOptions(allowedRoles: roles)))
            let findings = home.validate(try home.service(named: "OrderProxy"), scenario: nil, selfTest: false).findings
            let found = findings.filter { $0.code == "roles.unknown" }
            #expect(found.isEmpty != unknown, "\(roles): \(found.map(\.message))")
            if roles == ["Team599"] { #expect(found.first?.fix.contains("has team599: MI compares role names case-sensitively") == true, "\(found.map(\.fix))") }
        }
    }

    @Test func stagedTestUsesTheSavedProfileOrOverrides() throws {
        try withHome(roles: "admin") { home in
            #expect(try home.testLDAP().passed)
            var wrongBase = UserStoreProfileEdit()
            wrongBase.groupSearchBase = "ou=Teams,dc=example,dc=com"
            let failure = try #require(try home.testLDAP(wrongBase).failure)
            #expect(failure.kind == .groupSearch && failure.error == .noSuchBase)
            let wrongPassword = try #require(try home.testLDAP(password: Secret("nope")).failure)
            #expect(wrongPassword.kind == .bind && wrongPassword.error == .bindFailed)
        }
    }

    /// Without group_search_base MI searches its default base, ou=system: the test does the same and says where that
    /// base came from, instead of stopping at the profile as if the setting were required.
    @Test func anUnsetGroupBaseIsSearchedAsMicroIntegratorDoes() throws {
        try withHome(roles: "admin", groupBase: nil) { home in
            #expect(try home.ldapSettings().profile.groupSearchBase == "ou=system")
            let failure = try #require(try home.testLDAP().failure)
            #expect(failure.kind == .groupSearch && failure.error == .noSuchBase, "\(failure)")
            #expect(failure.fix?.contains("ou=system is what Micro Integrator searches when group_search_base is not set") == true, "\(failure)")
        }
    }

    @Test func checkUserAgainstTheServicesPolicy() throws {
        try withHome(roles: "admin") { home in
            let alice = home.checkUser(.text("alice", Secret("alice-pass")))
            #expect(alice.passed)
            #expect(alice.roleChecks.map(\.service) == ["OrderProxy"])
            let carol = home.checkUser(.text("carol", Secret("carol-pass")))
            #expect(!carol.passed && carol.authentication?.isAuthenticated == true)
            #expect(carol.verdict.contains("refused by OrderProxy"))
            let wrong = home.checkUser(.text("alice", Secret("nope")))
            #expect(wrong.authentication == .rejected(.wrongPassword))
        }
    }

    @Test func checkUserNamesTheFailingStepWhenTheDirectoryIsDown() throws {
        let port = try FreePort.pick()
        try withHome(roles: "admin", url: "ldap://127.0.0.1:\(port)/") { home in
            let report = home.checkUser(.text("alice", Secret("alice-pass")))
            #expect(report.authentication == nil)
            #expect(report.connection?.failure?.kind == .tcp)
            #expect(report.storeError?.hasPrefix("TCP connect") == true)
        }
    }
}
