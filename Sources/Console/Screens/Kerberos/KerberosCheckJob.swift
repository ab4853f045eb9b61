import Foundation
import KerberosConfig
import ServerHome
import Synchronization

/// The live checks of both Kerberos files, run off the input loop (a KDC may take seconds to answer, or never):
/// the screen starts it and picks the result up when the loop polls.
final class KerberosCheckJob: Sendable {
    /// Background for the console, inline for tests (deterministic screens).
    enum Mode: Sendable { case background, inline }

    private let result = Mutex<[KerberosReport]?>(nil)
    private let running = Mutex(false)

    /// Starts the checks; false when they are already running.
    func start(home: Home, options: KerberosCheckOptions, mode: Mode) -> Bool {
        guard running.withLock({ busy in
            if busy { return false }
            busy = true
            return true
        }) else { return false }
        let work: @Sendable () -> Void = { [self] in
            // The two files are checked side by side: with a KDC that never answers, each waits its own time limit.
            let krb5 = Mutex<KerberosReport?>(nil), jaas = Mutex<KerberosReport?>(nil)
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 { krb5.withLock { $0 = try? home.checkKrb5(options) } } else { jaas.withLock { $0 = try? home.checkJaas(options) } }
            }
            let reports = [krb5.withLock { $0 }, jaas.withLock { $0 }].compactMap { $0 }
            result.withLock { $0 = reports }
            running.withLock { $0 = false }
        }
        switch mode {
        case .inline: work()
        case .background: Thread { work() }.start()
        }
        return true
    }

    var isRunning: Bool { running.withLock { $0 } }

    /// The reports of the finished run, once.
    func take() -> [KerberosReport]? { result.withLock { value in defer { value = nil }; return value } }
}
