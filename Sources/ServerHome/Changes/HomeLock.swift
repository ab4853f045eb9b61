import Foundation

/// The home's advisory write lock (`.wssconsole/lock`, flock): one writer per home at a time. The kernel drops
/// the lock when its holder dies, so there are no stale locks; the file's text says who holds it.
public final class HomeLock: @unchecked Sendable {
    /// Who holds a lock, as its file tells.
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        public var user: String
        public var pid: Int32
        public var host: String
        public var since: String

        public var description: String { "\(user) (pid \(pid) on \(host), since \(since))" }
    }

    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }
    deinit { release() }

    static func path(in home: Home) -> String { FileSystem.join(home.root, ".wssconsole/lock") }

    /// Takes the lock, or says who holds it.
    static func acquire(_ home: Home) throws(HomeError) -> HomeLock {
        let path = Self.path(in: home)
        try FileSystem.createDirectories(forFile: path)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw HomeError(.readOnly, "Cannot open the lock file \(path): \(FileSystem.errnoText())",
                            fix: "The home is not writable by you; open it with --read-only.")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            let who = holder(of: home).map { " by \($0)" } ?? ""
            throw HomeError(.locked, "The home \(home.root) is locked\(who)",
                            fix: "Wait for that console to close, or open the home with --read-only.")
        }
        let actor = Actor.current
        let text = "user=\(actor.user)\npid=\(getpid())\nhost=\(actor.host)\nsince=\(Timestamp.iso(Date()))\n"
        ftruncate(fd, 0)
        _ = Array(text.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return HomeLock(fd: fd)
    }

    /// Who holds the lock of `home` right now, if anyone.
    public static func holder(of home: Home) -> Holder? {
        let path = Self.path(in: home)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // A shared lock succeeds only when nobody holds the exclusive one.
        if flock(fd, LOCK_SH | LOCK_NB) == 0 { flock(fd, LOCK_UN); return nil }
        guard let bytes = FileSystem.read(path) else { return nil }
        var fields: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return Holder(user: fields["user"] ?? "?", pid: Int32(fields["pid"] ?? "") ?? 0, host: fields["host"] ?? "?", since: fields["since"] ?? "?")
    }

    /// Releases the lock (also done when the object goes away).
    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }
}
