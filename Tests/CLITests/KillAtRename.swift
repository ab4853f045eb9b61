import Foundation

/// An LD_PRELOAD library that kills wssconsole with SIGKILL (or `WSSCONSOLE_KILL_SIGNAL`) at one exact point: the first `rename` whose new path
/// (or, with `WSSCONSOLE_KILL_CALL=unlink`, the first `unlink`, `unlinkat` or `rmdir` whose path) contains
/// `WSSCONSOLE_KILL_AT`. A kill -9 in the middle of a write, deterministic where a timer would be a race.
enum KillAtRename {
    static let source = """
    #define _GNU_SOURCE
    #include <dlfcn.h>
    #include <signal.h>
    #include <stdlib.h>
    #include <string.h>
    static void maybe_die(const char *call, const char *path) {
        const char *at = getenv("WSSCONSOLE_KILL_AT"), *which = getenv("WSSCONSOLE_KILL_CALL");
        const char *number = getenv("WSSCONSOLE_KILL_SIGNAL");
        if (!(at && *at && path && strstr(path, at) && strcmp(which && *which ? which : "rename", call) == 0)) return;
        // A test runner may start us with signals blocked (the mask survives exec): Ctrl-C would reach a shell's child.
        int signal_number = number ? atoi(number) : SIGKILL;
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, signal_number);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(signal_number);
    }
    int rename(const char *from, const char *to) {
        maybe_die("rename", to);
        return ((int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename"))(from, to);
    }
    int unlink(const char *path) {
        maybe_die("unlink", path);
        return ((int (*)(const char *))dlsym(RTLD_NEXT, "unlink"))(path);
    }
    int unlinkat(int dir, const char *path, int flags) {
        maybe_die("unlink", path);
        return ((int (*)(int, const char *, int))dlsym(RTLD_NEXT, "unlinkat"))(dir, path, flags);
    }
    int rmdir(const char *path) {
        maybe_die("unlink", path);
        return ((int (*)(const char *))dlsym(RTLD_NEXT, "rmdir"))(path);
    }
    """

    struct Failed: Error, CustomStringConvertible { let description: String }

    /// Builds the library once per test run (with the C compiler beside Swift, or the system's).
    static let library: Result<String, Failed> = {
        let dir = NSTemporaryDirectory() + "kill-at-rename-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let c = dir + "/kill.c", so = dir + "/kill.so"
        guard FileManager.default.createFile(atPath: c, contents: Data(source.utf8)) else { return .failure(Failed(description: "cannot write \(c)")) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "clang -shared -fPIC -o \"$1\" \"$0\" -ldl || cc -shared -fPIC -o \"$1\" \"$0\" -ldl", c, so]
        do { try process.run() } catch { return .failure(Failed(description: "cannot run the C compiler: \(error)")) }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? .success(so) : .failure(Failed(description: "cannot build \(so)"))
    }()

    /// Runs wssconsole with `arguments`, killed at the first `call` (rename or unlink) on a path containing `at`.
    static func run(_ arguments: [String], killedAt at: String, call: String = "rename", signal: Int32 = SIGKILL,
                    environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(arguments, environment: environment.merging(["LD_PRELOAD": try library.get(), "WSSCONSOLE_KILL_AT": at,
                                                                 "WSSCONSOLE_KILL_CALL": call, "WSSCONSOLE_KILL_SIGNAL": String(signal)]) { $1 })
    }
}
