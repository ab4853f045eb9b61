import Foundation

/// `.wssconsole/audit.log`: one line per change — when, who (and from where over SSH), what, and why.
struct AuditLog {
    let home: Home

    var path: String { FileSystem.join(home.root, ".wssconsole/audit.log") }

    /// Appends the record. The change is already written, so a failure here is reported on stderr, not thrown.
    func append(_ record: ChangeRecord) {
        let actor = Actor.current
        var line = "\(Timestamp.iso(record.date)) user=\(quoted(actor.user)) host=\(quoted(actor.host))"
        if let ssh = actor.ssh { line += " ssh=\(quoted(ssh))" }
        line += " change=\(record.id) summary=\(quoted(record.summary)) files=\(quoted(record.files.joined(separator: ",")))"
        if let note = record.note { line += " note=\(quoted(note))" }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else {
            FileHandle.standardError.write(Data("wssconsole: cannot append to \(path): \(FileSystem.errnoText())\n".utf8))
            return
        }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ") + "\""
    }
}
