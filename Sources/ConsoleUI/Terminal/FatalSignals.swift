#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses
import CShims

/// Signals after which the process dies: the terminal is restored first, so the shell is not left in
/// raw mode with the alternate screen showing (or bracketed paste on, which wraps every paste in the shell in
/// `^[[200~`). curses handles SIGWINCH and SIGTSTP itself; its SIGTSTP handler is wrapped to turn paste marking off.
private let fatalSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL]

private func restoreTerminalAndDie(_ number: Int32) {
    cs_bracketed_paste(0)
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
        cs_wrap_suspend_handler()
    }

    static func restoreSignalHandlers() {
        for s in fatalSignals { _ = signal(s, SIG_DFL) }
    }
}
