import Foundation
import KeyMaterial

/// What the console's keystore screens need from the home beyond the keystore operations: the bytes of a file
/// (kept as the change's "before", so a write refuses a file changed since it was opened) and one binary file
/// write planned as a change.
extension Home {
    /// The bytes of `path` (relative to the home, or absolute).
    public func fileBytes(_ path: String) throws(HomeError) -> [UInt8] {
        let full = path.hasPrefix("/") ? path : FileSystem.join(root, path)
        guard let bytes = FileSystem.read(full) else {
            throw HomeError(.homeUnreadable, "Cannot read \(path)", fix: "Check that it exists and that you may read it (ls -l \(full)).")
        }
        return bytes
    }

    /// Plans writing `bytes` to `path` (relative to the home): a new file, or a replacement of `before` (nil reads what is
    /// there now). Keystores and keys are written owner-only (`secret`).
    public func planFileWrite(_ summary: String, path: String, bytes: [UInt8], before: [UInt8]? = nil, secret: Bool) -> Change {
        let current = before ?? FileSystem.read(path.hasPrefix("/") ? path : FileSystem.join(root, path))
        return Change(summary: summary, edits: [FileEdit(path: path, before: current, after: bytes, secret: secret)])
    }

    /// True when `path` (relative to the home, or absolute) names an existing file.
    public func fileExists(_ path: String) -> Bool { FileSystem.exists(path.hasPrefix("/") ? path : FileSystem.join(root, path)) }
}

/// A keystore file of the home, as the console lists it.
public struct HomeKeystoreFile: Sendable, Equatable {
    /// Relative to the home.
    public var path: String
    /// What the settings use it for ("service keystore", "truststore"); empty for other files of the folder.
    public var roles: [String]
    /// Recognised from the content, not the name.
    public var format: KeystoreFormat
}

extension Home {
    /// The folder where the home keeps its keystores.
    var keystoreFolder: String { layout == .native ? "keystores" : "repository/resources/security" }

    /// The keystores the settings name (service keystore and truststore first), then every other keystore file of the
    /// keystore folder, recognised by content.
    public func keystoreScreenFiles() -> [HomeKeystoreFile] {
        var files: [HomeKeystoreFile] = []
        func add(_ path: String, role: String?) {
            if let index = files.firstIndex(where: { $0.path == path }) {
                if let role, !files[index].roles.contains(role) { files[index].roles.append(role) }
                return
            }
            let head = FileSystem.read(FileSystem.join(root, path)).map { Data($0.prefix(4096)) } ?? Data()
            files.append(HomeKeystoreFile(path: path, roles: role.map { [$0] } ?? [], format: KeystoreFormat.detect(head)))
        }
        if let settings = try? settings() {
            if let service = settings.serviceKeystoreSettings { add(service.file, role: "service keystore") }
            if let trust = settings.trustKeystoreSettings { add(trust.file, role: "truststore") }
            for keystore in settings.keystores where !files.contains(where: { $0.path == keystore.file }) {
                add(keystore.file, role: "[keystore.\(keystore.name)]")
            }
        }
        for name in FileSystem.list(FileSystem.join(root, keystoreFolder)).sorted() {
            let path = keystoreFolder + "/" + name
            guard !FileSystem.isDirectory(FileSystem.join(root, path)), !files.contains(where: { $0.path == path }) else { continue }
            let head = FileSystem.read(FileSystem.join(root, path)).map { Data($0.prefix(4096)) } ?? Data()
            let format = KeystoreFormat.detect(head)
            if format != .unknown { files.append(HomeKeystoreFile(path: path, roles: [], format: format)) }
        }
        return files
    }
}
