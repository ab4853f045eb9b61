import KerberosConfig

/// krb5.conf and jaas.conf as home operations: read them, and plan structured edits as `Change`s that go through
/// the home's one write path (history, lock, audit, undo) like every other change.
extension Home {
    /// The home's krb5.conf: its path relative to the home, and its parsed text (empty when the file is missing).
    public func krb5File() throws(HomeError) -> (path: String, document: Krb5Document, exists: Bool) {
        let path = try settings().krb5Conf
        let bytes = FileSystem.read(FileSystem.join(root, path))
        return (path, Krb5Document(bytes: bytes ?? []), bytes != nil)
    }

    /// Where the home's krb5.conf is: the file Micro Integrator's Kerberos service reads (java.security.krb5.conf).
    public func krb5ConfPath() throws(HomeError) -> String { FileSystem.join(root, try settings().krb5Conf) }

    /// The home's jaas.conf: its path relative to the home, and its parsed text (empty when the file is missing).
    public func jaasFile() throws(HomeError) -> (path: String, document: JAASDocument, exists: Bool) {
        let path = try settings().jaasConf
        let bytes = FileSystem.read(FileSystem.join(root, path))
        return (path, JAASDocument(bytes: bytes ?? []), bytes != nil)
    }

    /// The Kerberos login module of jaas.conf's `entry` ("Server", "Client"): what the home logs in with now, the
    /// likely answer when a form asks. Nil when the file, the entry or the module is missing.
    public func jaasModule(_ entry: String) -> JAASLoginModule? {
        (try? jaasFile().document.entry(entry)?.module()) ?? nil
    }

    /// The change that applies `edit` to krb5.conf (creating the file when missing); no edits when nothing changes.
    /// Throws `HomeError` for the home and `KerberosConfigError` when the edit is refused.
    public func planKrb5Edit(_ summary: String, _ edit: (inout Krb5Document) throws(KerberosConfigError) -> Void) throws -> Change {
        let path = try settings().krb5Conf
        let before = FileSystem.read(FileSystem.join(root, path))
        var document = Krb5Document(bytes: before ?? [])
        // Every structured edit, whichever document call it makes (remove does not throw), needs a sound file.
        do throws(KerberosConfigError) { try document.requireParsable() } catch { throw KerberosConfigError.unparsable("\(path) \(error.reason)") }
        try edit(&document)
        return Self.change(summary, path: path, before: before, after: document.bytes)
    }

    /// The change that applies `edit` to jaas.conf (creating the file when missing); no edits when nothing changes.
    public func planJaasEdit(_ summary: String, _ edit: (inout JAASDocument) throws(KerberosConfigError) -> Void) throws -> Change {
        let path = try settings().jaasConf
        let before = FileSystem.read(FileSystem.join(root, path))
        var document = JAASDocument(bytes: before ?? [])
        try edit(&document)
        return Self.change(summary, path: path, before: before, after: document.bytes)
    }

    /// The change that replaces a Kerberos file's whole text (after editing it in `$EDITOR`).
    public func planKerberosFileReplacement(_ file: KerberosFile, with bytes: [UInt8], before: [UInt8]?) throws(HomeError) -> Change {
        let settings = try settings()
        let path = file == .krb5 ? settings.krb5Conf : settings.jaasConf
        return Self.change("edit \(path) in an editor", path: path, before: before, after: bytes)
    }

    private static func change(_ summary: String, path: String, before: [UInt8]?, after: [UInt8]) -> Change {
        let unchanged = before.map { $0 == after } ?? after.isEmpty
        if unchanged { return Change(summary: summary, edits: []) }
        return Change(summary: summary, edits: [FileEdit(path: path, before: before, after: after)])
    }
}

/// Which of the two Kerberos files.
public enum KerberosFile: String, Sendable, CaseIterable {
    case krb5, jaas
}
