import Foundation
import KeyMaterial

/// `wssconsole krb5 check`: a krb5.conf read as libkrb5 and Java read it, loaded by libkrb5 itself, and (live)
/// each realm's KDC asked for an answer.
public struct Krb5Check: Sendable {
    /// The file to check.
    public var path: String
    /// How findings name the file (the path relative to the home, say).
    public var displayName: String
    /// Whether to talk to the KDCs.
    public var live: Bool
    /// Seconds one KDC exchange may take.
    public var timeout: Double

    public init(path: String, displayName: String? = nil, live: Bool = true, timeout: Double = 5) {
        self.path = path
        self.displayName = displayName ?? path
        self.live = live
        self.timeout = timeout
    }

    /// Every finding, file findings first (in line order), then the live ones.
    public func run() -> [KerberosFinding] {
        guard let data = FileBytes.read(path) else {
            return [KerberosFinding(.error, "krb5.missing", "\(displayName) does not exist or cannot be read", file: displayName,
                                    fix: "Create it: wssconsole krb5 set-default-realm REALM, then wssconsole krb5 realm set REALM --kdc HOST:PORT.")]
        }
        let document = Krb5Document(bytes: [UInt8](data))
        var findings = Krb5Lint.findings(in: document).about(displayName)
        guard libraryAccepts(&findings) else { return findings }
        guard live else { return findings }
        var realms: [String] = []
        if let realm = document.defaultRealm { realms.append(realm) }
        for realm in document.realms where !realm.kdcs.isEmpty && !realms.contains(realm.name) { realms.append(realm.name) }
        if realms.isEmpty {
            findings.append(KerberosFinding(.warning, "kdc.none", "\(displayName) names no realm to reach", file: displayName,
                                            fix: "Set default_realm and a realm with its kdc."))
        }
        let probe = LiveProbe(configPath: path, timeout: timeout)
        for realm in realms.prefix(8) { findings.append(probe.reachKDC(realm: realm)) }
        return findings
    }

    /// libkrb5 must load the file (it rejects some mistakes the line checks also report, without a line number).
    private func libraryAccepts(_ findings: inout [KerberosFinding]) -> Bool {
        do {
            _ = try KerberosContext(configPath: path)
            return true
        } catch {
            findings.append(KerberosFinding(.error, "krb5.libkrb5", "libkrb5 refuses the file: \(error.reason)", file: displayName,
                                            fix: "Correct the lines reported above; libkrb5 reads nothing from a file it refuses."))
            return false
        }
    }
}
