import Foundation
import KeyMaterial

/// The home's advisory write lock (`.wssconsole/lock`, flock): one writer per home at a time. The kernel drops
/// the lock when its holder dies, so there are no stale locks; the file's text says who holds it.
public final class HomeLock: @unchecked Sendable {
    /// Who holds a lock, as its file tells.
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        public var user: String
        public var pid: Int32
        public var host: String
        public var since: String

        /// The holder took the lock but has not said who it is yet (or a holder killed before it could).
        public static let starting = Holder(user: "another process", pid: 0, host: "?", since: "just now")

        public var description: String {
            let taken = Timestamp.parseISO(since).map(DisplayDate.time) ?? since
            return self == .starting ? "another process (just starting)" : "\(user) (pid \(pid) on \(host), since \(taken))"
        }
    }

    private var fd: Int32
    /// When the lock was taken: temporaries older than this were left by runs that died.
    let acquired: Date

    private init(fd: Int32, acquired: Date) {
        self.fd = fd
        self.acquired = acquired
    }
    deinit { release() }

    static func path(in home: Home) -> String { FileSystem.join(home.root, ".wssconsole/lock") }

    /// Takes the lock, or says who holds it.
    static func acquire(_ home: Home) throws(HomeError) -> HomeLock {
        let path = Self.path(in: home)
        try FileSystem.createPrivateDirectories((path as NSString).deletingLastPathComponent, under: home.root)
        let fd = try FileSystem.openPrivate(path, flags: O_RDWR)
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = holder(of: home)
            // Nobody holds it any more: the holder finished while we looked, so take it.
            if holder == nil && flock(fd, LOCK_EX | LOCK_NB) == 0 { return took(fd) }
            close(fd)
            throw HomeError(.locked, "The home \(home.root) is locked\(holder.map { " by \($0)" } ?? "")",
                            // Not "use --read-only": that cannot write either, and a write command would go round in a loop.
                            fix: "Wait until that process ends, then run it again: a console holds the lock while it is open (Q quits it), a command while it writes. Only to look meanwhile: wssconsole --read-only.")
        }
        return took(fd)
    }

    /// Writes the new holder's record into the lock file `fd`, whose lock it holds.
    private static func took(_ fd: Int32) -> HomeLock {
        fchmod(fd, 0o600)
        let acquired = Date()
        let actor = Actor.current
        // One write, at the start, of the whole record, and only once the lock is held; then the rest of a longer
        // record a killed holder left is cut off. A reader reads up to the `since` line, so it never mixes the two.
        let text = "user=\(actor.user)\npid=\(getpid())\nhost=\(actor.host)\nsince=\(Timestamp.iso(acquired))\n"
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        ftruncate(fd, off_t(bytes.count))
        return HomeLock(fd: fd, acquired: acquired)
    }

    /// Who holds the lock of `home` right now, if anyone.
    public static func holder(of home: Home) -> Holder? {
        let path = Self.path(in: home)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // The holder writes its record just after taking the lock: a reader may come in between, and then finds
        // nothing, or the record of an earlier holder that died. It looks again for a moment before saying so.
        for attempt in 0..<20 {
            // A shared lock succeeds only when nobody holds the exclusive one.
            if flock(fd, LOCK_SH | LOCK_NB) == 0 { flock(fd, LOCK_UN); return nil }
            if let holder = record(readFrom: fd), holder.isAlive { return holder }
            if attempt < 19 { usleep(10_000) }
        }
        return .starting
    }

    /// The record in the lock file; nil when it is empty or incomplete.
    static func record(readFrom fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        var fields: [String: String] = [:]
        for line in String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { break }
            fields[String(parts[0])] = String(parts[1])
            if parts[0] == "since" { break }
        }
        guard let user = fields["user"], let pid = fields["pid"].flatMap({ Int32($0) }), let host = fields["host"],
              let since = fields["since"] else { return nil }
        return Holder(user: user, pid: pid, host: host, since: since)
    }

    /// Releases the lock (also done when the object goes away), emptying the record first so that it never names a
    /// process that has finished.
    public func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }
}

extension HomeLock.Holder {
    /// False when the holder ran on this host and is gone (its record outlived it); true when it cannot be told.
    var isAlive: Bool {
        guard host == ProcessInfo.processInfo.hostName, pid > 0 else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
