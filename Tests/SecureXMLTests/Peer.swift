import Foundation

/// Runs a program no one here wrote (xmlsec1, openssl) and captures what it says.
enum Peer {
    struct Result {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
    }

    static let xmlsec1 = "/usr/bin/xmlsec1"
    static let openssl = "/usr/bin/openssl"

    static func run(_ program: String, _ arguments: [String], input: [UInt8]? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input))
            try stdin.fileHandleForWriting.close()
        }
        // Read stderr on another thread so that neither pipe can fill up and block the child.
        let errors = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: [UInt8](output), stderr: String(decoding: errors.data, as: UTF8.self))
    }
}

private final class Box: @unchecked Sendable {
    var data = Data()
}
