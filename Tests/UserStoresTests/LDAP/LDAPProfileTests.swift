import Testing
import UserStores

@Suite struct LDAPProfileTests {
    @Test func endpointDefaults() throws {
        #expect(try LDAPEndpoint(parsing: "ldap://dir.example.com").port == 389)
        #expect(try LDAPEndpoint(parsing: "LDAPS://dir.example.com/").port == 636)
        let v6 = try LDAPEndpoint(parsing: "ldaps://[::1]:1636/")
        #expect(v6.host == "::1" && v6.port == 1636 && v6.isLDAPS && v6.url == "ldaps://[::1]:1636/")
    }

    @Test(arguments: ["http://example.com", "not a url", "ldap://[::1", "", "ldapi:///var/run/slapd.sock",
                      "ldap://a.example.com ldap://b.example.com", "ldap:///dc=example"])
    func unusableURLs(url: String) {
        #expect {
            _ = try LDAPEndpoint(parsing: url)
        } throws: { ($0 as? UserStoresError)?.code == .invalidURL }
    }

    @Test func problems() {
        var profile = LDAPProfile(url: "ldaps://dir.example.com", userSearchBase: "", groupSearchBase: "ou=Groups,dc=x")
        profile.startTLS = true
        profile.userSearchFilter = "(uid=alice)"
        profile.groupListFilter = "objectClass=groupOfNames"
        let problems = profile.problems
        #expect(problems.count == 4)
        #expect(problems.contains { $0.contains("StartTLS") })
        #expect(LDAPProfile(url: "ldap://h", userSearchBase: "ou=People,dc=x", groupSearchBase: "ou=Groups,dc=x").problems.isEmpty)
    }

    /// A name typed by a client must never change the filter (LDAP injection).
    @Test func filterSubstitutionEscapes() {
        let template = "(&(objectClass=person)(uid=?))"
        #expect(LDAPFilter.substitute("alice", into: template) == "(&(objectClass=person)(uid=alice))")
        #expect(LDAPFilter.substitute("*", into: template) == "(&(objectClass=person)(uid=\\2a))")
        #expect(LDAPFilter.substitute("x)(uid=*", into: template) == "(&(objectClass=person)(uid=x\\29\\28uid=\\2a))")
        #expect(LDAPFilter.escape("a\\b\0") == "a\\5cb\\00")
        #expect(LDAPFilter.containing("li", attribute: "uid", within: "(objectClass=person)") == "(&(objectClass=person)(uid=*li*))")
    }
}
