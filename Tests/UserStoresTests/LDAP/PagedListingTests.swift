import Foundation
import KeyMaterial
import Testing
import UserStores

/// How a listing in pages ends against servers that page oddly, and the limits a caller may ask for.
@Suite struct PagedListingTests {
    let slapd = Slapd.shared

    /// The read timeout bounds the whole listing, as it bounded the one search before paging: a server that sends
    /// page after empty page, each well within the timeout, held the caller (a request's UsernameToken check reads
    /// the user's roles this way) for pages x timeout, or for ever.
    @Test func aListingOfEndlessEmptyPagesTimesOut() throws {
        let server = try PagingLDAPServer(pages: 40, delay: 100)
        var profile = LDAPProfile(url: "ldap://127.0.0.1:\(server.port)", userSearchBase: "ou=people,dc=example", groupSearchBase: "ou=groups,dc=example")
        profile.readTimeout = .milliseconds(1_000)
        let store = LDAPUserStore(profile: profile, bindPassword: nil)
        let error = try #require(throws: UserStoresError.self) { try store.users(matching: "", limit: 100) }
        #expect(error.code == .timeout, "\(error)")
    }

    /// A server that sends smaller pages than asked for (Active Directory's MaxPageSize caps them without a word): the
    /// listing goes on page after page to the end, whole, and says no limit cut it.
    @Test func smallerPagesThanAskedForAreFollowedToTheEnd() throws {
        let server = try PagingLDAPServer(pages: 3, delay: 0, perPage: 100)
        let profile = LDAPProfile(url: "ldap://127.0.0.1:\(server.port)", userSearchBase: "ou=people,dc=example", groupSearchBase: "ou=groups,dc=example")
        let users = try LDAPUserStore(profile: profile, bindPassword: nil).users(matching: "", limit: 1_000)
        #expect(users.names.count == 300 && users.names.last == "user299" && !users.truncated && users.serverLimit == nil,
                "\(users.names.count) \(users.truncated) \(String(describing: users.serverLimit))")
    }

    /// A limit of 0 or below lists nothing (cut, when there is something); one past what the server takes lists all.
    @Test func limitsOutOfRangeAreTakenAsTheNearestOneThatMeansSomething() throws {
        let store = LDAPUserStore(profile: slapd.profile(), bindPassword: Secret(Slapd.readerPassword))
        for limit in [0, -1, Int.min] {
            let none = try store.users(matching: "", limit: limit)
            #expect(none.names.isEmpty && none.truncated && none.serverLimit == nil, "\(limit): \(none)")
        }
        let all = try store.users(matching: "", limit: 1_000)
        for limit in [Int(Int32.max), Int(Int32.max) + 1, Int.max] {
            #expect(try store.users(matching: "", limit: limit) == all, "\(limit)")
        }
    }
}
