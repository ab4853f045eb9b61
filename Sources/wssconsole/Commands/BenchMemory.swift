import Foundation
import KeyMaterial
import SecureXML

/// Peak memory of one 1 MB operation, measured in a fresh process so that memory freed by earlier work and kept by
/// malloc does not hide what the operation needs: resident memory just before, then the high-water mark after
/// (reset through /proc/self/clear_refs, Linux only).
extension XMLBenchmark {
    /// Runs `wssconsole bench xml --memory-probe` in a child process and returns its figure in bytes.
    func peakMemory(_ operation: String, message: [UInt8], key: PrivateKey) throws -> Int {
        let folder = NSTemporaryDirectory() + "wssconsole-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/message.xml", keyFile = folder + "/key.pem"
        guard FileManager.default.createFile(atPath: input, contents: Data(message)),
              FileManager.default.createFile(atPath: keyFile, contents: Data(try key.pemString().utf8), attributes: [.posixPermissions: 0o600])
        else { throw OperationFailed(message: "cannot write the benchmark's files in \(folder)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        process.arguments = ["bench", "xml", "--memory-probe", operation, "--input", input, "--key-file", keyFile]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let bytes = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw OperationFailed(message: "the memory probe failed: \(text)")
        }
        return bytes
    }

    /// In the child: the growth of resident memory, in bytes, while one operation runs on the message in `input`.
    static func memoryProbe(_ operation: String, input: String, keyFile: String) throws -> Int {
        if operation == "refuse" { return try refusalProbe(input) }
        let key = try XMLKey(privateKey: PrivateKey(pemString: String(contentsOfFile: keyFile, encoding: .utf8)))
        let message = [UInt8](try readFile(input))
        // Warm up on a small message so that lazily loaded code and tables are not counted.
        try verify(try sign(envelope(bytes: 2048), key), key)
        try streamVerify(try streamSignGathered(envelope(bytes: 2048), key), key)
        let before = try status("VmRSS")
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        switch operation {
        case "sign": _ = try sign(message, key)
        case "sign-streamed":
            let document = try signedDocument(message, key)
            let descriptor = open(input + ".signed", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            guard descriptor >= 0 else { throw OperationFailed(message: "cannot write \(input).signed") }
            defer { close(descriptor) }
            guard document.serialize(into: { writeAll(descriptor, $0) }) else { throw OperationFailed(message: "cannot write \(input).signed") }
        case "verify": try verify(message, key)
        case "sign-stream": try streamSignToFile(message, key, path: input + ".signed")
        case "verify-stream": try streamVerify(message, key)
        case "parse": _ = try SecureXML.XMLDocument.parse(message)
        default: throw OperationFailed(message: "unknown probe \(operation)")
        }
        return (try status("VmHWM") - before) * 1024
    }

    /// The growth of resident memory while a document over the parser's limit is read as the commands read one
    /// (`readBounded`) and refused: what is kept is bounded by the limit, not by the input.
    private static func refusalProbe(_ input: String) throws -> Int {
        let before = try status("VmRSS")
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        do {
            _ = try readBounded(input)
            throw OperationFailed(message: "\(input) was read whole: it is not over the limit")
        } catch let error as XMLError where error.code == .tooLarge {}
        return (try status("VmHWM") - before) * 1024
    }

    /// A "kB" field of /proc/self/status.
    private static func status(_ field: String) throws -> Int {
        let text = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let value = Int(line.split(separator: " ").dropFirst().first ?? "") else {
            throw OperationFailed(message: "/proc/self/status has no \(field)")
        }
        return value
    }
}
