#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses

/// Signals after which the process dies: the terminal is restored first, so the shell is not left in
/// raw mode with the alternate screen showing. curses handles SIGWINCH and SIGTSTP itself.
private let fatalSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL]

private func restoreTerminalAndDie(_ number: Int32) {
    endwin()
    _ = signal(number, SIG_DFL)
    _ = raise(number)
}

/// Signals the console must receive on its input thread: resize, suspend/resume and the fatal ones.
private let neededSignals: [Int32] = [SIGWINCH, SIGTSTP, SIGCONT] + fatalSignals

extension NCursesTerminal {
    static func installSignalHandlers() {
        // A blocked mask survives exec: a parent that spawned us from a worker thread (a test runner,
        // some supervisors) would otherwise leave resize and Ctrl-C dead.
        var set = sigset_t()
        sigemptyset(&set)
        for s in neededSignals { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for s in fatalSignals { _ = signal(s, restoreTerminalAndDie) }
    }

    static func restoreSignalHandlers() {
        for s in fatalSignals { _ = signal(s, SIG_DFL) }
    }
}
