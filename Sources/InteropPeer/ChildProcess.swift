import Foundation

/// Runs a program to its end or to a time limit, both output streams captured (drained while it runs, so a
/// chatty child never blocks on a full pipe).
enum ChildProcess {
    struct Output: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
        let timedOut: Bool
    }

    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let stdout = Drain(out.fileHandleForReading), stderr = Drain(err.fileHandleForReading)
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)   // our own child, by its pid
            finished.wait()
        }
        // The child has ended; this returns at once. Foundation's Process and its run loop source retain each
        // other until waitUntilExit drops the source: without it every run leaked the Process and its pipes (LSan).
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: stdout.text(), stderr: stderr.text(), timedOut: timedOut)
    }

    /// Reads one stream to its end on a thread of its own.
    private final class Drain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
