import Foundation
import KerberosConfig

/// The `$EDITOR` route: the file's current bytes, and the offline checks of a proposed text before it is saved.
extension Home {
    /// A Kerberos file's path relative to the home and its bytes (nil when it does not exist).
    public func kerberosFileBytes(_ file: KerberosFile) throws(HomeError) -> (path: String, bytes: [UInt8]?) {
        let settings = try settings()
        let path = file == .krb5 ? settings.krb5Conf : settings.jaasConf
        return (path, FileSystem.read(FileSystem.join(root, path)))
    }

    /// The offline checks of `bytes` as the new text of `file` (libkrb5 loads a private copy of a krb5.conf); the
    /// findings name the home's file.
    public func checkKerberosText(_ file: KerberosFile, bytes: [UInt8]) -> [KerberosFinding] {
        guard let settings = try? settings() else { return [] }
        let folder = NSTemporaryDirectory() + "wssconsole-check-" + UUID().uuidString
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false,
                                                        attributes: [.posixPermissions: 0o700])) != nil else { return [] }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/" + (file == .krb5 ? "krb5.conf" : "jaas.conf")
        guard FileManager.default.createFile(atPath: copy, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else { return [] }
        switch file {
        case .krb5:
            return Krb5Check(path: copy, displayName: settings.krb5Conf, live: false).run()
        case .jaas:
            var check = JAASCheck(path: copy, displayName: settings.jaasConf, krb5Path: FileSystem.join(root, settings.krb5Conf), baseDirectory: root)
            check.live = false
            return check.run()
        }
    }
}
