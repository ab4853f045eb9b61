import Foundation

/// A change as written: its id (the name of its history folder), what it did, who did it and which files it touched.
public struct ChangeRecord: Sendable, Equatable {
    public var id: String
    public var summary: String
    public var date: Date
    public var user: String
    public var note: String?
    public var files: [String]
    /// Files the change created (undo deletes them).
    public var created: [String]
    /// Files the change deleted (undo restores them).
    public var deleted: [String]
    /// The change this one reverts, when it is an undo (or a redo, which reverts an undo).
    public var undoes: String?
    /// The permission bits of the files that existed before the change: undoing it re-creates a file it deleted (a
    /// redo, one its undo deleted) with them, so an owner-only file of secrets never comes back readable by others.
    var modes: [String: mode_t] = [:]
    /// Changes a killed run left half written that this write put back before writing this one, in words (not kept).
    public var putBackFirst: [String] = []

    init(id: String = ChangeRecord.newID(), change: Change, note: String?, date: Date = Date()) {
        self.id = id
        self.summary = change.summary
        self.date = date
        self.user = Actor.current.user
        self.note = note
        self.files = change.edits.map(\.path)
        self.created = change.edits.filter(\.isNewFile).map(\.path)
        self.deleted = change.edits.filter(\.isDeletion).map(\.path)
        self.undoes = change.undoes
    }

    /// A sortable id: UTC time to the millisecond plus the pid, unique per home in practice.
    static func newID(now: Date = Date()) -> String {
        "\(Timestamp.compact(now))-\(getpid())"
    }

    /// The `change.txt` text kept in the history folder.
    var manifest: String {
        var text = "id: \(id)\ndate: \(Timestamp.iso(date))\nuser: \(user)\nsummary: \(summary.replacingOccurrences(of: "\n", with: " "))\n"
        if let note { text += "note: \(note.replacingOccurrences(of: "\n", with: " "))\n" }
        if let undoes { text += "undoes: \(undoes)\n" }
        for file in files {
            text += "file: \(file)\(created.contains(file) ? " (new)" : deleted.contains(file) ? " (deleted)" : "")\n"
        }
        for file in files { if let mode = modes[file] { text += "mode: \(String(mode, radix: 8)) \(file)\n" } }
        return text
    }

    /// Reads a manifest back; nil when it is not one.
    init?(manifest text: String) {
        var fields: [String: String] = [:]
        var files: [String] = [], created: [String] = [], deleted: [String] = []
        var modes: [String: mode_t] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]), value = String(line[line.index(after: colon)...]).trimmed
            if key == "file" {
                if value.hasSuffix(" (new)") { created.append(String(value.dropLast(6))) }
                if value.hasSuffix(" (deleted)") { deleted.append(String(value.dropLast(10))) }
                files.append(value.replacingOccurrences(of: " (new)", with: "").replacingOccurrences(of: " (deleted)", with: ""))
            } else if key == "mode", let space = value.firstIndex(of: " "), let mode = mode_t(value[..<space], radix: 8) {
                modes[String(value[value.index(after: space)...])] = mode
            } else {
                fields[key] = value
            }
        }
        guard let id = fields["id"], let summary = fields["summary"] else { return nil }
        self.id = id
        self.summary = summary
        self.date = fields["date"].flatMap(Timestamp.parseISO) ?? Date(timeIntervalSince1970: 0)
        self.user = fields["user"] ?? "?"
        self.note = fields["note"]
        self.files = files
        self.created = created
        self.deleted = deleted
        self.modes = modes
        // Undos written before the field existed say what they revert only in their summary.
        self.undoes = fields["undoes"] ?? Self.undoneID(inSummary: summary)
    }

    /// The id in an older undo's summary, "undo ID (what it reverted)".
    private static func undoneID(inSummary summary: String) -> String? {
        let rest = summary.dropFirst(5)
        guard summary.hasPrefix("undo "), let space = rest.firstIndex(of: " "), rest[space...].hasPrefix(" ("), space > rest.startIndex else { return nil }
        return String(rest[..<space])
    }
}

/// Date formats for ids, manifests and the audit log (UTC, fixed locale).
enum Timestamp {
    static func compact(_ date: Date) -> String { formatter("yyyyMMdd'T'HHmmss.SSS'Z'").string(from: date) }
    static func iso(_ date: Date) -> String { formatter("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").string(from: date) }
    static func parseISO(_ text: String) -> Date? { formatter("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").date(from: text) }

    private static func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        return f
    }
}

/// Who is making changes: the user, and the SSH connection when there is one.
struct Actor {
    let user: String
    let ssh: String?
    let host: String

    static var current: Actor {
        let env = ProcessInfo.processInfo.environment
        let user = env["USER"] ?? env["LOGNAME"] ?? getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? String(getuid())
        return Actor(user: user, ssh: env["SSH_CONNECTION"], host: ProcessInfo.processInfo.hostName)
    }
}
