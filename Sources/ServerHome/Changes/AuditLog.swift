import Foundation

/// `.wssconsole/audit.log`: one line per change — when, who (and from where over SSH), what, and why.
struct AuditLog {
    let home: Home

    var path: String { FileSystem.join(home.root, ".wssconsole/audit.log") }

    /// Opens the log for appending (creating it 0600), before anything of a change is written: a log that cannot be
    /// opened, or that is a symbolic link, refuses the change rather than letting it go unrecorded or written elsewhere.
    func open() throws(HomeError) -> Appender {
        try FileSystem.createPrivateDirectories((path as NSString).deletingLastPathComponent, under: home.root)
        return Appender(fd: try FileSystem.openPrivate(path, flags: O_WRONLY | O_APPEND), path: path)
    }

    /// Whether the log already has the line of change `id` (a change recorded after an interrupted run may have it).
    func mentions(_ id: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        return FileSystem.read(path).map { String(decoding: $0, as: UTF8.self).contains(" change=\(id) ") } ?? false
    }

    /// The changes forgotten (`history --forget`), oldest first, from their lines: a change that can no longer be
    /// undone, which undo names when one of them changed a file again.
    func forgotten() -> [(id: String, summary: String, files: [String])] {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, let bytes = FileSystem.read(path) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = Self.fields(of: line)
            guard let id = fields["forgot"] else { return nil }
            return (id, fields["summary"] ?? "", fields["files"].map { $0.split(separator: ",").map(String.init) } ?? [])
        }
    }

    /// A line's `key=value` and `key="quoted value"` fields, unquoted.
    static func fields(of line: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        var rest = line[...]
        while let equals = rest.firstIndex(of: "=") {
            let key = String(rest[..<equals].split(separator: " ").last ?? "")
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let c = rest.popFirst(), c != "\"" { value.append(c == "\\" ? rest.popFirst() ?? c : c) }
            } else {
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                value = String(rest[..<end])
                rest = rest[end...]
            }
            fields[key] = value
        }
        return fields
    }

    /// The line of `record`: when, who (and from where), what and why.
    func line(_ record: ChangeRecord) -> String {
        let actor = Actor.current
        var line = "\(Timestamp.iso(record.date)) user=\(quoted(actor.user)) host=\(quoted(actor.host))"
        if let ssh = actor.ssh { line += " ssh=\(quoted(ssh))" }
        line += " change=\(record.id) summary=\(quoted(record.summary)) files=\(quoted(record.files.joined(separator: ",")))"
        if let note = record.note { line += " note=\(quoted(note))" }
        return line
    }

    /// The line saying change `record` was forgotten: its kept versions removed from the history.
    func forgetLine(_ record: ChangeRecord, note: String?) -> String {
        eventLine("forgot", record, files: record.files, note: note)
    }

    /// The line saying the half-written change `record` was rolled back: `files` put back as they were before it.
    func rollbackLine(_ record: ChangeRecord, files: [String]) -> String {
        eventLine("rolledback", record, files: files, note: "the run that made it was interrupted between two files")
    }

    private func eventLine(_ event: String, _ record: ChangeRecord, files: [String], note: String?) -> String {
        let actor = Actor.current
        var line = "\(Timestamp.iso(Date())) user=\(quoted(actor.user)) host=\(quoted(actor.host))"
        if let ssh = actor.ssh { line += " ssh=\(quoted(ssh))" }
        line += " \(event)=\(record.id) summary=\(quoted(record.summary)) files=\(quoted(files.joined(separator: ",")))"
        if let note { line += " note=\(quoted(note))" }
        return line
    }

    /// The open log.
    final class Appender {
        private var fd: Int32
        let path: String

        init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
        }
        deinit { if fd >= 0 { close(fd) } }

        /// Appends one line in one write; false when the log cannot take it (full disk, file size limit), and then
        /// nothing of the line stays in it. The change is already written, so the failure is told on stderr.
        @discardableResult
        func append(_ line: String) -> Bool {
            let bytes = Array((line + "\n").utf8)
            var st = stat()
            let size = fstat(fd, &st) == 0 ? st.st_size : nil
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == bytes.count else {
                let reason = written < 0 ? FileSystem.errnoText() : "only \(written) of \(bytes.count) bytes written"
                // A torn line would run into the next one.
                if written > 0, let size { ftruncate(fd, size) }
                FileHandle.standardError.write(Data("wssconsole: cannot append to \(path): \(reason)\n".utf8))
                return false
            }
            fsync(fd)
            return true
        }
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ") + "\""
    }
}
