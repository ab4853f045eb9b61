import Foundation

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
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// File names in a folder, sorted; empty when it does not exist.
    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    static func createDirectories(_ path: String) throws(HomeError) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw HomeError(.writeFailed, "Cannot create \(path): \(error.localizedDescription)",
                            fix: "Check the permissions of \((path as NSString).deletingLastPathComponent).")
        }
    }

    static func createDirectories(forFile path: String) throws(HomeError) {
        try createDirectories((path as NSString).deletingLastPathComponent)
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
