import Foundation
import KeyMaterial
import Synchronization
import UserStores

/// The role names of an LDAP directory, fetched once for a validation pass: listing services validates each
/// one, and a directory that does not answer must cost one timeout, not one per service.
enum DirectoryRoles {
    /// How long an answer (or a failure) is reused.
    static let lifetime: Duration = .seconds(30)
    /// Validation waits at most this long per step, whatever the profile says.
    static let timeoutCap: Duration = .seconds(3)

    private struct Entry {
        let key: String
        let time: ContinuousClock.Instant
        let result: Result<Listing, UserStoresError>
    }

    private static let cache = Mutex<Entry?>(nil)

    /// Every group name under the profile's group base (at most 1000), and those of `wanted` found by name when the
    /// listing is cut short (more groups, or the server's size limit): a role it lacks may be among the rest. Or why
    /// they could not be read.
    static func names(profile: LDAPProfile, password: Secret?, wanted: [String]) -> Result<[String], UserStoresError> {
        let key = "\(profile)|\(password == nil)"
        let now = ContinuousClock.now
        var quick = profile
        quick.connectTimeout = min(profile.connectTimeout, timeoutCap)
        quick.readTimeout = min(profile.readTimeout, timeoutCap)
        let store = LDAPUserStore(profile: quick, bindPassword: password)
        let result: Result<Listing, UserStoresError>
        if let entry = cache.withLock({ $0 }), entry.key == key, now - entry.time < lifetime {
            result = entry.result
        } else {
            result = Result { () throws(UserStoresError) in try store.roleNames(matching: "", limit: 1_000) }
            cache.withLock { $0 = Entry(key: key, time: now, result: result) }
        }
        return result.flatMap { listing in
            guard listing.truncated else { return .success(listing.names) }
            var names = listing.names
            do throws(UserStoresError) {
                // As the directory spells it, so that a name differing only in case is named as such.
                for role in wanted where !names.contains(role) { names += try store.roleName(role).map { [$0] } ?? [] }
            } catch {
                return .failure(error)
            }
            return .success(names)
        }
    }

    /// Forgets the cached answer (after the profile changed, or for tests).
    static func forget() {
        cache.withLock { $0 = nil }
    }
}
