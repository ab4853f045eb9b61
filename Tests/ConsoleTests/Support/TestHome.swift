import Foundation
import ServerHome

/// A private copy of the repository's demo home (conf/ and keystores/) in a temp folder, removed at the end.
/// Its path always has the same length, so screens that show it can be normalised for snapshots.
final class TestHome {
    /// What snapshots show instead of the real temp path (same length, so layouts do not shift).
    static let placeholder = "/tmp/wssc-XXXXXXXX"

    let root: String
    let home: Home

    /// - Parameters:
    ///   - readOnly: opens the copy as `--read-only` does.
    ///   - suffix: ends the folder's name (" it's" for a path a shell must have quoted); snapshots want none.
    ///   - prepare: changes the copy (its root given) before it is opened, e.g. into a Micro Integrator home.
    init(readOnly: Bool = false, suffix: String = "", prepare: (String) throws -> Void = { _ in }) throws {
        root = "/tmp/wssc-" + String(UInt32.random(in: 0x1000_0000...0xFFFF_FFFF), radix: 16) + suffix
        let files = FileManager.default
        try files.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["conf", "keystores"] {
            let source = Self.repositoryRoot + "/" + folder
            if files.fileExists(atPath: source) { try files.copyItem(atPath: source, toPath: root + "/" + folder) }
        }
        try prepare(root)
        home = try Home.open(root, readOnly: readOnly)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The repository root, found from this file's path (Tests/ConsoleTests/Support/TestHome.swift).
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: path(relative), atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) -> String? { try? String(contentsOfFile: path(relative), encoding: .utf8) }

    /// Every file under the home (relative paths) whose text contains `needle`.
    func files(containing needle: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }.filter { read($0)?.contains(needle) == true }.sorted()
    }

    /// `text` with the temp path replaced by `placeholder`.
    func normalise(_ text: String) -> String { text.replacingOccurrences(of: root, with: Self.placeholder) }
}
