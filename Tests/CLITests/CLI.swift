import Foundation
import TestSupport

/// The built binary, shared with the other test targets.
typealias CLI = WSSConsoleBinary

/// A temporary copy of the demo home for one test.
final class TempHome {
    let root: String

    /// `suffix` ends the folder's name (" it's", for a path a shell must have quoted).
    init(suffix: String = "") throws {
        root = NSTemporaryDirectory() + "wssconsole-cli-" + UUID().uuidString + suffix
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["conf", "keystores"] {
            try FileManager.default.copyItem(atPath: CLI.repository + "/" + folder, toPath: root + "/" + folder)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func data(_ relative: String) -> Data? { FileManager.default.contents(atPath: root + "/" + relative) }

    func text(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }
}
