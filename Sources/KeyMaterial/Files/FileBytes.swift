import Foundation

/// Reads a whole file with POSIX calls. Foundation's readers (`FileManager.contents(atPath:)`, `Data(contentsOf:)`,
/// `String(contentsOfFile:)`) keep 4 KB for good each time they read an empty file (Swift 6.3 on Linux), and the
/// console reads the home's files again on every change it validates. Here because every module that reads
/// configuration depends on KeyMaterial.
public enum FileBytes {
    /// The file's bytes; nil when it cannot be opened or read (missing, a folder, no permission).
    public static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { return nil }
        // The size is a hint only: files of /proc say 0, and a file may grow while it is read.
        return read(descriptor: descriptor, sizeHint: Int(max(info.st_size, 0)))?.bytes
    }

    /// What an open descriptor holds, read to its end, keeping at most `limit` bytes: past it the rest is counted, not
    /// kept, and `total` says how many there were. Nil when a read fails.
    public static func read(descriptor: Int32, keepingAtMost limit: Int = .max, sizeHint: Int = 0) -> (bytes: [UInt8], total: Int)? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(min(sizeHint, limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return (bytes, total) }
            total += count
            if total <= limit { bytes.append(contentsOf: chunk[..<count]) } else if !bytes.isEmpty { bytes = [] }
        }
    }
}
