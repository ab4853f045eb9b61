import ConsoleUI
import Foundation
import ServerHome

/// Notices when the files behind a screen change on disk: another shell's `wssconsole unsecure`, another console, an
/// editor. The screen asks when it reappears, before it opens a service or builds a confirmation, and every few seconds
/// while the console is idle; it then reads the services again and says what changed. Cheap: it compares the stamps
/// (modification time, size, inode) of the service definitions, their folders, their policy files (an editor's save,
/// the definition untouched), and the home's history and audit log, which every change wssconsole makes writes.
struct HomeWatch {
    /// The status line after the screen read what changed.
    static func reloaded(_ summary: String) -> StatusText { StatusText(summary + "; reloaded.") }

    /// The status line when an action is refused on what was just read: what changed, then why.
    static func reloaded(_ summary: String, unavailable: StatusText) -> StatusText {
        StatusText(summary + ". " + unavailable.text, isError: true)
    }

    /// How often an idle console looks.
    static let interval: Duration = .seconds(2)

    let home: Home
    let interval: Duration
    private var stamps: FileStamps
    private var historyPaths: Set<String>
    /// Each watched policy file and the services referencing it.
    private var policyUsers: [String: [String]]
    private var lastLook: ContinuousClock.Instant

    /// Watches the files of `services` (and the home's history), as they are now.
    init(home: Home, services: [Service], interval: Duration = Self.interval, now: ContinuousClock.Instant = .now) {
        self.home = home
        self.interval = interval
        historyPaths = Self.historyPaths(home)
        policyUsers = Self.policyUsers(home: home, services: services)
        stamps = FileStamps(Self.paths(home: home, services: services))
        lastLook = now
    }

    /// The files whose change may change what `services` are: their definitions and the folders holding them (a file
    /// added, renamed or removed), their policy files, and the history.
    static func paths(home: Home, services: [Service]) -> [String] {
        let definitions = services.map { home.root + "/" + $0.path }
        let folders = definitions.map { ($0 as NSString).deletingLastPathComponent }
        return definitions + folders + policyUsers(home: home, services: services).keys + historyPaths(home)
    }

    private static func policyUsers(home: Home, services: [Service]) -> [String: [String]] {
        Dictionary(grouping: services.compactMap { service in home.policyFile(of: service).map { ($0, service.name) } },
                   by: \.0).mapValues { $0.map(\.1) }
    }

    /// The history folder (a change recorded) and the audit log (appended once a change's files are all in place).
    private static func historyPaths(_ home: Home) -> Set<String> {
        [home.historyPath, (home.historyPath as NSString).deletingLastPathComponent + "/audit.log"]
    }

    /// What changed since the stamps were taken, or nil when nothing did.
    struct Changes: Equatable {
        /// A change was recorded in the history: it may be a keystore's or the settings', so everything is validated again.
        var history: Bool
        /// The services whose policy file changed, sorted: their definitions may read the same, their validation does not.
        var policyChanged: [String] = []
    }

    func changes() -> Changes? {
        let changed = stamps.changedPaths()
        guard !changed.isEmpty else { return nil }
        return Changes(history: changed.contains(where: historyPaths.contains),
                       policyChanged: Set(changed.flatMap { policyUsers[$0] ?? [] }).sorted())
    }

    /// Takes the stamps again, for `services` as they were just read.
    mutating func restamp(_ services: [Service], now: ContinuousClock.Instant = .now) {
        policyUsers = Self.policyUsers(home: home, services: services)
        stamps = FileStamps(Self.paths(home: home, services: services))
        lastLook = now
    }

    /// True when an idle console should look again (and counts from now); the loop polls ten times a second.
    mutating func isDue(now: ContinuousClock.Instant = .now) -> Bool {
        guard now - lastLook >= interval else { return false }
        lastLook = now
        return true
    }

    /// What changed, for the status line ("EchoProxy changed on disk"; the screen adds that it read it again), or nil
    /// when the services read the same and no policy file of theirs (`policyChanged`) changed.
    static func summary(before: [Service], after: [Service], policyChanged: [String] = []) -> String? {
        let old = Dictionary(before.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let changed = after.filter { old[$0.name] != nil && (old[$0.name] != $0 || policyChanged.contains($0.name)) }
            .map { old[$0.name] != $0 ? "\($0.name) changed" : "the policy of \($0.name) changed" }
        let added = after.filter { old[$0.name] == nil }.map { "\($0.name) was added" }
        let removed = before.filter { new[$0.name] == nil }.map { "\($0.name) was removed" }
        let phrases = changed + added + removed
        let summary: String
        switch phrases.count {
        case 0: return nil
        case 1: summary = "\(phrases[0]) on disk"
        case 2: summary = "\(phrases[0]) and \(phrases[1]) on disk"
        default: summary = "\(phrases.count) services changed on disk"
        }
        return summary.prefix(1).uppercased() + summary.dropFirst()
    }
}
