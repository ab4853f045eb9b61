import Foundation
import Testing
@testable import Console

/// Why the console opens a home it may not write read-only, and what to do: "run as its owner" was said to the
/// owner of a home whose mode (0555) lets nobody write.
@Suite struct UnwritableHomeTests {
    @Test func theOwnerIsToldAboutTheModeAndOthersToRunAsTheOwner() throws {
        let root = NSTemporaryDirectory() + "wssc-unwritable-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { chmod(root, 0o755); try? FileManager.default.removeItem(atPath: root) }
        chmod(root, 0o555)
        #expect(ConsoleApp.howToWrite(root).contains("its mode (555)") && ConsoleApp.howToWrite(root).contains("chmod u+w \(root)"))
        chown(root, 65534, 65534)
        #expect(ConsoleApp.howToWrite(root) == "run as its owner to make changes")
    }
}
