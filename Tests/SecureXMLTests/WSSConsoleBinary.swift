import Foundation

/// Runs the built `wssconsole` binary (found beside the test bundle, as in CLITests) for the `xml` commands.
enum WSSConsoleBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let path: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("wssconsole").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        var repository = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { repository.deleteLastPathComponent() }
        return repository.path + "/.build/debug/wssconsole"
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let result = try Peer.run(path, arguments, environment: environment)
        return Result(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self), stderr: result.stderr)
    }
}
