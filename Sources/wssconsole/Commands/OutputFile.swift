import Foundation

/// The one way a command writes a file the operator named (`--out`, a message's OUT, `xml ... --out`).
enum OutputFile {
    /// A regular or new file is replaced atomically (a temporary file renamed over it), so no reader sees half of it.
    /// A device, pipe or socket (/dev/null, /dev/stdout, a FIFO) is written to instead: renaming over it would
    /// replace the device itself, and as root a `/dev/null` argument would leave a regular file in /dev. A symbolic
    /// link is followed, as a shell's redirection does, not replaced. A replaced file keeps its mode; a new one is
    /// owner-only (a decrypted message may hold anything), or 0644 when `isPublic` (a certificate, a request), whatever
    /// the umask.
    static func write(_ data: Data, to path: String, isPublic: Bool = false) throws {
        var target = path
        if let real = realpath(path, nil) {
            target = String(cString: real)
            free(real)
        }
        var info = stat()
        // The rename replaces a file whatever its mode, and root ignores modes: write protection is honoured here.
        if stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & S_IWUSR == 0 {
            throw OperationFailed(message: "\(path) is read-only (mode \(String(info.st_mode & 0o777, radix: 8))): it was not replaced",
                                  fix: "chmod u+w \(path), or write to another file")
        }
        if stat(target, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            let descriptor = open(target, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure(path) }
            defer { close(descriptor) }
            let written = data.withUnsafeBytes { writeAll(descriptor, $0) }
            guard written else { throw failure(path) }
            return
        }
        let mode = stat(target, &info) == 0 ? info.st_mode & 0o7777 : (isPublic ? 0o644 : 0o600)
        try replace(target, with: data, mode: mode, named: path)
    }

    /// Writes a temporary file beside `target` with `mode`, flushed, and renames it over `target`.
    private static func replace(_ target: String, with data: Data, mode: mode_t, named path: String) throws {
        let folder = (target as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.wssconsole-out-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure(path) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let written = fchmod(descriptor, mode) == 0 && data.withUnsafeBytes { writeAll(descriptor, $0) } && fsync(descriptor) == 0
        let error = errno
        close(descriptor)
        guard written, rename(temporary, target) == 0 else {
            let renameError = errno
            unlink(temporary)
            errno = written ? renameError : error
            throw failure(path)
        }
    }

    private static func failure(_ path: String) -> OperationFailed {
        OperationFailed(message: "cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
