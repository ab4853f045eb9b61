import Foundation

/// What a file or folder looked like when last seen: enough to notice that it was written, replaced (a rename over it,
/// as every wssconsole write does), created or removed, without reading it.
struct FileStamp: Equatable, Sendable {
    var modified: timespec
    var size: Int
    var inode: UInt

    /// The stamp of `path` now; nil when it does not exist (or cannot be looked at).
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        modified = info.st_mtim
        size = Int(info.st_size)
        inode = UInt(info.st_ino)
    }

    static func == (a: FileStamp, b: FileStamp) -> Bool {
        a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec && a.size == b.size && a.inode == b.inode
    }
}

/// The stamps of a set of files, taken at once and compared later: one stat per file, nothing read.
struct FileStamps: Sendable {
    private let stamps: [String: FileStamp?]

    init(_ paths: some Sequence<String>) {
        stamps = Dictionary(paths.map { ($0, FileStamp($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The paths whose stamp differs now, sorted.
    func changedPaths() -> [String] {
        stamps.filter { path, stamp in FileStamp(path) != stamp }.keys.sorted()
    }
}
