import Dispatch
import Foundation

/// One piece of blocking work (an LDAP search, the connection test, a large change's plan or diff) run off the input
/// loop. The screen starts it, polls between keys, and shows `updates` as they come and `value` when it is done.
final class BackgroundJob<Update: Sendable, Value: Sendable>: @unchecked Sendable {

    private let lock = NSLock()
    private var updates: [Update] = []
    private var value: Value?
    private var changed = false
    private var generation = 0
    /// Entered by each run, left when it finished.
    private let running = DispatchGroup()

    /// Starts `work`, forgetting any earlier run; `work` reports progress through its argument.
    func start(_ mode: WorkMode, _ work: @escaping @Sendable (_ report: @escaping @Sendable (Update) -> Void) -> Value) {
        let run: Int = lock.withLock {
            generation += 1
            updates = []
            value = nil
            changed = true
            return generation
        }
        let report: @Sendable (Update) -> Void = { [weak self] update in
            self?.lock.withLock {
                guard self?.generation == run else { return }
                self?.updates.append(update)
                self?.changed = true
            }
        }
        running.enter()
        let finish: @Sendable () -> Void = { [weak self, running] in
            defer { running.leave() }
            let result = work(report)
            self?.lock.withLock {
                guard self?.generation == run else { return }
                self?.value = result
                self?.changed = true
            }
        }
        switch mode {
        case .inline: finish()
        case .background: DispatchQueue.global(qos: .userInitiated).async(execute: finish)
        }
    }

    /// The progress so far and the result once there is one.
    var snapshot: (updates: [Update], value: Value?) { lock.withLock { (updates, value) } }

    /// Blocks until every run started so far finished (tests only).
    func waitUntilDone() {
        running.wait()
    }

    /// True while started and not finished.
    var isRunning: Bool { lock.withLock { generation > 0 && value == nil } }

    /// True once after something new arrived: the screen then redraws.
    func takeChanges() -> Bool {
        lock.withLock {
            defer { changed = false }
            return changed
        }
    }
}

/// Where screens run blocking work: `.background` in the program, `.inline` in tests, where the work runs at
/// once on the caller's thread so screens are deterministic.
enum WorkMode: Sendable, Equatable {
    case background, inline
}
