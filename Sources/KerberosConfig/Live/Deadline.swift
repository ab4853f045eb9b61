import Foundation
import Synchronization

/// Runs blocking libkrb5 work with a time limit.
///
/// libkrb5 1.20 has no setting for the total time a KDC exchange may take: with a KDC that drops packets it retries
/// for about fifteen seconds per address, after any DNS wait. The work runs on its own thread and the caller stops
/// waiting at the deadline; the thread finishes on its own later and its result is dropped.
enum Deadline {
    private final class Outcome<T: Sendable>: Sendable {
        let value = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    /// The result of `work`, or nil when it did not finish within `seconds`.
    static func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () -> T) -> T? {
        let outcome = Outcome<T>()
        let thread = Thread {
            let result = work()
            outcome.value.withLock { $0 = result }
            outcome.done.signal()
        }
        thread.name = "wssconsole-kerberos-check"
        thread.start()
        guard outcome.done.wait(timeout: .now() + seconds) == .success else { return nil }
        return outcome.value.withLock { $0 }
    }
}

extension Deadline {
    /// Exchanges with a KDC that make a token or keys: their error, or one that says the KDC did not answer in time.
    static func kdcWork<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () throws(KerberosTokenError) -> T) throws(KerberosTokenError) -> T {
        let outcome = run(seconds: seconds) { () -> Result<T, KerberosTokenError> in
            do throws(KerberosTokenError) { return .success(try work()) } catch { return .failure(error) }
        }
        guard let outcome else {
            throw KerberosTokenError("The KDC did not answer within \(Int(seconds.rounded(.up))) s",
                                     fix: "Check that the KDC is running and reachable (port 88) and the kdc lines of krb5.conf.")
        }
        return try outcome.get()
    }
}
