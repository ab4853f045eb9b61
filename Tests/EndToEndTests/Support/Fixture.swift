import Foundation

/// The binary under test and a private copy of the demo home.
enum Fixture {
    /// The repository root, from this file's path (Tests/EndToEndTests/Support/Fixture.swift).
    static let repositoryRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `wssconsole` from the build that produced this test bundle (same folder), so a run with
    /// `--scratch-path .build-tui` tests that build's binary; falls back to `.build/debug`.
    /// WSSCONSOLE_BINARY overrides both (to test an installed or release binary).
    static var binary: String? {
        if let chosen = ProcessInfo.processInfo.environment["WSSCONSOLE_BINARY"], !chosen.isEmpty { return chosen }
        let candidates = [Bundle.main.executableURL?.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: repositoryRoot + "/.build/debug")]
        return candidates.compactMap { $0?.appendingPathComponent("wssconsole").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A copy of conf/ and keystores/ in a new temp folder.
    static func makeHome() throws -> String {
        let root = NSTemporaryDirectory() + "/wssc-e2e-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["conf", "keystores"] where FileManager.default.fileExists(atPath: repositoryRoot + "/" + folder) {
            try FileManager.default.copyItem(atPath: repositoryRoot + "/" + folder, toPath: root + "/" + folder)
        }
        return root
    }

    /// Single-quoted for the shell tmux runs the command with.
    static func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The command line tmux runs: the binary on a home.
    static func command(home: String) throws -> String {
        guard let binary else { throw Run.Failed(description: "wssconsole is not built; run swift build first") }
        return shellQuoted(binary) + " --home " + shellQuoted(home)
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// Relative paths of the files under `root` whose text contains `needle`.
    static func files(under root: String, containing needle: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: root)
        return (walker?.allObjects as? [String] ?? []).filter { read(root + "/" + $0)?.contains(needle) == true }.sorted()
    }
}
