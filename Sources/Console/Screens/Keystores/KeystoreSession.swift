import Foundation
import KeyMaterial
import ServerHome

/// A keystore opened in the console: its file, the bytes it was read from (a write refuses a file changed since),
/// the store as read and the password that opened it. Operations change a copy; only a committed change replaces
/// what the session holds.
final class KeystoreSession {
    let home: Home
    /// The file, relative to the home.
    let file: String
    private(set) var store: Keystore
    private(set) var password: Secret
    private(set) var bytes: [UInt8]

    /// Reads and opens `file`; a wrong password and a damaged file throw different `KeyMaterialError` codes.
    init(home: Home, file: String, password: Secret) throws {
        self.home = home
        self.file = file
        self.password = password
        bytes = try home.fileBytes(file)
        store = try Keystore.open(data: Data(bytes), password: password)
    }

    var name: String { (file as NSString).lastPathComponent }

    var formatName: String { KeystoreFilesScreen.formatName(store.format) }

    /// Reads the file again with the same password.
    func reload() throws {
        let fresh = try home.fileBytes(file)
        store = try Keystore.open(data: Data(fresh), password: password)
        bytes = fresh
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
        let data = try copy.serialized(password: password)
        let change = home.planFileWrite(summary, path: file, bytes: Array(data), before: bytes, secret: true)
        return Plan(change: change, store: copy, password: password)
    }

    /// Writes a planned rewrite and takes it as the session's state.
    func commit(_ plan: Plan) throws {
        try home.commit(plan.change)
        store = plan.store
        password = plan.password
        bytes = plan.change.edits.first?.after ?? bytes
    }
}
