import Dispatch
import Foundation
import ServerHome

/// Validation results per service, computed off the input loop: the list asks for reports, a worker
/// queue runs `Home.validate` with the self-test (the state the validation panel then shows too), and the screen polls for results between keys (showing "checking" until
/// they arrive). Results for a service that was asked again meanwhile are dropped as stale.
final class ValidationBoard: @unchecked Sendable {
    /// Where validation runs: `.background` in the program, `.inline` in tests for deterministic screens.
    enum Mode: Sendable { case background, inline }

    private let home: Home
    let mode: Mode
    private let queue = DispatchQueue(label: "wssconsole.validation")
    // Guards everything below; the worker writes, the input loop reads.
    private let lock = NSLock()
    private var reports: [String: ValidationReport] = [:]
    private var generations: [String: Int] = [:]
    private var changed = false

    init(home: Home, mode: Mode) {
        self.home = home
        self.mode = mode
    }

    /// Forgets what was known of these services and validates them again.
    func request(_ services: [Service]) {
        for service in services {
            let generation: Int = lock.withLock {
                reports[service.name] = nil
                generations[service.name, default: 0] += 1
                return generations[service.name]!
            }
            switch mode {
            case .inline: store(home.validate(service, scenario: nil, selfTest: true), for: service.name, generation: generation)
            case .background:
                queue.async { [home] in
                    self.store(home.validate(service, scenario: nil, selfTest: true), for: service.name, generation: generation)
                }
            }
        }
    }

    /// The report for a service, or nil while it is being checked.
    func report(for name: String) -> ValidationReport? {
        lock.withLock { reports[name] }
    }

    /// True once after new results arrived: the screen then redraws.
    func takeChanges() -> Bool {
        lock.withLock {
            defer { changed = false }
            return changed
        }
    }

    /// Blocks until every requested validation finished (tests only).
    func waitUntilIdle() {
        queue.sync {}
    }

    private func store(_ report: ValidationReport, for name: String, generation: Int) {
        lock.withLock {
            guard generations[name] == generation else { return }
            reports[name] = report
            changed = true
        }
    }
}
