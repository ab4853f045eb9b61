import Foundation

/// Offline checks of a service keytab: it can be read, only by its owner (and group), and holds strong keys for
/// the principal the service logs in as.
struct KeytabCheck {
    let path: String
    /// The path as the configuration writes it, for messages.
    var shown: String
    let principal: String?
    /// The krb5.conf whose default realm completes a principal written without `@REALM`.
    let krb5Path: String

    func findings() -> [KerberosFinding] {
        if path.contains("${") {
            return [KerberosFinding(.warning, "keytab.unresolved", "\(shown) uses a Java property that only the runtime can expand; the keytab was not checked")]
        }
        var findings: [KerberosFinding] = []
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & 0o004 != 0 {
            findings.append(KerberosFinding(.error, "keytab.permissions", "\(shown) is readable by every user of this host, and its keys let anyone act as the service",
                                            fix: "chmod 600 \(path) (or 640 with the runtime's group)."))
        }
        let entries: [KeytabEntry]
        switch Keytab.entries(path: path) {
        case .success(let read): entries = read
        case .failure(let error):
            let missing = error.code == .fileNotFound
            return findings + [KerberosFinding(.error, missing ? "keytab.missing" : "keytab.invalid", error.reason,
                                               fix: missing ? "Export the service key, \(Keytab.export(path, principal ?? "PRINCIPAL")), or correct keyTab=." : "Export the keytab again.")]
        }
        guard let principal else { return findings }
        let full = qualified(principal)
        let keys = entries.filter { $0.principal == full || ($0.principal == principal && principal.contains("@")) }
        guard !keys.isEmpty else {
            let held = Set(entries.map(\.principal)).sorted()
            // Kerberos names are case-sensitive (realms are upper case by convention): a name differing only in case
            // is a typing slip, not a missing key.
            let fix = held.first { $0.lowercased() == full.lowercased() }.map {
                "Principal and realm names are case-sensitive: write principal=\"\($0)\", the name the keytab holds."
            } ?? "Export the key of \(full) into it, or set principal= to one it holds."
            return findings + [KerberosFinding(.error, "keytab.principal.missing",
                                               "\(shown) holds no key for \(full) (it holds: \(held.isEmpty ? "nothing" : held.joined(separator: ", ")))", fix: fix)]
        }
        let newest = keys.map(\.kvno).max() ?? 0
        let current = keys.filter { $0.kvno == newest }
        let weak = current.map { $0.enctype.lowercased() }.filter { Enctypes.weak.contains($0) || Enctypes.broken.contains($0) }
        if !weak.isEmpty {
            let onlyWeak = weak.count == current.count
            findings.append(KerberosFinding(onlyWeak ? .error : .warning, "keytab.enctype.weak",
                                            "the keys of \(full) in \(shown) include weak types: \(weak.joined(separator: ", "))",
                                            fix: "Give the principal AES keys on the KDC and export the keytab again."))
        }
        findings.append(KerberosFinding(.info, "keytab.ok", "\(shown) holds \(full), key version \(newest): \(current.map(\.enctype).joined(separator: ", "))"))
        return findings
    }

    private func qualified(_ principal: String) -> String {
        guard !principal.contains("@") else { return principal }
        guard let context = try? KerberosContext(configPath: krb5Path), let realm = context.defaultRealm else { return principal }
        return principal + "@" + realm
    }
}
