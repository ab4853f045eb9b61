import Foundation
import Testing

/// Compares screen text with a golden file in Snapshots/. With SNAPSHOT_RECORD=1 the golden file is
/// written into the source tree instead (then review it with git diff and run again without the variable).
enum Snapshot {
    static var recording: Bool { ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" }

    static var sourceFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Snapshots").path
    }

    /// The golden text: from the source tree when it is there (a bundle copy is stale right after
    /// recording until the next build), else from the test bundle's resources.
    static func expected(_ name: String) -> String? {
        if let text = try? String(contentsOfFile: sourceFolder + "/\(name).txt", encoding: .utf8) { return text }
        guard let url = Bundle.module.url(forResource: "Snapshots/\(name)", withExtension: "txt") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    static func assert(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if recording {
            let path = sourceFolder + "/\(name).txt"
            do { try actual.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                Issue.record("cannot record \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = expected(name) else {
            Issue.record("no snapshot \(name).txt; run with SNAPSHOT_RECORD=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            Issue.record("screen differs from Snapshots/\(name).txt:\n--- expected\n\(expected)--- actual\n\(actual)",
                         sourceLocation: sourceLocation)
        }
    }
}
