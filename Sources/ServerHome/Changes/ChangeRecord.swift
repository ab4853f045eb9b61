import Foundation

/// A change as written: its id (the name of its history folder), what it did and which files it touched.
public struct ChangeRecord: Sendable, Equatable {
    public var id: String
    public var summary: String
    public var date: Date
    public var files: [String]

    /// A sortable id: UTC time to the millisecond plus the pid, unique per home in practice.
    static func newID(now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return "\(formatter.string(from: now))-\(getpid())"
    }

    func manifest(newFiles: [String]) -> String {
        var text = "id: \(id)\nsummary: \(summary)\nuser: \(ProcessInfo.processInfo.environment["USER"] ?? String(getuid()))\n"
        text += files.map { "file: \($0)\(newFiles.contains($0) ? " (new)" : "")\n" }.joined()
        return text
    }
}
