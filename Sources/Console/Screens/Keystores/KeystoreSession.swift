import Foundation
import KeyMaterial
import ServerHome

/// A keystore opened in the console: the home's keystore, the store as read and the password that opened it.
/// Operations change a copy planned through the home; only a committed change replaces what the session holds.
final class KeystoreSession {
    let home: Home
    let keystore: HomeKeystore
    private(set) var store: Keystore
    private(set) var password: Secret
    /// The file as it was read: a plan refuses a file changed since (another console, keytool), rather than
    /// overwrite what it never showed.
    private var bytes: [UInt8]

    /// Reads and opens the keystore; a wrong password and a damaged file throw different `HomeError` codes.
    init(home: Home, keystore: HomeKeystore, password: Secret) throws {
        self.home = home
        self.keystore = keystore
        self.password = password
        bytes = try home.fileBytes(keystore.path)
        store = try home.openKeystore(keystore, password: password)
    }

    /// The file, relative to the home.
    var file: String { keystore.path }
    var name: String { (file as NSString).lastPathComponent }
    var formatName: String { KeystoreFilesScreen.formatName(store.format) }

    /// Reads the file again with the same password.
    func reload() throws {
        let fresh = try home.fileBytes(file)
        store = try home.openKeystore(keystore, password: password)
        bytes = fresh
    }

    /// Opens a key that has a password of its own, for this session only (the file is not touched).
    func unlock(alias: String, password: Secret) throws {
        try store.unlockKey(alias: alias, password: password)
    }

    /// The file changed on disk after it was opened.
    struct ChangedSinceOpened: Error {
        let file: String
    }

    /// A planned rewrite of the store: the change to confirm, and what the session holds once it is written.
    struct Plan {
        let change: Change
        let store: Keystore
        let password: Secret
    }

    /// Applies `edit` to a copy of the store and plans writing it back in its format (owner-only).
    func plan(_ summary: String, newPassword: Secret? = nil, _ edit: (inout Keystore) throws -> Void) throws -> Plan {
        var copy = store
        try edit(&copy)
        let password = newPassword ?? self.password
        let change = try home.planKeystoreWrite(copy, to: file, password: password, summary: summary, previous: store)
        guard change.edits.first?.before == bytes else { throw ChangedSinceOpened(file: file) }
        return Plan(change: change, store: copy, password: password)
    }

    /// Writes a planned rewrite and takes it as the session's state.
    @discardableResult
    func commit(_ plan: Plan) throws -> ChangeRecord {
        let record = try home.commit(plan.change)
        store = plan.store
        password = plan.password
        bytes = plan.change.edits.first?.after ?? bytes
        return record
    }
}
