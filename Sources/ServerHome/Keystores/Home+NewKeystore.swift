import Foundation
import KeyMaterial

/// A keystore that does not exist yet, made by the entry written to it, as keytool -genkeypair and -importcert create
/// the store they name: its format comes from its name, its folder must exist (keytool does not make one either), and
/// its password must be one keytool takes for a new store, so that keytool and the server open what is written.
/// The CLI's genkey and import and the console's new-keystore form plan it here, by the same rules.
extension Home {
    /// The format a new keystore named `path` is written in: .p12/.pfx PKCS #12, .jks JKS; nil for any other name.
    public static func newKeystoreFormat(_ path: String) -> KeystoreFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "p12", "pfx": .pkcs12
        case "jks": .jks
        default: nil
        }
    }

    /// keytool's shortest password for a new store.
    public static let newKeystorePasswordMinimum = 6

    /// Why `password` cannot protect a new keystore in `format`, or nil: keytool's minimum length, and ASCII for
    /// PKCS #12 (`Keystore.checkNewPassword`).
    public static func newKeystorePasswordProblem(_ password: Secret, format: KeystoreFormat?) -> String? {
        guard password.count >= newKeystorePasswordMinimum else {
            return "the new store password is shorter than \(newKeystorePasswordMinimum) characters (keytool refuses those too)"
        }
        do { try Keystore.checkNewPassword(password, format: format ?? .unknown) } catch {
            return (error as? KeyMaterialError)?.reason ?? "\(error)"
        }
        return nil
    }

    /// True when nothing is at `keystore`'s path, not even a dangling link or a file nobody may read: writing creates it.
    public func isNew(_ keystore: HomeKeystore) -> Bool { isNewFile(keystore.path) }

    private func isNewFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(fullPath(path), &info) != 0 && errno == ENOENT
    }

    /// Refuses a new keystore outside the home or in a folder that does not exist; checked before a password is asked for.
    public func checkNewKeystorePlace(_ keystore: HomeKeystore) throws(HomeError) { try checkNewKeystorePlace(keystore.path) }

    private func checkNewKeystorePlace(_ path: String) throws(HomeError) {
        let absolute = FileSystem.absolute(fullPath(path))
        guard relativePath(absolute) != nil else {
            throw HomeError(.keystoreOperationFailed, "\(path) is outside the home \(root): keystores are created inside a home only",
                            fix: "Name a file in the home's keystores/ folder, or give --home the folder that holds it.")
        }
        let folder = (absolute as NSString).deletingLastPathComponent
        guard FileSystem.isDirectory(folder) else {
            throw HomeError(.keystoreOperationFailed, "Cannot create \(path): the folder \(folder) does not exist",
                            fix: "Create it first (mkdir -p \(Home.shellWord(folder))), or name a file in an existing folder.")
        }
    }

    /// The format a new keystore at `path` (relative to the home) is written in, once every rule of its place allows
    /// it: inside the home, in a folder that exists, over no file, named .jks, .p12 or .pfx.
    public func checkNewKeystore(at path: String) throws(HomeError) -> KeystoreFormat {
        try checkNewKeystorePlace(path)
        guard isNewFile(path) else {
            throw HomeError(.keystoreOperationFailed, "\(path) exists: a new keystore is never written over a file",
                            fix: "Name another file; to change this one, open it with its password.")
        }
        guard let format = Home.newKeystoreFormat(path) else {
            throw HomeError(.keystoreOperationFailed, "\(path): the extension does not say which keystore to create",
                            fix: "Name it .p12 (or .pfx) for PKCS #12, .jks for JKS.")
        }
        return format
    }

    /// Plans creating `keystore` (its format from its name, `checkNewKeystore`) with `password`, holding what `edit`
    /// puts in an empty store. Written owner-only (0600) as every keystore; undo deletes it.
    public func planNewKeystore(_ keystore: HomeKeystore, password: Secret, summary: String,
                                edit: (inout Keystore) throws -> Void) throws -> Change {
        let format = try checkNewKeystore(at: keystore.path)
        if let problem = Home.newKeystorePasswordProblem(password, format: format) {
            throw HomeError(.keystoreOperationFailed, "\(keystore.path): \(problem)",
                            fix: "Give a password of \(Home.newKeystorePasswordMinimum) characters or more"
                                + (format == .pkcs12 ? ", in ASCII." : "."))
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
