import Foundation

/// The one way a command writes a file the operator named (`--out`, a message's OUT, `xml ... --out`).
enum OutputFile {
    /// A regular or new file is replaced atomically (a temporary file renamed over it), so no reader sees half of it.
    /// A device, pipe or socket (/dev/null, /dev/stdout, a FIFO) is written to instead: renaming over it would
    /// replace the device itself, and as root a `/dev/null` argument would leave a regular file in /dev. A symbolic
    /// link is followed, as a shell's redirection does, not replaced.
    static func write(_ data: Data, to path: String) throws {
        var target = path
        if let real = realpath(path, nil) {
            target = String(cString: real)
            free(real)
        }
        var info = stat()
        // The rename replaces a file whatever its mode, and root ignores modes: write protection is honoured here.
        if stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & S_IWUSR == 0 {
            throw OperationFailed(message: "\(path) is read-only (mode \(String(info.st_mode & 0o777, radix: 8))): it was not replaced"
                                  + "\n  fix: chmod u+w \(path), or write to another file")
        }
        if stat(target, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            let descriptor = open(target, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure(path) }
            defer { close(descriptor) }
            let written = data.withUnsafeBytes { writeAll(descriptor, $0) }
            guard written else { throw failure(path) }
            return
        }
        do { try data.write(to: URL(fileURLWithPath: target), options: .atomic) } catch {
            throw OperationFailed(message: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    private static func failure(_ path: String) -> OperationFailed {
        OperationFailed(message: "cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
