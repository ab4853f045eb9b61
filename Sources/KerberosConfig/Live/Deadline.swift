import Foundation
import Synchronization

/// Runs blocking libkrb5 work with a time limit on each of its KDC exchanges.
///
/// libkrb5 1.20 has no setting for the total time a KDC exchange may take: with a KDC that drops packets it retries
/// for about fifteen seconds per address, after any DNS wait. The work runs on its own thread and the caller stops
/// waiting at the deadline; the thread finishes on its own later and its result is dropped.
enum Deadline {
    /// Told by the work when one exchange is done: the next one gets the full time limit again. A KDC that never
    /// answers is then given up on after one limit, not after one limit for every exchange the work would make.
    final class Progress: Sendable {
        fileprivate let signal = DispatchSemaphore(value: 0)

        func step() { signal.signal() }
    }

    private final class Outcome<T: Sendable>: Sendable {
        let value = Mutex<T?>(nil)
    }

    /// The result of `work`, or nil when it went `seconds` without finishing or calling `Progress.step()`.
    static func run<T: Sendable>(secondsEach seconds: Double, _ work: @escaping @Sendable (Progress) -> T) -> T? {
        let outcome = Outcome<T>()
        let progress = Progress()
        let thread = Thread {
            let result = work(progress)
            outcome.value.withLock { $0 = result }
            progress.step()
        }
        thread.name = "wssconsole-kerberos-check"
        thread.start()
        while progress.signal.wait(timeout: .now() + seconds) == .success {
            if let value = outcome.value.withLock({ $0 }) { return value }
        }
        return nil
    }

    /// The result of `work` (one exchange), or nil when it did not finish within `seconds`.
    static func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () -> T) -> T? {
        run(secondsEach: seconds) { _ in work() }
    }
}

extension Deadline {
    /// Exchanges with a KDC that make a token or keys, `seconds` for each: their error, or one that says the KDC did
    /// not answer in time.
    static func kdcWork<T: Sendable>(secondsEach seconds: Double,
                                     _ work: @escaping @Sendable (Progress) throws(KerberosTokenError) -> T) throws(KerberosTokenError) -> T {
        let outcome = run(secondsEach: seconds) { progress -> Result<T, KerberosTokenError> in
            do throws(KerberosTokenError) { return .success(try work(progress)) } catch { return .failure(error) }
        }
        guard let outcome else {
            throw KerberosTokenError("The KDC did not answer within \(Int(seconds.rounded(.up))) s",
                                     fix: "Check that the KDC is running and reachable at the address the kdc lines of krb5.conf give, and those lines.")
        }
        return try outcome.get()
    }
}
