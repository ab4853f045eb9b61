import Foundation
import KeyMaterial

/// The bytes of a file a command reads, or a failure that names the file and says why it could not be read
/// (missing, a folder, not readable by this user), so that the operator knows what to fix.
func readFile(_ path: String, what: String? = nil) throws -> Data {
    if let bytes = FileBytes.read(path) { return Data(bytes) }
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
    throw OperationFailed(message: "cannot read \(name): \(reason)")
}

/// The bytes of a file ("-" is standard input).
func readInput(_ path: String) throws -> [UInt8] {
    path == "-" ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : [UInt8](try readFile(path))
}
