import Foundation

/// What the console's keystore screens need beyond the keystore operations of `Home+Keystores`: reading a file the
/// operator names (a certificate to import, a CA reply) and writing a plain file (an exported certificate, a CSR)
/// as a change.
extension Home {
    /// The bytes of `path` (relative to the home, or absolute).
    public func fileBytes(_ path: String) throws(HomeError) -> [UInt8] {
        guard let bytes = FileSystem.read(path.hasPrefix("/") ? path : FileSystem.join(root, path)) else {
            throw HomeError(.homeUnreadable, "Cannot read \(path)", fix: "Check that it exists and that you may read it.")
        }
        return bytes
    }

    /// True when `path` (relative to the home, or absolute) names an existing file.
    public func fileExists(_ path: String) -> Bool { FileSystem.exists(path.hasPrefix("/") ? path : FileSystem.join(root, path)) }

    /// Plans writing `bytes` to `path`, relative to the home (where the history keeps what it replaces): a new file or a
    /// replacement of what is there now.
    public func planFileWrite(_ summary: String, path: String, bytes: [UInt8]) -> Change {
        Change(summary: summary, edits: [FileEdit(path: path, before: FileSystem.read(FileSystem.join(root, path)), after: bytes)])
    }
}
