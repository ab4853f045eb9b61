import Foundation
import KeyMaterial

/// The few file operations the administration layer needs, with the durability the change path relies on.
enum FileSystem {
    static func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    static func join(_ base: String, _ relative: String) -> String {
        relative.isEmpty ? base : (base.hasSuffix("/") ? base + relative : base + "/" + relative)
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
    }

    static func isReadableDirectory(_ path: String) -> Bool {
        isDirectory(path) && access(path, R_OK | X_OK) == 0
    }

    static func read(_ path: String) -> [UInt8]? {
        FileBytes.read(path)
    }

    /// File names in a folder, sorted; empty when it does not exist.
    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// Creates `path` and the folders leading to it, never writable by group or others whatever the umask (anyone
    /// could replace a policy in a world-writable folder); a stricter umask still narrows them.
    static func createDirectories(_ path: String) throws(HomeError) {
        guard !isDirectory(path) else { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try createDirectories(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw HomeError(.writeFailed, "Cannot create \(path): \(errnoText())", fix: "Check the permissions of \(parent) (ls -ld \(parent)).")
        }
        giveToFolderOwner(path)
    }

    /// Root creating a file or folder in another user's home gives it to the owner of the folder it is in, as a
    /// replaced file keeps its owner: the server's own user must still read a new policy or secrets file, and use
    /// wssconsole on its home after root did. (Not root, chown gives nothing away and fails harmlessly.)
    static func giveToFolderOwner(_ path: String, fd: Int32? = nil) {
        var folder = stat()
        guard geteuid() == 0, stat((path as NSString).deletingLastPathComponent, &folder) == 0, folder.st_uid != 0 else { return }
        if let fd { _ = fchown(fd, folder.st_uid, folder.st_gid) } else { _ = lchown(path, folder.st_uid, folder.st_gid) }
    }

    static func createDirectories(forFile path: String) throws(HomeError) {
        try createDirectories((path as NSString).deletingLastPathComponent)
    }

    /// Creates `path` and the folders leading to it below `base` owner-only (0700), whatever the umask, refusing a
    /// symbolic link on the way: the home's own folder (`.wssconsole`) holds earlier versions of secrets and the lock.
    static func createPrivateDirectories(_ path: String, under base: String) throws(HomeError) {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard path.hasPrefix(prefix) else { return try createDirectories(path) }
        var current = String(prefix.dropLast())
        for component in path.dropFirst(prefix.count).split(separator: "/") {
            current += "/" + component
            var st = stat()
            if lstat(current, &st) == 0 {
                if st.st_mode & S_IFMT == S_IFLNK { throw symlinkRefused(current) }
                guard st.st_mode & S_IFMT == S_IFDIR else {
                    throw HomeError(.writeFailed, "\(current) is a file, not a folder: wssconsole keeps its lock and history in that folder",
                                    fix: "Move the file away (mv \(current) \(current).old); wssconsole creates the folder again.")
                }
                continue
            }
            guard mkdir(current, 0o700) == 0 || errno == EEXIST else {
                throw HomeError(.writeFailed, "Cannot create \(current): \(errnoText())",
                                fix: "Check the permissions of \((current as NSString).deletingLastPathComponent).")
            }
            // mkdir's mode passes through the umask; the explicit chmod does not.
            chmod(current, 0o700)
            giveToFolderOwner(current)
        }
    }

    /// Opens one of the home's own files (lock, audit log) without following a symbolic link, creating it 0600.
    static func openPrivate(_ path: String, flags: Int32) throws(HomeError) -> Int32 {
        let fd = open(path, flags | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            if errno == ELOOP { throw symlinkRefused(path) }
            throw HomeError(.readOnly, "Cannot open \(path): \(errnoText())",
                            fix: "The home is not writable by you; open it with --read-only.")
        }
        giveToFolderOwner(path, fd: fd)
        return fd
    }

    /// A symbolic link where wssconsole keeps its own files would make it write wherever the link points.
    static func symlinkRefused(_ path: String) -> HomeError {
        HomeError(.writeFailed, "\(path) is a symbolic link; wssconsole does not follow it (it would write where the link points)",
                  fix: "Remove the link (rm \(path)); wssconsole creates its own file again.")
    }

    /// True for a name `writeTemporary` makes (`.NAME.tmp-XXXXXX`): a write in progress, or one a killed run left.
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards) else { return false }
        return name.distance(from: range.upperBound, to: name.endIndex) == 6 && range.lowerBound > name.index(after: name.startIndex)
    }

    /// Removes the temporaries that runs killed mid-write left in `dir`, when older than `since` (call it holding the
    /// home's lock: no live writer has one in progress then).
    static func removeOrphanTemporaries(in dir: String, olderThan since: Date) {
        for name in list(dir) where isTemporaryName(name) {
            let path = join(dir, name)
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG,
                  Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9 < since.timeIntervalSince1970 else { continue }
            unlink(path)
        }
    }

    /// Deletes a folder and all it holds (a history folder a killed run left incomplete).
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Deletes a file and flushes its folder.
    static func remove(_ path: String) throws(HomeError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw HomeError(.writeFailed, "Cannot delete \(path): \(errnoText())")
        }
        syncDirectory((path as NSString).deletingLastPathComponent)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// Writes `bytes` to a new temporary file beside `path`, flushed to disk; returns the temporary path.
    static func writeTemporary(besides path: String, bytes: [UInt8], mode: mode_t) throws(HomeError) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array("\(dir)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard fd >= 0 else {
            throw HomeError(.writeFailed, "Cannot write in \(dir): \(errnoText())", fix: "Check that the folder exists and is writable (ls -ld \(dir)).")
        }
        defer { close(fd) }
        fchmod(fd, mode)
        // A file replaced keeps its owner and group: root editing a Micro Integrator home must not leave a keystore
        // or deployment.toml that the server's own user can no longer read. (Not root, chown gives nothing away.)
        var existing = stat()
        if stat(path, &existing) == 0 { _ = fchown(fd, existing.st_uid, existing.st_gid) } else { giveToFolderOwner(path, fd: fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                let text = errnoText()
                unlink(temp)
                throw HomeError(.writeFailed, "Cannot write \(temp): \(text)", fix: "Check free space and permissions.")
            }
            offset += n
        }
        guard fsync(fd) == 0 else {
            let text = errnoText()
            unlink(temp)
            throw HomeError(.writeFailed, "Cannot flush \(temp): \(text)")
        }
        return temp
    }

    /// Renames `temp` over `path`, then flushes the folder so the rename itself survives a crash.
    static func replace(_ path: String, with temp: String) throws(HomeError) {
        guard rename(temp, path) == 0 else {
            let text = errnoText()
            unlink(temp)
            throw HomeError(.writeFailed, "Cannot replace \(path): \(text)")
        }
        syncDirectory((path as NSString).deletingLastPathComponent)
    }

    static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// The permission bits of an existing file.
    static func mode(of path: String) -> mode_t? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }
}
