import Foundation

extension Keystore {
    /// Opens a keystore, recognising JKS, PKCS #12 and PEM from the content (never the file name).
    ///
    /// `keyPasswords` (by alias) opens keys that have their own password (JKS; PKCS #12 from older Java tools); a
    /// key that neither the store password nor its entry there opens stays locked (`Entry.isLocked`) and is
    /// written back unchanged.
    public static func open(data: Data, password: Secret, keyPasswords: [String: Secret] = [:]) throws -> Keystore {
        var store: Keystore
        switch KeystoreFormat.detect(data) {
        case .jks:
            store = try openJKS(data, password: password, keyPasswords: keyPasswords)
        case .pkcs12:
            let p12 = try PKCS12Keystore.readingLegacyToo(data: data, password: password)
            store = Keystore(format: .pkcs12, entries: p12.entries.map(Entry.init))
            store.skippedContents = p12.skippedContents
            for locked in p12.lockedKeys {
                store.entries.insert(.locked(locked, password: password, keyPassword: keyPasswords.first { $0.key.lowercased() == locked.alias.lowercased() }?.value),
                                     at: min(locked.index, store.entries.count))
            }
        case .pem:
            store = try PEMBundle.read(String(decoding: data, as: UTF8.self), password: password)
        case .unknown:
            if let foreign = ForeignKeystoreFormat.detect(data) { throw foreign.error }
            if data.count < 4 { throw KeyMaterialError.corrupt("the file is empty or truncated") }
            throw KeyMaterialError.unsupported("not a JKS, PKCS #12 or PEM keystore")
        }
        store.storePassword = password
        return store
    }

    /// False when `data` opens without a password: a PEM file whose keys are not encrypted, or that holds
    /// certificates only. JKS and PKCS #12 stores are always protected by one.
    public static func needsPassword(data: Data) -> Bool {
        guard KeystoreFormat.detect(data) == .pem else { return true }
        return PEMBundle.hasEncryptedKey(String(decoding: data, as: UTF8.self))
    }

    /// The bytes of the store in `format` (its own by default), protected by `password`.
    ///
    /// JKS keys keep their own passwords (locked ones their bytes); so do the keys of a PKCS #12 store written
    /// back as PKCS #12, while a JKS store converted to PKCS #12 protects every key with `password` (as keytool
    /// does), so its keys must be open; PEM encrypts keys with `password` unless it is empty.
    public func serialized(format: KeystoreFormat? = nil, password: Secret) throws -> Data {
        try validateForWriting()
        // A PKCS #12 store keeps the password it was opened with, whatever it is; any other is new.
        if format ?? self.format == .pkcs12, !(self.format == .pkcs12 && storePassword.map(password.isEqual) == true) {
            try Self.checkNewPassword(password, format: .pkcs12)
        }
        switch format ?? self.format {
        case .jks:
            return try JKSFile(items: entries.map { try $0.jksItem(storePassword: password) }).serialized(password: password)
        case .pkcs12:
            return try PKCS12Keystore.serialize(entries.map { try $0.pkcs12Item(keepOwnPassword: self.format == .pkcs12) }, password: password)
        case .pem:
            return Data(try PEMBundle.write(entries, password: password).utf8)
        case .unknown:
            throw KeyMaterialError.invalidArgument("choose a format to write: jks, pkcs12 or pem")
        }
    }

    private func validateForWriting() throws {
        var seen = Set<String>()
        for entry in entries {
            guard !entry.alias.isEmpty else { throw KeyMaterialError.invalidArgument("an entry has an empty alias") }
            guard seen.insert(entry.alias.lowercased()).inserted else {
                throw KeyMaterialError.invalidArgument("alias \(entry.alias) is used twice")
            }
            guard !entry.chain.isEmpty else { throw KeyMaterialError.invalidArgument("entry \(entry.alias) has no certificate") }
            if let key = entry.privateKey, !key.matches(entry.chain[0]) {
                throw KeyMaterialError.invalidArgument("the certificate of \(entry.alias) does not match its key, so the store is not written; import a CA "
                                                       + "reply for the key (keystore import --alias \(entry.alias) --file REPLY) or delete the entry")
            }
        }
    }

    private static func openJKS(_ data: Data, password: Secret, keyPasswords: [String: Secret]) throws -> Keystore {
        let file = try JKSFile(data: data, password: password)
        let own = Dictionary(keyPasswords.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        let entries = try file.items.map { item -> Entry in
            switch item {
            case let .trusted(alias, created, certificate):
                return .trustedCertificate(alias: alias, certificate: certificate, created: created)
            case let .key(alias, created, protected, chain):
                let keyPassword = own[alias.lowercased()]
                do {
                    let key = try JKSKeyProtector.recover(protected, password: keyPassword ?? password)
                    let distinct = keyPassword.map { !$0.isEqual(to: password) } == true
                    return .privateKey(alias: alias, key: key, chain: chain, keyPassword: distinct ? keyPassword : nil, created: created)
                } catch let error as KeyMaterialError where error.code == .wrongPassword {
                    // A password given for this very key that does not open it is a mistake to report, not a lock.
                    if keyPassword != nil { throw KeyMaterialError.wrongPassword("the key password of \(alias) is incorrect", fix: KeyMaterialError.keyPasswordFix) }
                    return Entry(alias: alias, kind: .privateKey, chain: chain, created: created, keyState: .locked(.jks(protected)))
                }
            }
        }
        return Keystore(format: .jks, entries: entries)
    }
}

extension Keystore.Entry {
    init(_ entry: KeystoreEntry) {
        switch entry {
        case let .privateKey(alias, key, chain): self = .privateKey(alias: alias, key: key, chain: chain)
        case let .trustedCertificate(alias, certificate): self = .trustedCertificate(alias: alias, certificate: certificate)
        }
    }

    /// Java lower-cases JKS aliases (`JavaKeyStore.convertAlias`), so keytool finds them whatever case is asked.
    func jksItem(storePassword: Secret) throws -> JKSFile.Item {
        let created = self.created ?? Date()
        switch keyState {
        case .none:
            return .trusted(alias: alias.lowercased(), created: created, certificate: chain[0])
        case .locked(.jks(let protected)):
            return .key(alias: alias.lowercased(), created: created, protected: protected, chain: chain)
        case .locked(.pkcs12):
            throw KeyMaterialError.keyPasswordNeeded(alias, " to write the store as JKS")
        case .open(let key, let own):
            let protected = try JKSKeyProtector.protect(key, password: own ?? storePassword)
            return .key(alias: alias.lowercased(), created: created, protected: protected, chain: chain)
        }
    }

    /// A locked PKCS #12 key is written back as it was read.
    static func locked(_ locked: PKCS12Keystore.LockedKey, password: Secret, keyPassword: Secret?) -> Self {
        for candidate in [keyPassword, password].compactMap({ $0 }) {
            // The store password is tried too: only the private legacy context may decrypt an RC2 key.
            if let key = try? PKCS12ShroudedKey.decrypt(locked.encrypted, password: candidate) {
                let own = candidate.isEqual(to: password) ? nil : candidate
                return .privateKey(alias: locked.alias, key: key, chain: locked.chain, keyPassword: own)
            }
        }
        return Self(alias: locked.alias, kind: .privateKey, chain: locked.chain, created: nil, keyState: .locked(.pkcs12(locked.encrypted)))
    }

    /// The entry for a PKCS #12 file; `keepOwnPassword` keeps a key's own password (a PKCS #12 store written
    /// back), otherwise the store password protects it (a JKS store converted, as keytool does).
    func pkcs12Item(keepOwnPassword: Bool) throws -> PKCS12Keystore.Item {
        switch keyState {
        case .none:
            return .trusted(alias: alias, certificate: chain[0])
        case .open(let key, let own):
            return .key(alias: alias, key: key, chain: chain, password: keepOwnPassword ? own : nil)
        case .locked(.pkcs12(let encrypted)):
            return .lockedKey(alias: alias, chain: chain, encrypted: encrypted)
        case .locked(.jks):
            throw KeyMaterialError.keyPasswordNeeded(alias, " to convert or write the store as PKCS #12")
        }
    }
}
