import COpenSSL
import CShims
import Foundation

extension PKCS12Keystore {
    /// Reads a PKCS #12 file.
    ///
    /// Fails with `.wrongPassword` when the MAC (or, without a MAC, decryption) rejects `password`,
    /// and with `.corrupt` when the bytes are not a well-formed PKCS #12 structure.
    public init(data: Data, password: Secret) throws {
        let p12: OpaquePointer? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            return d2i_PKCS12(nil, &cursor, raw.count)
        }
        guard let p12 else {
            throw KeyMaterialError.corrupt(OpenSSLErrors.appending(to: "not a PKCS #12 file"))
        }
        defer { PKCS12_free(p12) }
        let hasMAC = PKCS12_mac_present(p12) == 1
        if hasMAC {
            var iterations: UnsafePointer<ASN1_INTEGER>?
            PKCS12_get0_mac(nil, nil, nil, &iterations, p12)
            try PBEWork.check(iterations: iterations, what: "the keystore's integrity check (MAC)")
        }
        let bags = try password.withCString { pass -> [Bag] in
            if hasMAC, PKCS12_verify_mac(p12, pass, -1) != 1 {
                // A MAC that cannot be computed at all (unknown digest) is not a password problem.
                let detail = OpenSSLErrors.drain()
                if detail.contains("mac verify failure") || detail.isEmpty {
                    // A MAC alone cannot tell a wrong password from altered bytes; a safe the password decrypts can.
                    if BagReader(password: pass, macVerified: false).decryptsASafe(p12) {
                        throw KeyMaterialError.corrupt("the password decrypts the keystore, but its integrity check (MAC) fails: the file was altered")
                    }
                    throw KeyMaterialError.wrongPassword("the keystore password is incorrect (or the file was altered)")
                }
                throw KeyMaterialError.unsupported("cannot verify the keystore MAC (\(detail))")
            }
            return try BagReader(password: pass, macVerified: hasMAC).read(p12)
        }
        self = try Self.assemble(bags)
    }

    /// A safe bag reduced to what entries are built from.
    struct Bag {
        enum Content {
            case key(PrivateKey)
            /// A shrouded key the store password does not decrypt: its EncryptedPrivateKeyInfo.
            case lockedKey(Data)
            case certificate(Certificate, trusted: Bool)
            case other(String)
        }
        var content: Content
        var friendlyName: String?
        var localKeyID: Data?
    }

    /// Pairs keys with their certificates by localKeyID and orders each chain leaf first.
    static func assemble(_ bags: [Bag]) throws -> PKCS12Keystore {
        // Entries keep the order of their certificates in the file, which is the order they were written.
        var entries: [(position: Int, entry: KeystoreEntry)] = []
        var locked: [(position: Int, key: LockedKey)] = []
        var skipped: [String] = []
        var used = Set<Int>()
        let certificates: [(index: Int, certificate: Certificate, trusted: Bool)] = bags.enumerated().compactMap {
            if case let .certificate(certificate, trusted) = $0.element.content { return ($0.offset, certificate, trusted) }
            return nil
        }
        for (index, bag) in bags.enumerated() {
            switch bag.content {
            case .key, .lockedKey:
                let key: PrivateKey? = if case .key(let key) = bag.content { key } else { nil }
                let leaf = certificates.first { bags[$0.index].localKeyID != nil && bags[$0.index].localKeyID == bag.localKeyID }
                    ?? certificates.first { !$0.trusted && key?.matches($0.certificate) == true }
                guard let leaf else {
                    skipped.append("private key \(bag.friendlyName ?? "#\(index + 1)") without a certificate")
                    continue
                }
                used.insert(leaf.index)
                var chain = [leaf.certificate]
                while let last = chain.last, !last.isSelfIssued,
                      let issuer = certificates.first(where: { !$0.trusted && !chain.contains($0.certificate) && $0.certificate.issued(last) }) {
                    chain.append(issuer.certificate)
                    used.insert(issuer.index)
                }
                let alias = bag.friendlyName ?? bags[leaf.index].friendlyName ?? "key\(entries.count + locked.count + 1)"
                if let key {
                    entries.append((leaf.index, .privateKey(alias: alias, key: key, chain: chain)))
                } else if case .lockedKey(let encrypted) = bag.content {
                    locked.append((leaf.index, LockedKey(index: 0, alias: alias, chain: chain, encrypted: encrypted)))
                }
            case .certificate(let certificate, trusted: true):
                used.insert(index)
                let alias = bag.friendlyName ?? certificate.sha256Fingerprint
                entries.append((index, .trustedCertificate(alias: alias, certificate: certificate)))
            case .certificate:
                continue  // resolved after all keys have claimed their chains
            case .other(let description):
                skipped.append(description)
            }
        }
        for (index, certificate, trusted) in certificates where !trusted && !used.contains(index) {
            skipped.append("certificate \(certificate.subject) neither trusted nor part of a key's chain")
        }
        let ordered = entries.sorted { $0.position < $1.position }.map(\.entry)
        // Each locked key's place among all entries, so the store lists them in file order.
        let lockedKeys = locked.map { item in
            LockedKey(index: entries.count(where: { $0.position < item.position }) + locked.count(where: { $0.position < item.position }),
                      alias: item.key.alias, chain: item.key.chain, encrypted: item.key.encrypted)
        }.sorted { $0.index < $1.index }
        var store = PKCS12Keystore(entries: ordered, skippedContents: skipped)
        store.lockedKeys = lockedKeys
        return store
    }
}

/// Walks the authenticated safes of a PKCS #12 structure and decodes every bag.
private struct BagReader {
    let password: UnsafePointer<CChar>
    let macVerified: Bool

    func read(_ p12: OpaquePointer) throws -> [PKCS12Keystore.Bag] {
        guard let safes = PKCS12_unpack_authsafes(p12) else {
            throw KeyMaterialError.corrupt(OpenSSLErrors.appending(to: "cannot unpack the PKCS #12 safes"))
        }
        defer { cs_sk_PKCS7_pop_free(safes) }
        var result: [PKCS12Keystore.Bag] = []
        for i in 0..<cs_sk_PKCS7_num(safes) {
            guard let p7 = cs_sk_PKCS7_value(safes, i) else { continue }
            let bags: OpaquePointer?
            switch OBJ_obj2nid(p7.pointee.type) {
            case NID_pkcs7_data: bags = PKCS12_unpack_p7data(p7)
            case NID_pkcs7_encrypted:
                try PBEWork.check(p7.pointee.d.encrypted?.pointee.enc_data?.pointee.algorithm, what: "an encrypted part of the keystore")
                bags = PKCS12_unpack_p7encdata(p7, password, -1)
            default:
                result.append(.init(content: .other("a safe of unsupported type (public-key encrypted?)")))
                continue
            }
            guard let bags else { throw decryptionFailure("cannot decrypt a safe of the keystore") }
            defer { cs_sk_PKCS12_SAFEBAG_pop_free(bags) }
            try result.append(contentsOf: read(bags: bags))
        }
        return result
    }

    /// True when the password decrypts an encrypted safe (one within the work limits): only the store password
    /// encrypts those, so it is right whatever the MAC says. A key that it decrypts proves nothing: it may be that
    /// key's own password (see `PKCS12ShroudedKey`).
    func decryptsASafe(_ p12: OpaquePointer) -> Bool {
        defer { OpenSSLErrors.clear() }
        guard let safes = PKCS12_unpack_authsafes(p12) else { return false }
        defer { cs_sk_PKCS7_pop_free(safes) }
        for i in 0..<cs_sk_PKCS7_num(safes) {
            guard let p7 = cs_sk_PKCS7_value(safes, i), OBJ_obj2nid(p7.pointee.type) == NID_pkcs7_encrypted,
                  (try? PBEWork.check(p7.pointee.d.encrypted?.pointee.enc_data?.pointee.algorithm, what: "")) != nil else { continue }
            // Older tools encrypted certificates with RC2, which only the legacy context offers.
            var bags = PKCS12_unpack_p7encdata(p7, password, -1)
            if bags == nil, let legacy = cs_legacy_libctx() {
                let previous = OSSL_LIB_CTX_set0_default(legacy)
                bags = PKCS12_unpack_p7encdata(p7, password, -1)
                OSSL_LIB_CTX_set0_default(previous)
            }
            if let bags {
                cs_sk_PKCS12_SAFEBAG_pop_free(bags)
                return true
            }
        }
        return false
    }

    /// The bag's certificate, from its DER when the bag has the usual shape, so that OpenSSL decodes it only
    /// when needed (see `Certificate`): SafeBag { bagId, [0] CertBag { certId, [0] OCTET STRING } }.
    private func certificate(_ bag: OpaquePointer) throws -> Certificate {
        let length = i2d_PKCS12_SAFEBAG(bag, nil)
        if length > 0 {
            var der = [UInt8](repeating: 0, count: Int(length))
            der.withUnsafeMutableBufferPointer { raw in
                var cursor = raw.baseAddress
                _ = i2d_PKCS12_SAFEBAG(bag, &cursor)
            }
            var top = DERWalker(der, 0..<der.count)
            if var safeBag = top.enter(0x30), safeBag.next(0x06) != nil, var explicitBag = safeBag.enter(0xA0),
               var certBag = explicitBag.enter(0x30), certBag.next(0x06) != nil, var value = certBag.enter(0xA0),
               let octets = value.next(0x04) {
                return try Certificate(derBytes: Data(der[octets.content]))
            }
        }
        guard let x509 = PKCS12_SAFEBAG_get1_cert(bag) else {
            throw KeyMaterialError.corrupt(OpenSSLErrors.appending(to: "cannot decode a certificate"))
        }
        return Certificate(owning: x509)
    }

    private func read(bags: OpaquePointer) throws -> [PKCS12Keystore.Bag] {
        var result: [PKCS12Keystore.Bag] = []
        for i in 0..<cs_sk_PKCS12_SAFEBAG_num(bags) {
            guard let bag = cs_sk_PKCS12_SAFEBAG_value(bags, i) else { continue }
            let content: PKCS12Keystore.Bag.Content
            switch PKCS12_SAFEBAG_get_nid(bag) {
            case NID_keyBag:
                content = .key(try key(from: PKCS12_SAFEBAG_get0_p8inf(bag)))
            case NID_pkcs8ShroudedKeyBag:
                try PBEWork.check(PKCS12ShroudedKey.algorithm(of: PKCS12_SAFEBAG_get0_pkcs8(bag)), what: "a private key of the keystore")
                if let info = PKCS12_decrypt_skey(bag, password, -1) {
                    defer { PKCS8_PRIV_KEY_INFO_free(info) }
                    content = .key(try key(from: info))
                } else if macVerified, let encrypted = PKCS12ShroudedKey.encrypted(of: bag) {
                    // Intact (the MAC says so) yet not opened by the store password: the key has its own.
                    OpenSSLErrors.clear()
                    content = .lockedKey(encrypted)
                } else {
                    throw decryptionFailure("cannot decrypt a private key")
                }
            case NID_certBag where PKCS12_SAFEBAG_get_bag_nid(bag) == NID_x509Certificate:
                content = .certificate(try certificate(bag), trusted: cs_pkcs12_bag_is_trusted(bag) == 1)
            case NID_safeContentsBag:
                if let nested = PKCS12_SAFEBAG_get0_safes(bag) {
                    try result.append(contentsOf: read(bags: nested))
                }
                continue
            case let nid:
                let name = OBJ_nid2ln(nid).map { String(cString: $0) } ?? "unknown"
                content = .other("a \(name) bag")
            }
            result.append(.init(content: content, friendlyName: friendlyName(bag), localKeyID: localKeyID(bag)))
        }
        return result
    }

    private func key(from info: OpaquePointer?) throws -> PrivateKey {
        guard let info, let pkey = EVP_PKCS82PKEY(info) else {
            throw KeyMaterialError.unsupported(OpenSSLErrors.appending(to: "cannot decode a private key"))
        }
        return PrivateKey(owning: pkey)
    }

    /// The friendlyName, a BMPString: UTF-16BE (Java writes surrogate pairs too), any trailing NULs dropped.
    private func friendlyName(_ bag: OpaquePointer) -> String? {
        var length: Int32 = 0
        guard let bytes = cs_pkcs12_bag_friendly_name_bmp(bag, &length), length >= 2 else { return nil }
        var units = stride(from: 0, to: Int(length) - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        while units.last == 0 { units.removeLast() }
        return units.isEmpty ? nil : String(decoding: units, as: UTF16.self)
    }

    private func localKeyID(_ bag: OpaquePointer) -> Data? {
        var length: Int32 = 0
        guard let bytes = cs_pkcs12_bag_local_key_id(bag, &length) else { return nil }
        return Data(bytes: bytes, count: Int(length))
    }

    /// With a verified MAC the password is right, so a failed decryption means damage.
    private func decryptionFailure(_ reason: String) -> KeyMaterialError {
        if macVerified { return .corrupt(OpenSSLErrors.appending(to: reason)) }
        OpenSSLErrors.clear()
        return .wrongPassword("the keystore password is incorrect (\(reason); the file has no integrity check (MAC) to tell a wrong password from damage)")
    }
}
