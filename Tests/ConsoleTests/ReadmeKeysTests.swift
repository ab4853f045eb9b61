import Foundation
import Testing
@testable import Console

/// The README's keys section is the key-binding tables, generated; this test keeps them from drifting.
/// `README_RECORD=1` rewrites the section from the tables.
@Suite struct ReadmeKeysTests {
    static let readme: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("README.md").path
    }()

    @Test func readmeKeysSectionMatchesTheTables() throws {
        let text = try String(contentsOfFile: Self.readme, encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- keys:begin (generated from the key-binding table; ConsoleTests checks it) -->\n"))
        let end = try #require(text.range(of: "<!-- keys:end -->", range: begin.upperBound..<text.endIndex))
        let generated = ConsoleKeys.keysMarkdown().trimmingCharacters(in: .newlines) + "\n"
        if ProcessInfo.processInfo.environment["README_RECORD"] == "1" {
            try (text[..<begin.upperBound] + generated + text[end.lowerBound...]).write(toFile: Self.readme, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(text[begin.upperBound..<end.lowerBound]) == generated, "run README_RECORD=1 swift test --filter ReadmeKeysTests")
    }
}
