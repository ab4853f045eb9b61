import Foundation
import KeyMaterial
import Testing
import UserStores

/// How a listing in pages ends, whatever limit a caller asks for.
@Suite struct PagedListingTests {
    let slapd = Slapd.shared

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
