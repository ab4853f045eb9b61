import Foundation
import Testing

/// An audit log that cannot take a change's line (here the file size limit, as a full disk would): the change is made
/// and recorded, the log keeps no torn line, and the next write adds the missing line, so the log matches the history.
@Suite struct AuditLogFullTests {
    @Test func aLineTheLogCouldNotTakeIsWrittenByTheNextChange() throws {
        let home = try TempHome()
        let log = home.root + "/.wssconsole/audit.log"
        try FileManager.default.createDirectory(atPath: home.root + "/.wssconsole", withIntermediateDirectories: true)
        // 10 bytes short of the 100 KiB limit below: the line's first 10 bytes fit, the rest does not.
        let padding = Data(repeating: UInt8(ascii: "#"), count: 102_400 - 11) + Data("\n".utf8)
        try padding.write(to: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // SIGXFSZ ignored, so writing past the limit fails with EFBIG instead of killing the run.
        process.arguments = ["-c", "trap '' XFSZ; exec prlimit --fsize=102400 \"$0\" \"$@\"", CLI.path,
                             "apply", "--service", "OrderProxy", "--scenario", "5", "--home", home.root]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("cannot append to \(log)") && stderr.contains("the next change writes its line"), "\(stderr)")
        #expect(FileManager.default.contents(atPath: log) == padding)
        let listed = try CLI.run(["history", "--home", home.root])
        let id = try #require(listed.stdout.split(separator: " ").first.map(String.init))
        #expect(listed.stdout.contains("scenario 5"))
        #expect(FileManager.default.fileExists(atPath: home.root + "/.wssconsole/history/\(id)/change.txt"))

        // Room again (the log rotated): the next change logs the missing line first, then its own.
        try Data().write(to: URL(fileURLWithPath: log))
        #expect(try CLI.run(["krb5", "set-default-realm", "NEXT.ORG", "--home", home.root]).status == 0)
        let lines = try #require(home.text(".wssconsole/audit.log")).split(separator: "\n")
        #expect(lines.count == 2 && lines[0].contains("change=\(id) ") && lines[1].contains("NEXT.ORG"), "\(lines)")
        #expect(lines[0].contains("logged late"))
        #expect(!FileManager.default.fileExists(atPath: home.root + "/.wssconsole/history/\(id)/unlogged"))
    }
}
