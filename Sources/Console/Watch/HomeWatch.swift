import ConsoleUI
import Foundation
import ServerHome

/// Notices when the files behind a screen change on disk: another shell's `wssconsole unsecure`, another console, an
/// editor. The screen asks when it reappears, before it opens a service or builds a confirmation, and every few seconds
/// while the console is idle; it then reads the services again and says what changed. Cheap: it compares the stamps
/// (modification time, size, inode) of the service definitions, their folders, and the home's history and audit log,
/// which every change wssconsole makes writes (a policy replaced under the same file name included). A policy file
/// edited by hand, its definition untouched, is not seen: the console has no way to name that file from here.
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
    private var lastLook: ContinuousClock.Instant

    /// Watches the files of `services` (and the home's history), as they are now.
    init(home: Home, services: [Service], interval: Duration = Self.interval, now: ContinuousClock.Instant = .now) {
        self.home = home
        self.interval = interval
        historyPaths = Self.historyPaths(home)
        stamps = FileStamps(Self.paths(home: home, services: services))
        lastLook = now
    }

    /// The files whose change may change what `services` are: their definitions and the folders holding them (a file
    /// added, renamed or removed), and the history.
    static func paths(home: Home, services: [Service]) -> [String] {
        let definitions = services.map { home.root + "/" + $0.path }
        let folders = definitions.map { ($0 as NSString).deletingLastPathComponent }
        return definitions + folders + historyPaths(home)
    }

    /// The history folder (a change recorded) and the audit log (appended once a change's files are all in place).
    private static func historyPaths(_ home: Home) -> Set<String> {
        [home.historyPath, (home.historyPath as NSString).deletingLastPathComponent + "/audit.log"]
    }

    /// What changed since the stamps were taken, or nil when nothing did.
    struct Changes: Equatable {
        /// A change was recorded in the history: it may be a keystore's or the settings', so everything is validated again.
        var history: Bool
    }

    func changes() -> Changes? {
        let changed = stamps.changedPaths()
        guard !changed.isEmpty else { return nil }
        return Changes(history: changed.contains(where: historyPaths.contains))
    }

    /// Takes the stamps again, for `services` as they were just read.
    mutating func restamp(_ services: [Service], now: ContinuousClock.Instant = .now) {
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
    /// when the services read the same.
    static func summary(before: [Service], after: [Service]) -> String? {
        let old = Dictionary(before.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let changed = after.filter { old[$0.name] != nil && old[$0.name] != $0 }.map { "\($0.name) changed" }
        let added = after.filter { old[$0.name] == nil }.map { "\($0.name) was added" }
        let removed = before.filter { new[$0.name] == nil }.map { "\($0.name) was removed" }
        let phrases = changed + added + removed
        switch phrases.count {
        case 0: return nil
        case 1: return "\(phrases[0]) on disk"
        case 2: return "\(phrases[0]) and \(phrases[1]) on disk"
        default: return "\(phrases.count) services changed on disk"
        }
    }
}
