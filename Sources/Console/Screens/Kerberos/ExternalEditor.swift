import Foundation
import KeyMaterial

/// The operator's own editor on a file: `$VISUAL`, else `$EDITOR`, else vi, waited for (nmtui's escape hatch for
/// free text). The CLI's `krb5 edit` and `jaas edit` and the Kerberos screen's `e` use it.
public enum ExternalEditor {
    /// Why the editor could not be used.
    public struct Failure: Error, Sendable {
        public let message: String
    }

    /// The editor command the environment names (it may hold arguments, as shells allow).
    public static var command: String {
        let environment = ProcessInfo.processInfo.environment
        return [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
    }

    /// Runs the editor on `path` through /bin/sh and waits for it; throws when it cannot start or fails.
    public static func open(_ path: String) throws(Failure) {
        let editor = command
        let script: String = editor + " \"$1\""
        let words: [String] = ["/bin/sh", "-c", script, "sh", path]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The editor must not inherit a blocked signal mask (Ctrl-C and resize would be dead in it).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ)
        guard spawned == 0 else { throw Failure(message: "cannot start the editor \(editor): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw Failure(message: "the editor \(editor) \(outcome(ofWaitStatus: status)); nothing was saved") }
    }

    /// What a non-zero wait status means, in words: the exit code (127: the shell found no such command) or the signal.
    static func outcome(ofWaitStatus status: Int32) -> String {
        let signal = status & 0x7f
        guard signal == 0 else { return "was stopped by signal \(signal)" }
        switch (status >> 8) & 0xff {
        case 127: return "was not found (set $VISUAL or $EDITOR to an editor on the PATH)"
        case 126: return "cannot be run (not executable)"
        case let code: return "exited with code \(code)"
        }
    }

    /// A private working copy of `bytes` named `name` (so editors colour it by its name), in a folder only this
    /// user can read; `body` gets its path and the folder is removed afterwards.
    public static func withWorkingCopy<T>(named name: String, bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        // The pid in the name tells a copy whose run was killed (its folder left behind) from one being edited.
        let folder = NSTemporaryDirectory() + prefix + "\(getpid())-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/" + name
        guard FileManager.default.createFile(atPath: copy, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw Failure(message: "cannot write a working copy in \(folder)")
        }
        return try body(copy)
    }

    private static let prefix = "wssconsole-edit-"

    /// A folder (not a link) of this user's: another user's leftovers in a shared /tmp are theirs to read.
    private static func ownedByMe(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR && info.st_uid == getuid()
    }

    /// The working copy of `name` a run left when it was killed in the editor (a dropped SSH session), if it differs
    /// from `current`: what was saved there, to start from again. Every folder such runs left is removed.
    public static func leftover(named name: String, current: [UInt8]) -> [UInt8]? {
        let temporary = NSTemporaryDirectory()
        var found: [UInt8]?
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] where entry.hasPrefix(prefix) {
            let folder = temporary + entry
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH, ownedByMe(folder) else { continue }
            if let bytes = FileBytes.read(folder + "/" + name), bytes != current { found = bytes }
            try? FileManager.default.removeItem(atPath: folder)
        }
        return found
    }
}
