import Foundation
import Testing
@testable import ServerHome

/// deployment.toml's values may hold WSO2's placeholders anywhere (`$env{}`, `$sys{}`, `$ref{}`, `$secret{}`), as
/// Micro Integrator's configuration mapper resolves them. wssconsole took a password of `$ref{...}` or `$sys{...}`
/// for the password itself (and reported it wrong), and a file name or LDAP URL with `$env{...}` as written.
@Suite struct WSO2PlaceholdersTests {
    private static let deployment = """
        [keystore.primary]
        password = "$ref{keystore.primary.key_password}"
        key_password = "$env{KEY_PASS}"

        [loop]
        a = "$ref{loop.b}"
        b = "x$ref{loop.a}"
        """

    private func resolve(_ value: String, environment: [String: String] = ["KEY_PASS": "s3cret", "HOST": "ldap.example"]) throws -> WSO2Placeholders.Resolved {
        WSO2Placeholders(deployment: try TOMLDocument(text: Self.deployment), environment: environment).resolve(value)
    }

    @Test func placeholdersAreResolvedWhereverTheyStandAndCombined() throws {
        #expect(try resolve("ldap://$env{HOST}:389/$ref{keystore.primary.password}") == .text("ldap://ldap.example:389/s3cret"))
        #expect(try resolve("no placeholder, a $ sign and ${carbon.home}") == .text("no placeholder, a $ sign and ${carbon.home}"))
        #expect(try resolve("$env{HOST") == .text("$env{HOST"))
    }

    @Test func whatCannotBeResolvedHereSaysWhy() throws {
        let cases: [(String, String)] = [
            ("$sys{ks.password}", "Java system property"),
            ("$secret{keystore_password}", "secure-vault alias"),
            ("$env{UNSET}", "environment variable UNSET ($env{UNSET}) is not set"),
            ("$ref{keystore.primary.nosuch}", "names no value of conf/deployment.toml"),
            ("$ref{loop.a}", "in a loop"),
            ("$ref{keystore.primary.password}", "environment variable KEY_PASS"),
        ]
        for (value, says) in cases {
            let resolved = try resolve(value, environment: [:])
            guard case .unresolved(let why) = resolved, why.contains(says) else { Issue.record("\(value): \(resolved)"); continue }
            #expect(!why.contains("s3cret"))
        }
    }

    /// On a Micro Integrator home: a `$ref` password opens the keystore, a file name built with `$env` is found, and
    /// a `$sys` password is reported as such, with where to give it instead.
    @Test func aMicroIntegratorHomesKeystoreSettingsAreResolved() throws {
        let variable = "WSSC_TEST_SECURITY_\(UUID().uuidString.prefix(8))"
        setenv(variable, "repository/resources/security", 1)
        defer { unsetenv(variable) }
        let mi = try MicroIntegratorHome()
        try mi.write("conf/deployment.toml", MicroIntegratorHome.deploymentTOML
            .replacingOccurrences(of: "file_name = \"repository/resources/security/wso2carbon.p12\"", with: "file_name = \"$env{\(variable)}/wso2carbon.p12\"")
            .replacingOccurrences(of: "password = \"mi-store-pass\"\nalias = \"wso2carbon\"", with: "password = \"$ref{keystore.primary.key_password}\"\nalias = \"wso2carbon\""))
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 2, to: "QuoteProxy"))
        #expect(home.validate(try home.service(named: "QuoteProxy")).findings.filter { $0.severity == .error }.map(\.code) == [])

        try mi.write("conf/deployment.toml", MicroIntegratorHome.deploymentTOML.replacingOccurrences(
            of: "password = \"mi-store-pass\"\nalias = \"wso2carbon\"", with: "password = \"$sys{primary.password}\"\nalias = \"wso2carbon\""))
        let findings = try Home.open(mi.root).validate(try home.service(named: "QuoteProxy")).findings
        let finding = try #require(findings.first { $0.code == "keystore.password" }, "\(findings)")
        #expect(finding.message.contains("($sys{primary.password}) cannot be resolved here") && finding.message.contains("Java system property"), "\(finding.message)")
        #expect(finding.fix.contains("wssconsole/console.toml"), "\(finding.fix)")
    }

    /// LDAP settings: an `$env` URL is resolved, a `$sys` one is said to be used as written, and a bind password
    /// behind a placeholder is not a clear password in the file.
    @Test func ldapSettingsAreResolved() throws {
        let variable = "WSSC_TEST_LDAP_\(UUID().uuidString.prefix(8))"
        setenv(variable, "ldap.example", 1)
        defer { unsetenv(variable) }
        let toml = try TOMLDocument(text: """
            [user_store]
            type = "read_only_ldap"
            connection_url = "ldap://$env{\(variable)}:389"
            connection_name = "cn=$sys{bind.user},dc=example"
            connection_password = "$ref{user_store.connection_name}"
            """)
        let ldap = try #require(LDAPSettings.read(toml, own: nil, file: "conf/deployment.toml", ownFile: "wssconsole/console.toml"))
        #expect(ldap.profile.url == "ldap://ldap.example:389")
        #expect(ldap.unreadable.contains { $0.contains("connection_name = cn=$sys{bind.user},dc=example") && $0.contains("Java system property") }, "\(ldap.unreadable)")
        guard case .unavailable(let why) = ldap.password else { Issue.record("\(ldap.password)"); return }
        #expect(why.contains("Java system property"), "\(why)")
        #expect(!UserStoreProfileEditor.holdsClearPassword("[user_store]\nconnection_password = \"pre$env{X}\"\n"))
        #expect(UserStoreProfileEditor.holdsClearPassword("[user_store]\nconnection_password = \"plain\"\n"))
    }
}
