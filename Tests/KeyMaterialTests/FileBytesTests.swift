import Foundation
import Testing
@testable import KeyMaterial

/// FileBytes reads what Foundation reads, without keeping 4 KB for good on every empty file (Foundation's readers do,
/// Swift 6.3 on Linux), which a console validating the home's files on every change would keep adding up.
@Suite struct FileBytesTests {
    let folder = NSTemporaryDirectory() + "wssconsole-filebytes-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

    @Test func readsWhatIsThereAndNothingElse() throws {
        let large = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(large).write(to: URL(fileURLWithPath: folder + "/large"))
        #expect(FileBytes.read(folder + "/large") == large)
        FileManager.default.createFile(atPath: folder + "/empty", contents: nil)
        #expect(FileBytes.read(folder + "/empty") == [])
        #expect(FileBytes.read(folder + "/missing") == nil)
        #expect(FileBytes.read(folder) == nil)
        // A file whose size says 0 but that has content, as those of /proc.
        #expect(FileBytes.read("/proc/self/status").map { String(decoding: $0, as: UTF8.self).contains("VmRSS:") } == true)
    }

    /// 50,000 reads of an empty file: Foundation's readers grow resident memory by about 200 MB here.
    @Test func anEmptyFileCostsNothingToRead() throws {
        let empty = folder + "/empty"
        FileManager.default.createFile(atPath: empty, contents: nil)
        let before = try Self.residentKilobytes()
        for _ in 0..<50_000 { _ = FileBytes.read(empty) }
        let grown = try Self.residentKilobytes() - before
        #expect(grown < 64 * 1024, "resident memory grew by \(grown) kB")
    }

    static func residentKilobytes() throws -> Int {
        let status = String(decoding: try #require(FileBytes.read("/proc/self/status")), as: UTF8.self)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ")[1]))
    }
}
