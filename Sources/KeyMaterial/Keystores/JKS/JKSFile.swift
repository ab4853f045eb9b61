import Foundation

/// The Sun JKS container (`sun.security.provider.JavaKeyStore`): magic 0xFEEDFEED, version 2, entries,
/// and a SHA-1 digest over password (UTF-16BE) || "Mighty Aphrodite" || everything before it.
///
/// This type only frames entries; keys stay protected (`JKSKeyProtector` opens them).
struct JKSFile {
    enum Item {
        case key(alias: String, created: Date, protected: Data, chain: [Certificate])
        case trusted(alias: String, created: Date, certificate: Certificate)
    }

    static let magic: UInt32 = 0xFEED_FEED
    static let jceksMagic: UInt32 = 0xCECE_CECE
    private static let whitener = Data("Mighty Aphrodite".utf8)
    private static let keyTag: UInt32 = 1, trustedTag: UInt32 = 2, secretKeyTag: UInt32 = 3

    var items: [Item]

    /// Reads the structure, then checks the integrity digest in constant time.
    ///
    /// A structure that does not parse (truncated, bad lengths, trailing bytes) is `.corrupt`. A digest
    /// mismatch is `.wrongPassword`, unless the password opens a key of the store: then the password is
    /// right and the file was altered, `.corrupt`.
    init(data: Data, password: Secret) throws {
        var reader = ByteReader(data)
        let magic = try reader.u32()
        if magic == Self.jceksMagic { throw KeyMaterialError.unsupported("a JCEKS keystore; convert it with keytool -importkeystore") }
        guard magic == Self.magic else { throw KeyMaterialError.corrupt("not a JKS keystore (bad magic number)") }
        let version = try reader.u32()
        guard version == 1 || version == 2 else { throw KeyMaterialError.unsupported("JKS version \(version)") }
        let count = try reader.u32()
        // Every entry takes at least 18 bytes: a bound that stops absurd counts before any allocation.
        guard Int(count) <= reader.remaining / 18 else { throw KeyMaterialError.corrupt("the entry count \(count) exceeds the file") }
        var items: [Item] = []
        for _ in 0..<count {
            let tag = try reader.u32()
            let alias = try reader.modifiedUTF8()
            let created = Date(timeIntervalSince1970: TimeInterval(try reader.u64()) / 1000)
            switch tag {
            case Self.keyTag:
                let protected = try reader.bytes(Int(try reader.u32()))
                let chainLength = try reader.u32()
                guard Int(chainLength) <= reader.remaining / 4 else { throw KeyMaterialError.corrupt("the chain of \(alias) exceeds the file") }
                var chain: [Certificate] = []
                for _ in 0..<chainLength { chain.append(try Self.certificate(&reader, version: version, alias: alias)) }
                items.append(.key(alias: alias, created: created, protected: protected, chain: chain))
            case Self.trustedTag:
                items.append(.trusted(alias: alias, created: created, certificate: try Self.certificate(&reader, version: version, alias: alias)))
            case Self.secretKeyTag:
                throw KeyMaterialError.unsupported("entry \(alias) is a secret key, which JKS cannot hold (a JCEKS store?)")
            default:
                throw KeyMaterialError.corrupt("entry \(alias) has an unknown tag \(tag)")
            }
        }
        let bodyLength = reader.offset
        let stored = try reader.bytes(20)
        guard reader.remaining == 0 else { throw KeyMaterialError.corrupt("\(reader.remaining) unexpected bytes after the integrity digest") }
        let computed = try JKSPassword(password).sha1(Self.whitener, data.prefix(bodyLength))
        guard ConstantTime.equals(computed, stored) else {
            for case let .key(_, _, protected, _) in items where (try? JKSKeyProtector.recover(protected, password: password)) != nil {
                throw KeyMaterialError.corrupt("the password opens the keys, but the integrity check fails: the file was altered")
            }
            throw KeyMaterialError.wrongPassword("the keystore password is incorrect (or the file was altered)")
        }
        self.items = items
    }

    init(items: [Item]) { self.items = items }

    /// The file's bytes, version 2, with the integrity digest for `password`.
    func serialized(password: Secret) throws -> Data {
        var out = ByteWriter()
        out.u32(Self.magic)
        out.u32(2)
        out.u32(UInt32(items.count))
        for item in items {
            switch item {
            case let .key(alias, created, protected, chain):
                out.u32(Self.keyTag)
                try out.modifiedUTF8(alias)
                out.u64(UInt64(max(0, created.timeIntervalSince1970 * 1000)))
                out.u32(UInt32(protected.count))
                out.append(protected)
                out.u32(UInt32(chain.count))
                for certificate in chain { try Self.write(certificate, &out) }
            case let .trusted(alias, created, certificate):
                out.u32(Self.trustedTag)
                try out.modifiedUTF8(alias)
                out.u64(UInt64(max(0, created.timeIntervalSince1970 * 1000)))
                try Self.write(certificate, &out)
            }
        }
        out.append(try JKSPassword(password).sha1(Self.whitener, out.data))
        return out.data
    }

    private static func certificate(_ reader: inout ByteReader, version: UInt32, alias: String) throws -> Certificate {
        if version == 2 {
            let type = try reader.modifiedUTF8()
            guard type == "X.509" else { throw KeyMaterialError.unsupported("entry \(alias) holds a \(type) certificate") }
        }
        let der = try reader.bytes(Int(try reader.u32()))
        do { return try Certificate(derBytes: der) } catch {
            throw KeyMaterialError.corrupt("a certificate of \(alias) does not decode")
        }
    }

    private static func write(_ certificate: Certificate, _ out: inout ByteWriter) throws {
        try out.modifiedUTF8("X.509")
        let der = certificate.derBytes
        out.u32(UInt32(der.count))
        out.append(der)
    }
}
