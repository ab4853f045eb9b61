import Foundation
import KeyMaterial
import SecureXML

/// XMLKeys for the few private keys and certificates a process uses, made once: turning a PrivateKey into an
/// xmlsec key goes through PEM, which would otherwise cost every message. XMLKey is immutable and shareable.
/// Decoded token certificates are kept too: the same clients send the same BinarySecurityToken again and again,
/// and decoding it cost as much as verifying the message's signature.
final class KeyCache: @unchecked Sendable {
    static let shared = KeyCache()

    private let lock = NSLock()
    /// Keyed by the object's identity; the entry keeps the object alive so the identity is not reused.
    private var privateKeys: [ObjectIdentifier: (PrivateKey, Certificate, XMLKey)] = [:]
    private var certificates: [ObjectIdentifier: (Certificate, XMLKey)] = [:]
    private var decoded: [Data: Certificate] = [:]
    private var texts: [String: Certificate] = [:]
    private let capacity = 64

    func key(for privateKey: PrivateKey, certificate: Certificate) throws(XMLError) -> XMLKey {
        let id = ObjectIdentifier(privateKey)
        if let hit = cached({ privateKeys[id] }), hit.1 == certificate { return hit.2 }
        let key = try XMLKey(privateKey: privateKey, certificate: certificate)
        store { if privateKeys.count >= capacity { privateKeys.removeAll() }; privateKeys[id] = (privateKey, certificate, key) }
        return key
    }

    /// By the object's identity too (hashing the DER cost more than the look-up saves): token certificates come from
    /// `certificate(base64:)`, one object per certificate, and trust stores keep theirs.
    func key(for certificate: Certificate) throws(XMLError) -> XMLKey {
        let id = ObjectIdentifier(certificate)
        if let hit = cached({ certificates[id] }) { return hit.1 }
        let key = try XMLKey(certificate: certificate)
        store { if certificates.count >= capacity { certificates.removeAll() }; certificates[id] = (certificate, key) }
        return key
    }

    /// The certificate a BinarySecurityToken's text encodes, or nil when it is not one: a peer sends the same text
    /// with every message, so it is remembered as it came (short ones only) and not decoded again.
    func certificate(base64 text: String) -> Certificate? {
        if let hit = cached({ texts[text] }) { return hit }
        guard let der = Data(base64Encoded: text, options: .ignoreUnknownCharacters), let certificate = certificate(der: der) else { return nil }
        if text.utf8.count <= 16_384 { store { if texts.count >= capacity { texts.removeAll() }; texts[text] = certificate } }
        return certificate
    }

    /// The certificate these DER bytes encode, or nil when they are not one.
    func certificate(der: Data) -> Certificate? {
        if let hit = cached({ decoded[der] }) { return hit }
        guard let certificate = try? Certificate(derBytes: der) else { return nil }
        store { if decoded.count >= capacity { decoded.removeAll() }; decoded[der] = certificate }
        return certificate
    }

    private func cached<T>(_ read: () -> T?) -> T? {
        lock.lock()
        defer { lock.unlock() }
        return read()
    }

    private func store(_ write: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        write()
    }
}
