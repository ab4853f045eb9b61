import Foundation

/// Enforces a deadline on a blocking libldap call by shutting its socket down when the call overruns.
///
/// libldap 2.5 (Debian, GnuTLS) ignores LDAP_OPT_NETWORK_TIMEOUT during the TLS handshake: measured with
/// `ldapwhoami -o nettimeout=2` against an ldaps:// port that accepts and never speaks, it spun at full CPU for
/// the 15 s the server held the connection. Shutting the socket makes every read return at once, whatever the
/// library is doing. The socket is owned by the connection and closed only after the guarded call returned.
final class Watchdog: @unchecked Sendable {
    private let socket: Int32
    private let lock = NSLock()
    private var armed = false
    private var fired = false

    init(socket: Int32) {
        self.socket = socket
    }

    /// True once a deadline has cut the connection; it is unusable afterwards.
    var hasFired: Bool { lock.withLock { fired } }

    /// Runs `body`, shutting the socket down if it has not returned after `timeout`.
    func guarding<T>(_ timeout: Duration, _ body: () -> T) -> (value: T, timedOut: Bool) {
        lock.withLock { armed = true }
        let alarm = DispatchWorkItem { [self] in
            lock.withLock {
                guard armed else { return }
                fired = true
                shutdown(socket, Int32(SHUT_RDWR))
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(timeout.milliseconds)), execute: alarm)
        let value = body()
        alarm.cancel()
        let timedOut = lock.withLock {
            armed = false
            return fired
        }
        return (value, timedOut)
    }
}
