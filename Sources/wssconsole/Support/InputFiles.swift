import Foundation
import KeyMaterial
import SecureXML

/// The bytes of a file a command reads, or a failure that names the file and says why it could not be read
/// (missing, a folder, not readable by this user), so that the operator knows what to fix.
func readFile(_ path: String, what: String? = nil) throws -> Data {
    if let bytes = FileBytes.read(path) { return Data(bytes) }
    throw cannotRead(path, what: what)
}

/// Why `path` could not be read, as an operator fixes it.
private func cannotRead(_ path: String, what: String?) -> OperationFailed {
    let name = what.map { "the \($0) file \(path)" } ?? path
    var isFolder: ObjCBool = false
    let reason = if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
        "no such file"
    } else if isFolder.boolValue {
        "it is a folder"
    } else if !FileManager.default.isReadableFile(atPath: path) {
        "permission denied (\(NSUserName()) cannot read it)"
    } else {
        "the read failed"
    }
    return OperationFailed(message: "cannot read \(name): \(reason)")
}

/// The bytes of a document to parse ("-" is standard input); one too large is refused as the parser refuses it.
func readInput(_ path: String) throws -> [UInt8] {
    do { return try readBounded(path) } catch let error as XMLError { throw documentFailure(error, path) }
}

/// A document that cannot be read or parsed, said with its file and the error's code.
func documentFailure(_ error: XMLError, _ path: String) -> OperationFailed {
    OperationFailed(message: "\(path): \(error.description) [\(error.code.rawValue)]")
}

/// The bytes of `path` ("-" is standard input), kept only while within `limits.maxBytes`: past it the rest is counted,
/// not kept, and refused with the parser's XMLError (a 1 GB file took 2 GB of memory to be refused).
func readBounded(_ path: String, limits: ParseLimits = .default) throws -> [UInt8] {
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw cannotRead(path, what: nil) }
    defer { if descriptor != STDIN_FILENO { close(descriptor) } }
    guard let (bytes, total) = FileBytes.read(descriptor: descriptor, keepingAtMost: limits.maxBytes) else { throw cannotRead(path, what: nil) }
    try limits.checkSize(total)
    return bytes
}
