import Foundation
@testable import ServerHome

/// A private copy of the repository's demo home in a temporary folder, removed when the test ends.
final class TestHome {
    let root: String
    let home: Home

    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    init() throws {
        root = NSTemporaryDirectory() + "wssconsole-test-" + UUID().uuidString
        home = try DemoHome.prepare(source: Self.repository, at: root)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    func text(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(relative)))
    }
}
