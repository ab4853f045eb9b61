import Foundation

/// The built `wssconsole` binary, for the test targets that run it as a subprocess (one copy of this, shared).
public enum WSSConsoleBinary {
    /// What a run printed, and how it ended.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// Both streams, for failure messages.
        public var all: String { stdout + stderr }
    }

    /// The repository root (the demo home's source).
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The binary in the same build folder as the running tests (any scratch path), else `.build/debug`.
    public static let path: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("wssconsole").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return repository + "/.build/debug/wssconsole"
    }()

    /// Runs the binary with `arguments` (and `environment` added), without a terminal: standard input is the file
    /// `input`, or /dev/null. `asUser` runs it as that uid through setpriv (root ignores permissions, tests sometimes
    /// must not). `timeout` kills it after that many seconds, for a test whose regression would be a hang.
    public static func run(_ arguments: [String], environment: [String: String] = [:], asUser uid: Int? = nil,
                           timeout: Double? = nil, input: String? = nil) throws -> Result {
        let process = Process()
        if let uid {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try process.run()
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        }
        // Both pipes are drained before waiting, so a chatty child cannot fill one and block.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
