import Foundation
import Testing

/// Writes that fail for want of space, made to fail deterministically with a file size limit (EFBIG, as ENOSPC would).
@Suite struct FullDiskTests {
    /// Runs wssconsole with `arguments` under a file size limit of `bytes`; returns its status and standard error.
    func runLimited(_ bytes: Int, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // SIGXFSZ ignored, so writing past the limit fails with EFBIG instead of killing the run.
        process.arguments = ["-c", "trap '' XFSZ; exec prlimit --fsize=\(bytes) \"$0\" \"$@\"", CLI.path] + arguments
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }

    /// No room for the history's copies: nothing is written, nothing is left, and the message says what to do.
    @Test func aChangeWithoutRoomChangesNothing() throws {
        let home = try TempHome()
        let files = ["conf/services/OrderProxy.xml", "conf/userstore.xml", "keystores/wssdemo-service.p12"]
        let before = files.map(home.data)
        for command in [["apply", "--service", "OrderProxy", "--scenario", "5"], ["users", "set-password", "alice", "--allow-digest", "--password-env", "PW"],
                        ["keystore", "genkey", "--alias", "k2", "--keyalg", "ec", "--dname", "CN=k2"]] {
            let result = try runLimited(200, command + ["--home", home.root], environment: ["PW": "Secret-pass-42"])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("File too large") && result.stderr.contains("Nothing was changed. Free some space"), "\(result.stderr)")
            #expect(files.map(home.data) == before)
            let left = (FileManager.default.enumerator(atPath: home.root)?.compactMap { $0 as? String } ?? []).filter { $0.contains(".tmp-") || $0.contains("/history/") }
            #expect(left.isEmpty, "\(left)")
        }
        #expect(try CLI.run(["history", "--home", home.root]).stdout == "no changes yet\n")
    }

    /// An audit log that cannot take a change's line: the change is made and recorded, the log keeps no torn line,
    /// and the next write adds the missing line, so the log matches the history.
    @Test func aLineTheLogCouldNotTakeIsWrittenByTheNextChange() throws {
        let home = try TempHome()
        let log = home.root + "/.wssconsole/audit.log"
        try FileManager.default.createDirectory(atPath: home.root + "/.wssconsole", withIntermediateDirectories: true)
        // 10 bytes short of the 100 KiB limit below: the line's first 10 bytes fit, the rest does not.
        let padding = Data(repeating: UInt8(ascii: "#"), count: 102_400 - 11) + Data("\n".utf8)
        try padding.write(to: URL(fileURLWithPath: log))
        let (status, stderr) = try runLimited(102_400, ["apply", "--service", "OrderProxy", "--scenario", "5", "--home", home.root])
        #expect(status == 0, "\(stderr)")
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
