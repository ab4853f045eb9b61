import Foundation
import Synchronization
import WSSecurity

/// A server home (the native demo layout or a Micro Integrator home): the operator's world, with the
/// operations the TUI and the CLI both call.
public final class Home: Sendable {
    /// Absolute path of the home's root folder.
    public let root: String
    public let layout: HomeLayout
    /// A read-only home refuses every write.
    public let readOnly: Bool
    /// The lock this session holds, if it took one with `lock()`.
    private let sessionLock = Mutex<HomeLock?>(nil)
    /// How many times the service catalogue was read: tests count that going through every service reads it once.
    let catalogueReads = Atomic<Int>(0)

    init(root: String, layout: HomeLayout, readOnly: Bool = false) {
        self.root = root
        self.layout = layout
        self.readOnly = readOnly
    }

    /// Opens the home at `path`, telling what is wrong when it is not one.
    public static func open(_ path: String, readOnly: Bool = false) throws(HomeError) -> Home {
        let root = FileSystem.absolute(path)
        guard FileSystem.exists(root) else {
            throw HomeError(.homeNotFound, "No such folder: \(root)", fix: "Check the --home path.")
        }
        guard FileSystem.isReadableDirectory(root) else {
            throw HomeError(.homeUnreadable, "Cannot read the folder \(root)", fix: "Check its permissions (ls -ld \(root)).")
        }
        guard let layout = HomeLayout.detect(root: root) else {
            throw HomeError(.notAHome, "\(root) is not a wssconsole or Micro Integrator home",
                            fix: "A home has conf/services/ (native) or repository/deployment/server/ (Micro Integrator).")
        }
        return Home(root: root, layout: layout, readOnly: readOnly)
    }

    /// Takes the home's write lock for this session (a console keeps it until it closes); says who holds it otherwise.
    public func lock() throws(HomeError) {
        let lock = try HomeLock.acquire(self)
        sessionLock.withLock { $0 = lock }
    }

    /// Releases the session's lock.
    public func unlock() {
        sessionLock.withLock { $0?.release(); $0 = nil }
    }

    /// The console's settings for this home (conf/console.toml).
    public func settings() throws(HomeError) -> ConsoleSettings {
        try ConsoleSettings.load(home: root, layout: layout)
    }

    /// The folder that keeps the previous version of every changed file.
    public var historyPath: String { FileSystem.join(root, ".wssconsole/history") }

    /// Every service of the home, sorted by name; unreadable definitions are listed with their problem.
    public func services() -> [Service] {
        catalogueReads.add(1, ordering: .relaxed)
        return ServiceCatalogue(home: self).load()
    }

    /// The service called `name`; refused when more than one definition names it.
    public func service(named name: String) throws(HomeError) -> Service {
        guard let service = services().first(where: { $0.name == name }) else {
            throw HomeError(.serviceNotFound, "No service named \(name)", fix: "`wssconsole services` lists them.")
        }
        try Self.refuseAmbiguous(service)
        return service
    }

    private static func refuseAmbiguous(_ service: Service) throws(HomeError) {
        guard service.alsoDefinedIn.isEmpty else {
            throw HomeError(.serviceAmbiguous, "\(([service.path] + service.alsoDefinedIn).joined(separator: " and ")) both define the service \(service.name)",
                            fix: "Rename the service in one of the files, or remove one (the server deploys only one of them), then retry.")
        }
    }

    /// The change that applies scenario `number` to the service: the policy file and the edited definition.
    public func planApply(scenario number: Int, to serviceName: String) throws(HomeError) -> Change {
        try ScenarioApplier(home: self).plan(scenario: number, service: service(named: serviceName))
    }

    /// The change that removes security from the service (an undoable change like any other).
    public func planRemoveSecurity(from serviceName: String) throws(HomeError) -> Change {
        try ScenarioApplier(home: self).planRemoval(service: service(named: serviceName))
    }

    /// Writes a change atomically under the home's lock, keeping the previous versions in the history folder and
    /// a line in the audit log; `note` says why.
    @discardableResult
    public func commit(_ change: Change, note: String? = nil) throws(HomeError) -> ChangeRecord {
        guard !readOnly else {
            throw HomeError(.readOnly, "The home is open read-only", fix: "Open it without --read-only to change it.")
        }
        return try underLock { lockedSince throws(HomeError) in try ChangeWriter(home: self, lockedSince: lockedSince).write(change, note: note) }
    }

    /// Runs `body` under the home's write lock: the console session's, or one taken for the call; `body` is told
    /// since when the lock is held.
    func underLock<T>(_ body: (Date) throws(HomeError) -> T) throws(HomeError) -> T {
        let held = sessionLock.withLock { $0?.acquired }
        let temporary = held == nil ? try HomeLock.acquire(self) : nil
        defer { temporary?.release() }
        return try body(held ?? temporary?.acquired ?? Date())
    }

    /// The recorded changes, newest first.
    public func history() -> [ChangeRecord] {
        History(home: self).records()
    }

    /// Throws when the home has a history this user cannot read (then `history()` would look empty).
    public func checkHistoryReadable() throws(HomeError) {
        try History(home: self).checkReadable()
    }

    /// Which changes of the history are in effect, which undone (for `undo`, `redo` and the history's list).
    public func undoState() -> UndoState {
        UndoState(records: history())
    }

    /// The change that reverts change `id`, or when nil the newest change still in effect (so undo after undo
    /// steps back through the history); an undo is itself a change.
    public func planUndo(_ id: String? = nil) throws(HomeError) -> Change {
        try checkHistoryReadable()
        let state = undoState()
        guard let id else {
            guard let record = state.nextUndo else {
                throw HomeError(.changeNotFound, state.records.isEmpty ? "The history is empty" : "Nothing to undo: every change in the history is undone",
                                fix: state.nextRedo == nil ? "wssconsole history lists the changes." : "wssconsole redo puts back the last change undone.")
            }
            return try History(home: self).planRevert(record, summary: state.revertSummary(of: record))
        }
        let record = state.current(try Self.record(id, in: state.records))
        if let by = state.undoneBy[record.id] {
            throw HomeError(.undoConflict, "Change \(record.id) is already undone, by change \(by)",
                            fix: state.nextRedo?.id == by ? "wssconsole redo puts it back." : "wssconsole undo \(by) puts it back.")
        }
        return try History(home: self).planRevert(record, summary: state.revertSummary(of: record))
    }

    /// The change that puts back the last change undone: it reverts the newest undo still in effect, unless a new
    /// change came after it (`UndoState.nextRedo`).
    public func planRedo() throws(HomeError) -> Change {
        try checkHistoryReadable()
        let state = undoState()
        guard let undo = state.nextRedo else {
            if let (undo, by) = state.redoEnded {
                let undone = state.origin(of: undo).change
                throw HomeError(.changeNotFound, "Nothing to redo: change \(by.id) (\(by.summary)) came after the last undo, \(undo.id)",
                                fix: "To put back change \(undone.id) (\(undone.summary)) all the same: wssconsole undo \(undo.id) (wssconsole history lists the changes).")
            }
            throw HomeError(.changeNotFound, "Nothing to redo: no change in the history is undone", fix: "wssconsole history lists the changes.")
        }
        return try History(home: self).planRevert(undo, summary: state.revertSummary(of: undo))
    }

    /// The file of the policy a service references (absolute), or nil when it references none the home can name.
    public func policyFile(of service: Service) -> String? {
        policyPath(of: service).map { FileSystem.join(root, $0) }
    }

    /// That file relative to the home, as messages name it ("conf/policies/EchoProxy.policy.xml").
    public func policyPath(of service: Service) -> String? {
        service.security.policyKey.flatMap { try? layout.policyPath(forKey: $0, root: root) }
    }

    /// The text of the policy a service references.
    public func policyText(for serviceName: String) throws(HomeError) -> String {
        try policyText(of: service(named: serviceName))
    }

    /// The policy `service` references, as `services()` read it: what goes through every service passes the one it
    /// holds, since reading the catalogue again for each made validating them all quadratic.
    public func policyText(of service: Service) throws(HomeError) -> String {
        try Self.refuseAmbiguous(service)
        guard let key = service.security.policyKey else {
            throw HomeError(.notSecured, "\(service.name) has no policy", fix: "Apply a scenario: wssconsole apply --service \(service.name) --scenario N")
        }
        let path = try layout.policyPath(forKey: key, root: root)
        guard let bytes = FileSystem.read(FileSystem.join(root, path)) else {
            throw HomeError(.policyUnreadable, "Cannot read the policy \(path) that \(service.name) references",
                            fix: "Re-apply a scenario (wssconsole apply --service \(service.name) --scenario N), or \(History.undoFix("removed it")).")
        }
        return String(decoding: LocalEntry.unwrap(bytes), as: UTF8.self)
    }

    /// The policy a service references as it is shown: password values masked as in a change's diff.
    public func maskedPolicyText(for serviceName: String) throws(HomeError) -> String {
        FileEdit.maskingSecrets(try policyText(for: serviceName))
    }

    /// Checks a service's security against its environment (policy, keystores, users, Kerberos files).
    public func validate(_ service: Service) -> ValidationReport {
        ServiceValidator(home: self).validate(service)
    }
}
