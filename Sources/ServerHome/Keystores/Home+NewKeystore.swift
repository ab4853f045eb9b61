import Foundation
import KeyMaterial

/// A keystore that does not exist yet, made by the entry written to it, as keytool -genkeypair and -importcert create
/// the store they name: its format comes from its name, its folder must exist (keytool does not make one either), and
/// its password must be one keytool takes for a new store, so that keytool and the server open what is written.
extension Home {
    /// The format a new keystore named `path` is written in: .p12/.pfx PKCS #12, .jks JKS; nil for any other name.
    public static func newKeystoreFormat(_ path: String) -> KeystoreFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "p12", "pfx": .pkcs12
        case "jks": .jks
        default: nil
        }
    }

    /// True when nothing is at `keystore`'s path, not even a dangling link or a file nobody may read: writing creates it.
    public func isNew(_ keystore: HomeKeystore) -> Bool {
        var info = stat()
        return lstat(fullPath(keystore.path), &info) != 0 && errno == ENOENT
    }

    /// Refuses a new keystore outside the home or in a folder that does not exist; checked before a password is asked for.
    public func checkNewKeystorePlace(_ keystore: HomeKeystore) throws(HomeError) {
        let absolute = FileSystem.absolute(fullPath(keystore.path))
        guard relativePath(absolute) != nil else {
            throw HomeError(.keystoreOperationFailed, "\(keystore.path) is outside the home \(root): keystores are created inside a home only",
                            fix: "Name a file in the home's keystores/ folder, or give --home the folder that holds it.")
        }
        let folder = (absolute as NSString).deletingLastPathComponent
        guard FileSystem.isDirectory(folder) else {
            throw HomeError(.keystoreOperationFailed, "Cannot create \(keystore.path): the folder \(folder) does not exist",
                            fix: "Create it first (mkdir -p \(Home.shellWord(folder))), or name a file in an existing folder.")
        }
    }

    /// Plans creating `keystore` in `format` (PKCS #12 or JKS) with `password`, holding what `edit` puts in an empty
    /// store. Written owner-only (0600) as every keystore; undo deletes it.
    public func planNewKeystore(_ keystore: HomeKeystore, format: KeystoreFormat, password: Secret, summary: String,
                                edit: (inout Keystore) throws -> Void) throws -> Change {
        try checkNewKeystorePlace(keystore)
        guard format == .pkcs12 || format == .jks else {
            throw HomeError(.keystoreOperationFailed, "\(keystore.path): new keystores are PKCS #12 or JKS, not \(format.rawValue)")
        }
        guard password.count >= 6 else {
            throw HomeError(.keystoreOperationFailed, "\(keystore.path): the new store password is shorter than 6 characters (keytool refuses those too)",
                            fix: "Give a password of 6 characters or more.")
        }
        let empty = Keystore(format: format)
        var store = empty
        do { try edit(&store) } catch let error as KeyMaterialError {
            throw HomeError(keystoreError: error, path: keystore.path, format: format)
        }
        let kind = format == .pkcs12 ? "PKCS #12" : "JKS"
        var change = try planKeystoreWrite(store, to: keystore.path, format: format, password: password,
                                           summary: "create the \(kind) keystore \(keystore.path): \(summary)", previous: empty)
        change.notes.insert("\(keystore.path): a new \(kind) keystore, owner-only (0600)", at: 0)
        return change
    }
}
