import Foundation

extension Keystore {
    /// Adds a new key pair with a self-signed certificate (SHA-256, end-entity) under `alias`.
    @discardableResult
    public mutating func generateKeyPair(alias: String, algorithm: KeyAlgorithm, subject: String, validityDays: Int,
                                         subjectAltNames: [SubjectAlternativeName] = []) throws -> Entry {
        try requireFree(alias)
        let key = try PrivateKey.generate(algorithm)
        let certificate = try Certificate.selfSigned(key: key, subject: subject, validityDays: validityDays, subjectAltNames: subjectAltNames)
        let entry = Entry.privateKey(alias: alias, key: key, chain: [certificate], created: Date())
        entries.append(entry)
        return entry
    }

    /// What importing a trusted certificate did.
    public enum TrustedImport: Sendable, Equatable {
        case added
        /// The same certificate (by SHA-256 fingerprint) is already in the store under this alias; nothing was added.
        case alreadyPresent(alias: String)
    }

    /// Adds `certificate` as a trusted entry, unless the store already holds it (then says under which alias;
    /// `allowDuplicate` adds it anyway, as keytool does after asking).
    @discardableResult
    public mutating func importTrustedCertificate(_ certificate: Certificate, alias: String, allowDuplicate: Bool = false) throws -> TrustedImport {
        try requireFree(alias)
        // A trusted entry first: a key pair's chain holding it trusts nothing, which the caller may want to say.
        if !allowDuplicate, let existing = entries.first(where: { $0.kind == .trustedCertificate && $0.chain.contains(certificate) })
            ?? entries.first(where: { $0.chain.contains(certificate) }) {
            return .alreadyPresent(alias: existing.alias)
        }
        entries.append(.trustedCertificate(alias: alias, certificate: certificate, created: Date()))
        return .added
    }

    /// Removes entry `alias`.
    public mutating func delete(alias: String) throws {
        entries.remove(at: try index(of: alias))
    }

    /// Renames entry `alias` to `newAlias` (which must be free, ignoring case; a change of case alone is allowed).
    public mutating func rename(alias: String, to newAlias: String) throws {
        let index = try index(of: alias)
        if newAlias.lowercased() != alias.lowercased() { try requireFree(newAlias) }
        guard !newAlias.isEmpty else { throw KeyMaterialError.invalidArgument("the new alias is empty") }
        try KeystoreAlias.check(newAlias)
        entries[index].alias = newAlias
    }

    /// Opens a key locked by its own password, keeping that password for writing.
    public mutating func unlockKey(alias: String, password: Secret) throws {
        let index = try index(of: alias)
        let key = try privateKey(alias: alias, password: password)
        entries[index].keyState = .open(key, password: password)
    }

    /// Gives the key of `alias` a new password (`old` must open it). JKS keys each have their own; a PKCS #12 key
    /// may (older Java tools), and the store password given as `new` makes it one password again.
    public mutating func changeKeyPassword(alias: String, old: Secret, new: Secret) throws {
        guard format == .jks || format == .pkcs12 else {
            throw KeyMaterialError.unsupported("a \(format.rawValue) store protects its keys with the store password; change that instead")
        }
        let index = try index(of: alias)
        let key = try privateKey(alias: alias, password: old)
        if storePassword.map(new.isEqual) != true { try Self.checkNewPassword(new, format: format) }
        let same = format == .pkcs12 && storePassword.map(new.isEqual) == true
        entries[index].keyState = .open(key, password: same ? nil : new)
    }

    /// Records `new` as the store password. JKS keys that used the old one keep it, as with `keytool -storepasswd`
    /// (WSO2 configures key and store passwords separately), unless `keysToo`; other formats use one password.
    public mutating func changeStorePassword(old: Secret, new: Secret, keysToo: Bool = false) throws {
        if let current = storePassword, !current.isEqual(to: old) {
            throw KeyMaterialError.wrongPassword("the current store password is incorrect")
        }
        try Self.checkNewPassword(new, format: format)
        if format == .jks && !keysToo {
            for index in entries.indices {
                if case .open(let key, nil) = entries[index].keyState { entries[index].keyState = .open(key, password: old) }
            }
        }
        storePassword = new
    }

    /// Refuses a new password for a PKCS #12 store that is not ASCII: Java 17's keytool (so Micro Integrator) calls
    /// the password of such a file OpenSSL wrote incorrect, as the two encode non-ASCII passwords differently.
    /// Existing stores with such a password still open and are written back with it.
    public static func checkNewPassword(_ password: Secret, format: KeystoreFormat) throws {
        guard format == .pkcs12, password.withUnsafeBytes({ $0.contains { $0 >= 0x80 } }) else { return }
        throw KeyMaterialError.invalidArgument("Java and so Micro Integrator cannot open a PKCS #12 store whose password is not ASCII; use ASCII, or a JKS store")
    }

    /// Checks the alias of a new entry: allowed (see `KeystoreAlias`) and not taken.
    func requireFree(_ alias: String) throws {
        try KeystoreAlias.check(alias)
        if let existing = entry(alias: alias) {
            throw KeyMaterialError.invalidArgument("alias \(PrintableText.escaped(existing.alias)) already exists; choose another or delete it first")
        }
    }
}
