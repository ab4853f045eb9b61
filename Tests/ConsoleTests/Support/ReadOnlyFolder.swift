import Foundation

/// Makes a folder tree unwritable for the test's duration: chmod for ordinary users; root ignores
/// modes, so there the folders are also made immutable with chattr, where the filesystem allows it.
final class ReadOnlyFolder {
    private let folders: [String]
    private var released = false

    /// True when a folder can really be made unwritable here (tried once on a scratch folder).
    static let isPossible: Bool = {
        let probe = NSTemporaryDirectory() + "/wssc-ro-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard let folder = try? ReadOnlyFolder(probe) else { return false }
        defer { folder.release() }
        return !FileManager.default.createFile(atPath: probe + "/x", contents: Data())
    }()

    init(_ root: String) throws {
        var folders = [root]
        for case let path as String in FileManager.default.enumerator(atPath: root) ?? FileManager.DirectoryEnumerator() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), isDirectory.boolValue {
                folders.append(root + "/" + path)
            }
        }
        self.folders = folders
        for folder in folders { chmod(folder, 0o555) }
        if geteuid() == 0 { _ = Self.run("/usr/bin/chattr", ["+i"] + folders) }
    }

    deinit { release() }

    func release() {
        guard !released else { return }
        released = true
        if geteuid() == 0 { _ = Self.run("/usr/bin/chattr", ["-i"] + folders) }
        for folder in folders { chmod(folder, 0o755) }
    }

    /// Runs a tool; nil when it cannot run or fails.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? 0 : nil
    }
}
