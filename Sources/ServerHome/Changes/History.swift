import Foundation

/// The home's history folder: one folder per change with the files' previous (`before/`) and new (`after/`)
/// versions and a manifest. Owner-only: earlier versions of files can hold secrets.
///
/// The manifest is `pending.txt` while the change is being written and becomes `change.txt` (one rename) once every
/// file is in place: a run killed in between leaves a pending record, never a change history claims was made.
/// `InterruptedChanges` settles such records at the next write.
struct History {
    let home: Home

    /// The way back to a file a change broke or removed, as the fixes of the CLI and validation say it.
    static func undoFix(_ what: String = "broke it") -> String {
        "undo the change that \(what) (wssconsole history lists them; wssconsole undo ID)"
    }

    var root: String { home.historyPath }

    static let manifest = "change.txt"
    static let pendingManifest = "pending.txt"
    static let unloggedMarker = "unlogged"

    /// Keeps the versions and the pending manifest of a change about to be written.
    func keep(_ change: Change, record: ChangeRecord) throws(HomeError) {
        let dir = FileSystem.join(root, record.id)
        do throws(HomeError) {
            try FileSystem.createPrivateDirectories(dir, under: home.root)
            chmod(root, 0o700)
            for edit in change.edits {
                for (side, bytes) in [("before", edit.before), ("after", edit.after)] {
                    guard let bytes else { continue }
                    let target = FileSystem.join(FileSystem.join(dir, side), edit.path)
                    try FileSystem.createPrivateDirectories((target as NSString).deletingLastPathComponent, under: home.root)
                    try FileSystem.replace(target, with: FileSystem.writeTemporary(besides: target, bytes: bytes, mode: 0o600))
                }
            }
            let manifest = FileSystem.join(dir, Self.pendingManifest)
            try FileSystem.replace(manifest, with: FileSystem.writeTemporary(besides: manifest, bytes: Array(record.manifest.utf8), mode: 0o600))
        } catch {
            FileSystem.removeTree(dir)
            throw HomeError(.writeFailed, "Cannot keep history in \(dir): \(error.message)",
                            fix: "Nothing was changed. Free some space (df \(home.root)) or make the home writable, then retry.")
        }
    }

    /// Marks the change `id` as made: its files are all in place.
    func complete(_ id: String) throws(HomeError) {
        let dir = FileSystem.join(root, id)
        guard rename(FileSystem.join(dir, Self.pendingManifest), FileSystem.join(dir, Self.manifest)) == 0 else {
            throw HomeError(.writeFailed, "Cannot record change \(id) in \(dir): \(FileSystem.errnoText())")
        }
        FileSystem.syncDirectory(dir)
    }

    /// Notes that change `id` was made but the audit log could not take its line (full disk): a later write adds it.
    func markUnlogged(_ id: String) {
        let fd = open(FileSystem.join(root, "\(id)/\(Self.unloggedMarker)"), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd >= 0 { close(fd) }
    }

    /// The line of change `id` is in the audit log now.
    func markLogged(_ id: String) {
        unlink(FileSystem.join(root, "\(id)/\(Self.unloggedMarker)"))
    }

    /// The recorded changes whose audit line is missing.
    func unlogged() -> [ChangeRecord] {
        FileSystem.list(root).filter { !$0.hasPrefix(".") && FileSystem.exists(FileSystem.join(root, "\($0)/\(Self.unloggedMarker)")) }
            .compactMap { manifest(of: $0, Self.manifest) ?? manifest(of: $0, Self.pendingManifest) }
    }

    /// Forgets a change (one that was not made, or that the operator forgets).
    func discard(_ id: String) {
        FileSystem.removeTree(withdraw(id))
    }

    /// Takes change `id` out of the history in one rename, to a hidden folder the caller then removes: a run killed
    /// while removing it leaves no half-removed change that history lists but cannot undo, and the next write
    /// removes the rest. Returns the folder to remove.
    func withdraw(_ id: String) -> String {
        let dir = FileSystem.join(root, id)
        guard !id.hasPrefix(".") else { return dir }
        let hidden = FileSystem.join(root, ".forgotten-" + id)
        guard rename(dir, hidden) == 0 else { return dir }
        FileSystem.syncDirectory(root)
        return hidden
    }

    /// Throws when the history exists but cannot be read (a home of another user, a changed mode): listing it as
    /// empty would tell the operator there is nothing to undo.
    func checkReadable() throws(HomeError) {
        var st = stat()
        if lstat(root, &st) == 0 {
            if st.st_mode & S_IFMT != S_IFDIR { errno = ENOTDIR } else if access(root, R_OK | X_OK) == 0 { return }
        } else if errno == ENOENT {
            return
        }
        let reason = FileSystem.errnoText()
        // Whose it is: the history's owner, or that of .wssconsole when the history itself cannot be looked at.
        let owned = stat(root, &st) == 0 || stat((root as NSString).deletingLastPathComponent, &st) == 0
        let owner = owned && st.st_uid != getuid() ? getpwuid(st.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(st.st_uid)" : nil
        throw HomeError(.homeUnreadable, "Cannot read the history \(root): \(reason)",
                        fix: (owner.map { "It belongs to \($0): run wssconsole as that user, or " } ?? "") + "check the permissions (ls -ld \(root)).")
    }

    /// Every recorded change, newest first; a change a killed run left pending counts when all its files are in place.
    func records() -> [ChangeRecord] {
        FileSystem.list(root).reversed().filter { !$0.hasPrefix(".") }.compactMap { id in
            if let record = manifest(of: id, Self.manifest) { return record }
            guard let pending = manifest(of: id, Self.pendingManifest), state(of: pending) == .written else { return nil }
            return pending
        }
    }

    /// The folders of the history whose change was never completed, with their pending record when there is one, and
    /// those of forgotten changes a killed run did not finish removing.
    func incomplete() -> [(id: String, record: ChangeRecord?)] {
        FileSystem.list(root).filter { FileSystem.isDirectory(FileSystem.join(root, $0)) && ($0.hasPrefix(".") || manifest(of: $0, Self.manifest) == nil) }
            .map { ($0, $0.hasPrefix(".") ? nil : manifest(of: $0, Self.pendingManifest)) }
    }

    private func manifest(of id: String, _ name: String) -> ChangeRecord? {
        FileSystem.read(FileSystem.join(root, "\(id)/\(name)")).flatMap { ChangeRecord(manifest: String(decoding: $0, as: UTF8.self)) }
    }

    /// How far a pending change got, from what its files hold now.
    enum State: Equatable {
        /// Every file holds the change's new version.
        case written
        /// No file was replaced.
        case notWritten
        /// Some files were replaced, the others not (these paths hold the new version).
        case partly([String])
        /// A file holds neither version: edited since, by something else.
        case diverged
    }

    func state(of record: ChangeRecord) -> State {
        var replaced: [String] = [], kept = 0
        for path in record.files {
            let current = FileSystem.read(FileSystem.join(home.root, path))
            if current == wrote(path, record) {
                replaced.append(path)
            } else if current == previous(path, record) {
                kept += 1
            } else {
                return .diverged
            }
        }
        return kept == 0 ? .written : replaced.isEmpty ? .notWritten : .partly(replaced)
    }

    /// What change `record` wrote to `path` (nil: deleted it).
    func wrote(_ path: String, _ record: ChangeRecord) -> [UInt8]? {
        record.deleted.contains(path) ? nil : version(of: path, in: record.id, side: "after")
    }

    /// What `path` held before change `record` (nil: it did not exist).
    func previous(_ path: String, _ record: ChangeRecord) -> [UInt8]? {
        record.created.contains(path) ? nil : version(of: path, in: record.id, side: "before")
    }

    /// A file's version kept for a change (`before` or `after`).
    func version(of path: String, in id: String, side: String) -> [UInt8]? {
        FileSystem.read(FileSystem.join(root, "\(id)/\(side)/\(path)"))
    }

    /// The change that puts back what `record` changed, described by `summary`; refused when a file changed again since
    /// (or another service uses a policy file it would write; one it would delete is kept).
    func planRevert(_ record: ChangeRecord, summary: String) throws(HomeError) -> Change {
        var edits: [FileEdit] = []
        for path in record.files {
            let current = FileSystem.read(FileSystem.join(home.root, path))
            let wrote = record.deleted.contains(path) ? nil : version(of: path, in: record.id, side: "after")
            guard current == wrote else { throw changedAgain(path, after: record) }
            let previous = record.created.contains(path) ? nil : version(of: path, in: record.id, side: "before")
            if !record.created.contains(path) && previous == nil {
                throw HomeError(.undoConflict, "The history of \(record.id) lacks the previous version of \(path)")
            }
            var edit = FileEdit(path: path, before: current, after: previous)
            edit.mode = record.modes[path]
            edits.append(edit)
        }
        return try SharedPolicies(home: home).settle(Change(summary: summary, edits: edits, undoes: record.id))
    }

    /// Why `path` no longer holds what change `record` wrote: a later change the history lists (undo it first), one
    /// since forgotten, which history no longer lists and which cannot be undone, or an edit outside wssconsole.
    private func changedAgain(_ path: String, after record: ChangeRecord) -> HomeError {
        let what = "\(path) changed again after change \(record.id)"
        if let later = records().first(where: { $0.id > record.id && $0.files.contains(path) }) {
            return HomeError(.undoConflict, "\(what): change \(later.id) (\(later.summary)) changed it later",
                             fix: "Undo the later changes first (wssconsole history lists them), or edit the file by hand.")
        }
        if let forgotten = AuditLog(home: home).forgotten().last(where: { $0.id > record.id && $0.files.contains(path) }) {
            return HomeError(.undoConflict, "\(what): change \(forgotten.id) (\(forgotten.summary)) changed it later and was forgotten (history --forget)",
                             fix: "It cannot be undone: edit the file by hand, or apply again.")
        }
        return HomeError(.undoConflict, "\(what), by no change the history lists or forgot: edited by hand or by another tool",
                         fix: "Edit the file by hand, or apply again.")
    }
}
