import Foundation

/// Remembers nonces for their lifetime so a replayed UsernameToken is refused. A cluster puts one
/// implementation over a shared store (Redis, memcached); ``NonceCache`` is the in-process one.
public protocol ReplayCache: Sendable {
    /// Records `nonce` until `expires`; false when it is already recorded and `now` is not past its `expires` (a replay).
    func insert(_ nonce: String, expires: Date, now: Date) -> Bool
}

/// The in-process replay cache: thread-safe, expired entries dropped as it goes. A nonce is a replay up to its expiry
/// included, as Rampart's NonceCache keeps an entry until now is past its arrival plus nonceLifeTime
/// (NonceCache.java:134-156), so a replay exactly nonceLifeTime after the first arrival is still refused.
public final class NonceCache: ReplayCache, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Date] = [:]
    private var nextSweep = Date.distantPast
    /// The most nonces kept; beyond it new nonces are refused rather than memory growing without bound.
    public let capacity: Int

    public init(capacity: Int = 1_000_000) {
        self.capacity = capacity
    }

    public func insert(_ nonce: String, expires: Date, now: Date) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if now >= nextSweep || entries.count >= capacity {
            entries = entries.filter { $0.value >= now }
            nextSweep = now.addingTimeInterval(10)
        }
        if let seen = entries[nonce], seen >= now { return false }
        guard entries.count < capacity else { return false }
        entries[nonce] = expires
        return true
    }

    /// The number of nonces held.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
