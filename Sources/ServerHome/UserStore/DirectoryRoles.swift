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
        let result: Result<[String], UserStoresError>
    }

    private static let cache = Mutex<Entry?>(nil)

    /// Every group name under the profile's group base (at most 1000), or why they could not be read.
    static func names(profile: LDAPProfile, password: Secret?) -> Result<[String], UserStoresError> {
        let key = "\(profile)|\(password == nil)"
        let now = ContinuousClock.now
        if let entry = cache.withLock({ $0 }), entry.key == key, now - entry.time < lifetime { return entry.result }
        var quick = profile
        quick.connectTimeout = min(profile.connectTimeout, timeoutCap)
        quick.readTimeout = min(profile.readTimeout, timeoutCap)
        let result: Result<[String], UserStoresError>
        do throws(UserStoresError) {
            result = .success(try LDAPUserStore(profile: quick, bindPassword: password).roleNames(matching: "", limit: 1_000).names)
        } catch {
            result = .failure(error)
        }
        cache.withLock { $0 = Entry(key: key, time: now, result: result) }
        return result
    }

    /// Forgets the cached answer (after the profile changed, or for tests).
    static func forget() {
        cache.withLock { $0 = nil }
    }
}
