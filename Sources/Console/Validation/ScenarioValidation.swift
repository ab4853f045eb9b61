import Dispatch
import Foundation
import ServerHome

/// Live validation of one service under the scenario the operator has selected in the picker (findings and the
/// self-test), off the input loop. Only the newest selection is worked on: moving through the list quickly queues
/// no backlog, because a job whose scenario is no longer wanted is skipped. Results are kept per scenario until
/// `invalidate` (after a change, or on return from another screen).
final class ScenarioValidation: @unchecked Sendable {
    /// What a report is of: a scenario (or `current`), with the settings typed for it that no policy holds yet.
    struct Key: Hashable {
        var scenario: Int
        var typed: Typed?
    }

    /// The allowed roles and freshness numbers typed in the roles form (nil: as the policy has them).
    struct Typed: Hashable {
        var roles: [String]?
        var timestampTTL, timestampMaxSkew, nonceLifeTime: Int?

        init(_ options: ScenarioOptions) {
            (roles, timestampTTL, timestampMaxSkew, nonceLifeTime) = (options.allowedRoles, options.timestampTTL, options.timestampMaxSkew, options.nonceLifeTime)
        }

        var options: ScenarioOptions {
            ScenarioOptions(allowedRoles: roles, timestampTTL: timestampTTL, timestampMaxSkew: timestampMaxSkew, nonceLifeTime: nonceLifeTime)
        }
    }

    private let home: Home
    private let service: Service
    private let mode: ValidationBoard.Mode
    private let queue = DispatchQueue(label: "wssconsole.scenario-validation")
    // Guards everything below; the worker writes, the input loop reads.
    private let lock = NSLock()
    private var reports: [Key: ValidationReport] = [:]
    private var wanted: Key?
    private var generation = 0
    private var changed = false

    /// The key of the service's current (custom) policy, validated as it is.
    static let current = 0

    init(home: Home, service: Service, mode: ValidationBoard.Mode) {
        self.home = home
        self.service = service
        self.mode = mode
    }

    /// Asks for the report of `scenario` (nothing to do when it is known or already being made).
    func request(_ scenario: Key) {
        let job: Int? = lock.withLock {
            guard reports[scenario] == nil, wanted != scenario else { wanted = scenario; return nil }
            wanted = scenario
            return generation
        }
        guard let job else { return }
        switch mode {
        case .inline: run(scenario, generation: job)
        case .background: queue.async { self.run(scenario, generation: job) }
        }
    }

    /// The report for `scenario`, or nil while it is being checked.
    func report(for scenario: Key) -> ValidationReport? {
        lock.withLock { reports[scenario] }
    }

    /// Forgets every report (the home changed); the screen asks again for what it shows.
    func invalidate() {
        lock.withLock {
            reports = [:]
            wanted = nil
            generation += 1
        }
    }

    /// True once after new results arrived: the screen then redraws.
    func takeChanges() -> Bool {
        lock.withLock {
            defer { changed = false }
            return changed
        }
    }

    /// Blocks until the queued work finished (tests only).
    func waitUntilIdle() {
        queue.sync {}
    }

    private func run(_ scenario: Key, generation job: Int) {
        // Overtaken by another selection, or already answered by an earlier job for the same scenario.
        guard lock.withLock({ wanted == scenario && generation == job && reports[scenario] == nil }) else { return }
        let report = home.validate(service, scenario: scenario.scenario == Self.current ? nil : scenario.scenario,
                                   options: scenario.typed?.options ?? ScenarioOptions(), selfTest: true)
        lock.withLock {
            guard generation == job else { return }
            reports[scenario] = report
            changed = true
        }
    }
}
