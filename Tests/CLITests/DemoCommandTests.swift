import Foundation
import Testing

/// `demo reset` and `demo generate` write outside the change path (no history, no undo): what they refuse to do.
@Suite struct DemoCommandTests {
    /// A demo copy of its own, made by `demo reset`, with a file a reset would remove.
    final class DemoCopy {
        let root = NSTemporaryDirectory() + "wssconsole-demo-" + UUID().uuidString
        var env: [String: String] { ["WSSCONSOLE_DEMO_HOME": root, "WSSCONSOLE_DEMO_SOURCE": CLI.repository] }
        var marker: String { root + "/marker" }

        init() throws {
            let made = try CLI.run(["demo", "reset"], environment: env)
            try #require(made.status == 0, "\(made.all)")
            try Data("still here".utf8).write(to: URL(fileURLWithPath: marker))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    /// `--read-only` said nothing is written, and `demo reset` wiped the copy, history included, all the same.
    @Test func aReadOnlyResetRefusesAndKeepsTheCopy() throws {
        let demo = try DemoCopy()
        for arguments in [["--read-only", "demo", "reset"], ["demo", "reset", "--read-only"]] {
            let result = try CLI.run(arguments, environment: demo.env)
            #expect(result.status == 1 && result.stderr.contains("--read-only writes nothing"), "\(arguments): \(result.all)")
            #expect(FileManager.default.fileExists(atPath: demo.marker), "\(arguments)")
        }
        // It acts on the demo copy only: --home is not a home it resets.
        let home = try CLI.run(["--home", demo.root, "demo", "reset"], environment: demo.env)
        #expect(home.status == 1 && home.stderr.contains("not a --home"), "\(home.all)")
        #expect(FileManager.default.fileExists(atPath: demo.marker))
    }

    /// A reset deleted the tree under a console open on it: the console's lock went with it, and its later writes
    /// were no longer refused to anyone.
    @Test func aResetWhileTheCopyIsLockedRefusesAndKeepsCopyAndLock() throws {
        let demo = try DemoCopy()
        let lock = demo.root + "/.wssconsole/lock"
        try FileManager.default.createDirectory(atPath: demo.root + "/.wssconsole", withIntermediateDirectories: true)
        // Held as another process would, close-on-exec so that the binary does not inherit it.
        let fd = open(lock, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        try #require(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let record = "user=tester\npid=\(getpid())\nhost=\(ProcessInfo.processInfo.hostName)\nsince=now\n"
        _ = Array(record.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }

        let result = try CLI.run(["demo", "reset"], environment: demo.env)
        #expect(result.status == 1 && result.stderr.contains("is locked by tester (pid \(getpid())"), "\(result.all)")
        #expect(FileManager.default.fileExists(atPath: demo.marker))
        #expect(FileManager.default.contents(atPath: lock) == Data(record.utf8))
        // The file at that path is still the one locked: another open of it cannot take the lock.
        let other = open(lock, O_RDWR | O_CLOEXEC)
        defer { close(other) }
        #expect(other >= 0 && flock(other, LOCK_EX | LOCK_NB) != 0)
    }

    /// Unlocked, the copy is replaced whole; what a reset killed midway left beside it is cleared.
    @Test func aResetReplacesTheCopyAndClearsAKilledResetsFolder() throws {
        let demo = try DemoCopy()
        let parent = (demo.root as NSString).deletingLastPathComponent, name = (demo.root as NSString).lastPathComponent
        let left = parent + "/." + name + ".reset-1"
        try FileManager.default.createDirectory(atPath: left + "/conf", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: left) }

        let result = try CLI.run(["demo", "reset"], environment: demo.env)
        #expect(result.status == 0 && result.stdout == "demo home reset: \(demo.root)\n", "\(result.all)")
        #expect(!FileManager.default.fileExists(atPath: demo.marker))
        #expect(FileManager.default.fileExists(atPath: demo.root + "/conf/services/EchoProxy.xml"))
        let beside = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.hasPrefix("." + name + ".reset-") }
        #expect(beside.isEmpty, "\(beside)")
    }

    @Test func aResetDryRunSaysWhatItWouldLoseAndWritesNothing() throws {
        let demo = try DemoCopy()
        #expect(try CLI.run(["apply", "--service", "EchoProxy", "--scenario", "2"], environment: demo.env).status == 0)
        let reset = try CLI.run(["demo", "reset", "--dry-run"], environment: demo.env)
        #expect(reset.status == 0 && reset.stdout.contains("would replace the demo copy \(demo.root)"), "\(reset.all)")
        #expect(reset.stdout.contains("its history would be lost: 1 change\n"), "\(reset.all)")
        #expect(FileManager.default.fileExists(atPath: demo.marker))
        #expect(FileManager.default.fileExists(atPath: demo.root + "/conf/policies/EchoProxy.policy.xml"))
    }

    /// `demo generate --into DIR` replaced DIR's keystores and user store without a word (no history, no undo).
    @Test func generateRefusesExistingFilesUnlessForced() throws {
        let into = NSTemporaryDirectory() + "wssconsole-generate-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: into) }
        #expect(try CLI.run(["demo", "generate", "--into", into]).status == 0)
        let files = ["keystores/wssdemo-service.p12", "keystores/wssdemo-client.p12", "conf/userstore.xml"].map { into + "/" + $0 }
        let before = files.map { FileManager.default.contents(atPath: $0) }

        let refused = try CLI.run(["demo", "generate", "--into", into])
        #expect(refused.status == 1 && refused.stderr.contains("--force"), "\(refused.all)")
        #expect(files.allSatisfy { refused.stderr.contains($0) }, "every file is named: \(refused.all)")
        #expect(files.map { FileManager.default.contents(atPath: $0) } == before)

        let forced = try CLI.run(["demo", "generate", "--into", into, "--force"])
        #expect(forced.status == 0, "\(forced.all)")
        #expect(FileManager.default.contents(atPath: files[0]) != before[0], "fresh keys")
    }

    /// A typo (`/nonexistent/dir`) made a whole tree in the wrong place.
    @Test func generateRefusesAMissingParentFolder() throws {
        let parent = NSTemporaryDirectory() + "wssconsole-missing-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let result = try CLI.run(["demo", "generate", "--into", parent + "/home"])
        #expect(result.status == 1 && result.stderr.contains("\(parent) does not exist"), "\(result.all)")
        #expect(!FileManager.default.fileExists(atPath: parent))
    }

    @Test func aGenerateDryRunListsTheFilesAndWritesNothing() throws {
        let into = NSTemporaryDirectory() + "wssconsole-generate-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: into) }
        let generate = try CLI.run(["demo", "generate", "--into", into, "--dry-run"])
        #expect(generate.status == 0 && generate.stdout.contains("would write \(into)/conf/userstore.xml"), "\(generate.all)")
        #expect(!FileManager.default.fileExists(atPath: into))
    }
}
