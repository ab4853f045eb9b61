import Foundation
import KerberosConfig
import ServerHome

/// A private copy of the repository's demo home for one test, pointed at the test KDC on request.
final class KerberosHome {
    let root: String
    let home: Home

    init() throws {
        root = NSTemporaryDirectory() + "wssconsole-krbhome-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["conf", "keystores"] {
            try FileManager.default.copyItem(atPath: TestKDC.repository + "/" + folder, toPath: root + "/" + folder)
        }
        home = try Home.open(root)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func text(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: root + "/" + relative, atomically: true, encoding: .utf8)
    }

    /// Points the home's krb5.conf at the test KDC (by the home's own edits) and gives it the service keytab.
    func useTestKDC(_ kdc: TestKDC) throws {
        try home.commit(home.planKrb5Edit("test KDC") { (d: inout Krb5Document) throws(KerberosConfigError) in
            try d.setDefaultRealm(kdc.realm)
            try d.setRealm(kdc.realm, kdcs: ["127.0.0.1:\(kdc.port)"], adminServer: nil)
            try d.removeRealm("EXAMPLE.COM")
        })
        let keytab = root + "/keystores/service.keytab"
        try FileManager.default.copyItem(atPath: kdc.serviceKeytab, toPath: keytab)
        chmod(keytab, 0o600)
    }
}
