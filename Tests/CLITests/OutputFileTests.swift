import Testing
import Foundation

/// A file the operator names as a command's output is written where it points: a device or pipe is written to,
/// never replaced (as root, `OUT` = /dev/null used to leave a regular file in /dev), and a link is followed.
@Suite struct OutputFileTests {
    func securedHome() throws -> TempHome {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: home.root + "/plain.xml"))
        return home
    }

    func secure(_ home: TempHome, to output: String) throws -> CLI.Result {
        try CLI.run(["message", "secure", "--home", home.root, "--service", "OrderProxy", "--role", "client", home.root + "/plain.xml", output])
    }

    /// Runs wssconsole under umask 000, as a careless shell would.
    func runUnderUmask000(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", CLI.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func mode(_ path: String) -> Int? { (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int }

    /// A new OUT is owner-only (a verified message may be a decrypted one), an exported certificate 0644, whatever the
    /// umask: they were 0666 under umask 000. A file replaced keeps its mode.
    @Test func newOutputsAreNeverGroupOrWorldWritable() throws {
        let home = try securedHome()
        let secured = home.root + "/secured.xml", verified = home.root + "/verified.xml", certificate = home.root + "/service.pem"
        #expect(try runUnderUmask000(["message", "secure", "--home", home.root, "--service", "OrderProxy", "--role", "client",
                                      home.root + "/plain.xml", secured]) == 0)
        #expect(try runUnderUmask000(["message", "verify", "--home", home.root, "--service", "OrderProxy", "--role", "service",
                                      secured, verified]) == 0)
        #expect(try runUnderUmask000(["keystore", "export", "--home", home.root, "--alias", "service", "--out", certificate]) == 0)
        #expect(mode(secured) == 0o600 && mode(verified) == 0o600, "\(String(mode(secured) ?? 0, radix: 8))")
        #expect(mode(certificate) == 0o644)
        #expect(chmod(verified, 0o640) == 0)
        #expect(try runUnderUmask000(["message", "verify", "--home", home.root, "--service", "OrderProxy", "--role", "service",
                                      secured, verified]) == 0)
        #expect(mode(verified) == 0o640, "a replaced file keeps its mode")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.root).filter { $0.hasPrefix(".wssconsole-out-") }
        #expect(leftovers.isEmpty)
    }

    /// An OUT named relative to the working folder gets its temporary file there: it was made in /, which a user
    /// other than root cannot write, so the command failed.
    @Test func aRelativeOutputIsWrittenBesideItself() throws {
        let home = try securedHome()
        let nobody: uid_t = 65534
        for path in [""] + (FileManager.default.enumerator(atPath: home.root)?.compactMap { $0 as? String }.map { "/" + $0 } ?? []) {
            lchown(home.root + path, nobody, nobody)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.path, "message", "secure", "--home", ".",
                             "--service", "OrderProxy", "--role", "client", "plain.xml", "relative.xml"]
        process.currentDirectoryURL = URL(fileURLWithPath: home.root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(mode(home.root + "/relative.xml") == 0o600)
    }

    @Test func aPipeIsWrittenToNotReplaced() throws {
        let home = try securedHome()
        let fifo = home.root + "/out.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A second name for the pipe: if the command replaced it, the reader still waiting is released through it.
        #expect(link(fifo, fifo + ".same") == 0)
        nonisolated(unsafe) var received = Data()
        let reader = Thread { received = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data() }
        reader.start()
        let result = try secure(home, to: fifo)
        #expect(result.status == 0, "\(result.all)")
        for _ in 0..<500 where !reader.isFinished { usleep(10_000) }
        if !reader.isFinished { close(open(fifo + ".same", O_WRONLY | O_NONBLOCK)) }
        while !reader.isFinished { usleep(10_000) }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")
        #expect(String(decoding: received, as: UTF8.self).contains("SignatureValue"), "the reader got the message")
    }

    @Test func aLinkIsFollowedNotReplaced() throws {
        let home = try securedHome()
        let link = home.root + "/out-link.xml", target = home.root + "/target.xml"
        try Data().write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try secure(home, to: link).status == 0)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == target, "still a link")
        #expect(home.text("target.xml")?.contains("SignatureValue") == true)
    }
}
