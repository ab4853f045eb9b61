import Foundation

/// A child process started with posix_spawn and an empty signal mask.
///
/// Foundation's `Process` passes on the spawning thread's signal mask; test threads block SIGTERM, so a slapd
/// started that way never sees the SIGTERM that should stop it (seen: SIGTERM pending, never delivered).
struct Spawned {
    let pid: pid_t

    /// Starts `tool` with `arguments`, standard error appended to `log`.
    static func start(_ tool: String, _ arguments: [String], log: String) throws -> Spawned {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tool, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw Shell.Failure(message: "cannot start \(tool): \(String(cString: strerror(rc)))") }
        return Spawned(pid: pid)
    }

    /// True while the child has not exited (reaps it when it has).
    var isRunning: Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// SIGTERM, then wait on the pid; SIGKILL if it is still there after `grace` seconds.
    func stop(grace: Int = 15) {
        guard kill(pid, SIGTERM) == 0 else { return }
        for _ in 0..<(grace * 10) {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) != 0 { return }
            usleep(100_000)
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}
