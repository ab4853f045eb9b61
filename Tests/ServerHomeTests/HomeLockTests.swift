import Foundation
import Testing
@testable import ServerHome

/// The lock's record of its holder, and the home's own files (lock, audit log, history) against links and umasks.
@Suite struct HomeLockTests {
    func error(_ body: () throws -> Void) -> HomeError? {
        do { try body(); return nil } catch { return error as? HomeError }
    }

    /// Holds the lock file's flock the way another process would, with `record` as its text. Close-on-exec: a
    /// process another test spawns meanwhile would inherit the descriptor and hold the flock after `close`.
    func holdLock(_ t: TestHome, record: String) throws -> Int32 {
        try FileManager.default.createDirectory(atPath: t.path(".wssconsole"), withIntermediateDirectories: true)
        let fd = open(t.path(".wssconsole/lock"), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        try #require(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        _ = Array(record.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return fd
    }

    func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aHalfWrittenOrDeadRecordIsNotShownAsTheHolder() throws {
        let t = try TestHome()
        let host = ProcessInfo.processInfo.hostName
        let empty = try holdLock(t, record: "")
        #expect(HomeLock.holder(of: t.home) == .starting)
        #expect(error { try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy")) }?.message.contains("another process") == true)
        close(empty)

        let dead = try holdLock(t, record: "user=ghost\npid=\(try deadPid())\nhost=\(host)\nsince=earlier\n")
        #expect(HomeLock.holder(of: t.home) == .starting)
        // Once the new holder has written its record, that is what a reader sees.
        let text = "user=me\npid=\(getpid())\nhost=\(host)\nsince=now\n"
        _ = Array(text.utf8).withUnsafeBytes { pwrite(dead, $0.baseAddress, $0.count, 0) }
        #expect(HomeLock.holder(of: t.home)?.pid == getpid())
        close(dead)
    }

    /// The holder's time as every date on screen reads; the file keeps ISO 8601.
    @Test func theHolderSaysSinceWhenInTheDisplayFormat() {
        let holder = HomeLock.Holder(user: "ops", pid: 42, host: "mi-1", since: "2026-11-27T14:03:07.123Z")
        #expect(holder.description == "ops (pid 42 on mi-1, since 2026-11-27 14:03 UTC)")
    }

    /// The refusal sent a write command to --read-only, which cannot write either ("Open it without --read-only").
    @Test func aLockedHomeSaysToWaitNotToOpenItReadOnly() throws {
        let t = try TestHome()
        try t.home.lock()
        defer { t.home.unlock() }
        let other = try Home.open(t.home.root)
        let refused = error { try other.commit(other.planApply(scenario: 2, to: "EchoProxy")) }
        #expect(refused?.code == .locked && refused?.message.contains("pid \(getpid())") == true, "\(String(describing: refused))")
        #expect(refused?.fix.hasPrefix("Wait until that process ends, then run it again") == true
                && refused?.fix.contains("open the home with --read-only") == false, "\(String(describing: refused))")
    }

    @Test func aReleasedLockNamesNobody() throws {
        let t = try TestHome()
        try t.home.lock()
        #expect(t.text(".wssconsole/lock")?.contains("pid=\(getpid())\n") == true)
        t.home.unlock()
        #expect(t.text(".wssconsole/lock") == "")
        #expect(HomeLock.holder(of: t.home) == nil)
    }

    @Test func theLockAndTheAuditLogAreNeverFollowedThroughALink() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy"))
        let victim = t.path("victim.txt")
        try t.write("victim.txt", "precious\n")
        for name in ["lock", "audit.log"] {
            let path = t.path(".wssconsole/\(name)")
            let saved = FileManager.default.contents(atPath: path)
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
            let refused = error { try t.home.commit(t.home.planApply(scenario: 3, to: "OrderProxy")) }
            #expect(refused?.code == .writeFailed, "\(name)")
            #expect(refused?.message.contains(path) == true && refused?.fix.contains("rm \(path)") == true, "\(name)")
            #expect(t.text("victim.txt") == "precious\n")
            #expect(t.text("conf/policies/OrderProxy.policy.xml") == nil)
            try FileManager.default.removeItem(atPath: path)
            if let saved { try saved.write(to: URL(fileURLWithPath: path)) }
        }
        try t.home.commit(t.home.planApply(scenario: 3, to: "OrderProxy"))
    }
}
