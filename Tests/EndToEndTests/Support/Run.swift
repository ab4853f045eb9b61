import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a tool and collects what it printed.
///
/// Not `Foundation.Process`: a test runs on a worker thread whose signals are blocked, a spawned child
/// inherits that mask, and a tmux server (and the console under it) would then never see SIGWINCH,
/// SIGHUP or SIGTERM. posix_spawn here starts every child with an empty mask and default handlers.
enum Run {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    private static let spawnLock = NSLock()

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `tool` (found on PATH) with standard input from /dev/null and this process's environment
    /// without `removingEnvironment`; throws when it exits non-zero unless `check` is false.
    @discardableResult
    static func tool(_ tool: String, _ arguments: [String], removingEnvironment: Set<String> = [],
                     check: Bool = true) throws -> Result {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        // A child spawned at the same moment by another test must not inherit our pipe ends: a long-lived
        // one (a tmux server) would keep them open and our read would never end. So the pipes are
        // close-on-exec, and pipe-to-spawn runs under one lock (the ends are not close-on-exec at birth).
        spawnLock.lock()
        var locked = true
        defer { if locked { spawnLock.unlock() } }
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw Failed(description: "pipe failed") }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.filter { !removingEnvironment.contains($0.key) }
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, tool, &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        spawnLock.unlock()
        locked = false
        defer { close(outPipe[0]); close(errPipe[0]) }
        guard rc == 0 else { throw Failed(description: "cannot run \(tool): \(String(cString: strerror(rc)))") }
        // Outputs here are small (a screen, a message), so reading one pipe after the other cannot stall.
        let output = readAll(outPipe[0]), error = readAll(errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let result = Result(status: exit, output: output, error: error)
        if check, exit != 0 {
            throw Failed(description: "\(tool) \(arguments.joined(separator: " ")) exited \(exit): \(error)")
        }
        return result
    }

    private static func readAll(_ fd: Int32) -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { data += buffer[0..<n] } else if n < 0 && errno == EINTR { continue } else { break }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
