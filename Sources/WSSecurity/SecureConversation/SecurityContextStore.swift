import Foundation

/// The tokens a service issued as STS: looked up by identifier for every message, cancelled on request, dropped
/// when expired. Thread-safe; one store serves every message of a service (a cluster puts a shared store behind
/// the same operations).
public final class SecurityContextStore: @unchecked Sendable {
    private enum State { case active(SecurityContextToken), cancelled(expires: Date), refused(reason: String, expires: Date) }
    private let lock = NSLock()
    private var tokens: [String: State] = [:]
    private var nextSweep = Date.distantPast
    /// The most tokens kept; beyond it issuing is refused rather than memory growing without bound.
    public let capacity: Int
    /// The clock skew allowed when a token's lifetime is checked.
    public let skew: TimeInterval

    public init(capacity: Int = 100_000, skew: TimeInterval = 300) {
        self.capacity = capacity
        self.skew = skew
    }

    /// Records a newly issued token (or one issued earlier and kept elsewhere, as the console keeps its own).
    public func insert(_ token: SecurityContextToken, now: Date) throws(SecurityFault) {
        lock.lock()
        defer { lock.unlock() }
        sweep(now)
        guard tokens.count < capacity else {
            throw SecurityFault(.invalidSecurity, "The service holds \(capacity) security contexts; no more are issued until some expire")
        }
        tokens[token.identifier] = .active(token)
    }

    /// The active token with `identifier`; unknown, cancelled and expired tokens are refused, each saying which.
    public func token(_ identifier: String, now: Date) throws(SecurityFault) -> SecurityContextToken {
        lock.lock()
        defer { lock.unlock() }
        switch tokens[identifier] {
        case nil:
            throw SecurityFault(.invalidSecurityToken, "The SecurityContextToken \(identifier) is unknown to this service (never issued, or expired and forgotten)")
        case .cancelled?:
            throw SecurityFault(.invalidSecurityToken, "The SecurityContextToken \(identifier) was cancelled")
        case .refused(let reason, _)?:
            throw SecurityFault(.invalidSecurityToken, reason)
        case .active(let token)?:
            guard token.isValid(at: now, skew: skew) else {
                throw SecurityFault(.invalidSecurityToken, "The SecurityContextToken \(identifier) expired at \(Timestamp.format(token.expires, milliseconds: false))")
            }
            return token
        }
    }

    /// Records a token that exists but is not this service's to accept (another service issued it, or this one under
    /// an earlier policy): a message under it is refused with `reason`, which says so and how to get a good one, rather
    /// than with "unknown". Kept until `expires`; beyond the capacity it is left out, and then refused as unknown.
    public func refuse(_ identifier: String, until expires: Date, because reason: String) {
        lock.lock()
        defer { lock.unlock() }
        guard tokens[identifier] == nil, tokens.count < capacity else { return }
        tokens[identifier] = .refused(reason: reason, expires: expires)
    }

    /// Cancels the token; false when it is not active. Its identifier is remembered until it would have expired,
    /// so a later message under it is told it was cancelled.
    @discardableResult
    public func cancel(_ identifier: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard case .active(let token)? = tokens[identifier] else { return false }
        tokens[identifier] = .cancelled(expires: token.expires)
        return true
    }

    /// The number of tokens held (active, cancelled or refused, not yet swept).
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return tokens.count
    }

    private func sweep(_ now: Date) {
        guard now >= nextSweep || tokens.count >= capacity else { return }
        let horizon = now.addingTimeInterval(-skew)
        tokens = tokens.filter { _, state in
            switch state {
            case .active(let token): token.expires > horizon
            case .cancelled(let expires), .refused(_, let expires): expires > horizon
            }
        }
        nextSweep = now.addingTimeInterval(10)
    }
}
