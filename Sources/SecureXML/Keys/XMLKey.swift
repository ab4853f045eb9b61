import CLibXML2
import CShims
import CXMLSec
import KeyMaterial
import Synchronization

/// A key for XML Signature or Encryption, given directly by the caller: an RSA private key (with its certificate),
/// an RSA public key or certificate, an HMAC secret, an AES or a Triple DES key.
///
/// Immutable; every operation works on its own duplicate of the xmlsec key, so sharing one is safe.
public final class XMLKey: @unchecked Sendable, CustomStringConvertible {
    /// What the key can do.
    public enum Kind: String, Sendable {
        /// Signs, verifies, decrypts key transport.
        case rsaPrivate
        /// Verifies, encrypts key transport.
        case rsaPublic
        /// Signs and verifies with HMAC.
        case hmac
        /// Encrypts and decrypts data, or wraps keys (kw-aes).
        case aes
        /// Encrypts and decrypts data with tripledes-cbc.
        case tripleDES
    }

    /// What the key can do.
    public let kind: Kind
    /// The certificate carrying the public half, when the key came with one.
    public let certificate: Certificate?
    /// The key size in bits.
    public let bits: Int
    /// The bytes of a symmetric key (nil for RSA).
    let secret: Secret?
    /// The bytes of an HMAC or AES key (nil for RSA): WS-Security signs with the key an EncryptedKey carries.
    public var symmetricSecret: Secret? { secret }
    /// The xmlsec key, owned by this object and never handed to a context (contexts get duplicates).
    let key: xmlSecKeyPtr
    /// RSA key transport's OpenSSL contexts, one per algorithm and direction, set up on first use and only ever
    /// duplicated (``RSAKeyTransport``); owned by this object.
    let transportContexts = Mutex<[RSAKeyTransport.Setup: UInt]>([:])

    private init(key: xmlSecKeyPtr, kind: Kind, secret: Secret?, certificate: Certificate?) {
        self.key = key
        self.kind = kind
        self.secret = secret
        self.certificate = certificate
        self.bits = Int(xmlSecKeyDataGetSize(xmlSecKeyGetValue(key)))
    }

    deinit {
        transportContexts.withLock { $0.values.forEach { EVP_PKEY_CTX_free(OpaquePointer(bitPattern: $0)) } }
        xmlSecKeyDestroy(key)
    }

    /// An RSA private key, with the certificate to name it in KeyInfo when signing.
    public convenience init(privateKey: PrivateKey, certificate: Certificate? = nil) throws(XMLError) {
        if let certificate, !privateKey.matches(certificate) {
            throw XMLError(.keyMismatch, "The certificate \(certificate.subject) does not belong to the private key")
        }
        let pem: String
        do { pem = try privateKey.pemString() } catch { throw XMLError(.invalidKey, "The private key cannot be exported: \(error)") }
        // The certificate stays on the Swift side: KeyInfo is written here, and an xmlsec key carrying X509 data
        // costs a certificate copy on every duplicate (a third of a 2 KB signature's time).
        try self.init(rsa: Self.load(Array(pem.utf8), xmlSecKeyDataFormatPem), certificate: certificate)
    }

    /// The public key of a certificate, for verifying and for encrypting to its holder.
    public convenience init(certificate: Certificate) throws(XMLError) {
        try self.init(rsa: Self.load([UInt8](certificate.derBytes), xmlSecKeyDataFormatCertDer), certificate: certificate)
    }

    /// An RSA public key in PEM ("PUBLIC KEY").
    public convenience init(publicKeyPEM pem: String) throws(XMLError) {
        try self.init(rsa: Self.load(Array(pem.utf8), xmlSecKeyDataFormatPem), certificate: nil)
    }

    /// An HMAC secret, used as given.
    public static func hmac(_ secret: Secret) throws(XMLError) -> XMLKey {
        guard !secret.isEmpty else { throw XMLError(.invalidKey, "An HMAC secret cannot be empty") }
        return try symmetric(secret, cs_xmlSecKeyDataHmacId(), .hmac)
    }

    /// An AES key of 16, 24 or 32 bytes.
    public static func aes(_ secret: Secret) throws(XMLError) -> XMLKey {
        guard [16, 24, 32].contains(secret.count) else {
            throw XMLError(.invalidKey, "An AES key has 16, 24 or 32 bytes, not \(secret.count)")
        }
        return try symmetric(secret, cs_xmlSecKeyDataAesId(), .aes)
    }

    /// A Triple DES key (three DES keys, 24 bytes; parity bits are ignored).
    public static func tripleDES(_ secret: Secret) throws(XMLError) -> XMLKey {
        guard secret.count == 24 else { throw XMLError(.invalidKey, "A Triple DES key has 24 bytes, not \(secret.count)") }
        return try symmetric(secret, cs_xmlSecKeyDataDesId(), .tripleDES)
    }

    /// The data key for `algorithm` made of `secret`: an AES key, or a Triple DES key for tripledes-cbc.
    public static func dataKey(_ secret: Secret, for algorithm: DataEncryptionAlgorithm) throws(XMLError) -> XMLKey {
        algorithm.keyKind == .tripleDES ? try tripleDES(secret) : try aes(secret)
    }

    /// A fresh random data key for `algorithm`.
    public static func generateDataKey(for algorithm: DataEncryptionAlgorithm) throws(XMLError) -> XMLKey {
        do { return try dataKey(Secret(bytes: try SecureRandom.bytes(algorithm.keyBits / 8)), for: algorithm) } catch let error as XMLError {
            throw error
        } catch {
            throw XMLError(.invalidKey, "No random bytes for a key: \(error)")
        }
    }

    /// True when this key fits `algorithm` (kind and size).
    func fits(_ algorithm: DataEncryptionAlgorithm) -> Bool {
        kind == algorithm.keyKind && bits == algorithm.keyBits
    }

    public var description: String {
        switch kind {
        case .rsaPrivate: "RSA \(bits) private key" + (certificate.map { " (certificate \($0.subject))" } ?? "")
        case .rsaPublic: certificate.map { "RSA \(bits) certificate \($0.subject)" } ?? "RSA \(bits) public key"
        case .hmac: "HMAC secret (\(bits / 8) bytes)"
        case .aes: "AES-\(bits) key"
        case .tripleDES: "Triple DES key"
        }
    }

    /// The description with its article, for "needs …, not an AES-256 key".
    public var withArticle: String { (kind == .tripleDES ? "a " : "an ") + description }

    /// Lets a context created with `XMLLibrary.keyManager` take its own duplicate of this key, which it destroys
    /// (P10: contexts own their keys). The key must outlive the context's work: every call site lends a parameter
    /// of the function that creates and destroys the context.
    func lend(to keyInfo: inout xmlSecKeyInfoCtx) {
        keyInfo.userData = UnsafeMutableRawPointer(key)
    }

    /// The OpenSSL key of an RSA key, borrowed from the xmlsec key.
    var evp: OpaquePointer? {
        guard kind == .rsaPrivate || kind == .rsaPublic else { return nil }
        return xmlSecOpenSSLEvpKeyDataGetEvp(xmlSecKeyGetValue(key))
    }

    private convenience init(rsa key: xmlSecKeyPtr, certificate: Certificate?) throws(XMLError) {
        guard let value = xmlSecKeyGetValue(key), value.pointee.id == cs_xmlSecKeyDataRsaId() else {
            xmlSecKeyDestroy(key)
            throw XMLError(.invalidKey, "Only RSA keys are supported for XML Signature and Encryption")
        }
        let isPrivate = xmlSecKeyGetType(key) & UInt32(xmlSecKeyDataTypePrivate) != 0
        self.init(key: key, kind: isPrivate ? .rsaPrivate : .rsaPublic, secret: nil, certificate: certificate)
    }

    private static func symmetric(_ secret: Secret, _ id: xmlSecKeyDataId, _ kind: Kind) throws(XMLError) -> XMLKey {
        try XMLLibrary.ensure()
        let key = secret.withUnsafeBytes { bytes in
            xmlSecKeyReadMemory(id, bytes.bindMemory(to: UInt8.self).baseAddress, UInt32(bytes.count))
        }
        guard let key else { throw XMLError(.invalidKey, "The key bytes cannot be used: " + XMLLibrary.lastXMLSecError) }
        return XMLKey(key: key, kind: kind, secret: secret, certificate: nil)
    }

    /// A key holding only the key value read from `bytes` (no X509 data, see above).
    private static func load(_ bytes: [UInt8], _ format: xmlSecKeyDataFormat) throws(XMLError) -> xmlSecKeyPtr {
        try XMLLibrary.ensure()
        guard let loaded = xmlSecOpenSSLAppKeyLoadMemory(bytes, UInt32(bytes.count), format, nil, nil, nil) else {
            throw XMLError(.invalidKey, "The key cannot be read: " + XMLLibrary.lastXMLSecError)
        }
        defer { xmlSecKeyDestroy(loaded) }
        guard let key = xmlSecKeyCreate() else { throw XMLError(.invalidKey, "Out of memory") }
        guard let value = xmlSecKeyGetValue(loaded).flatMap({ xmlSecKeyDataDuplicate($0) }) else {
            xmlSecKeyDestroy(key)
            throw XMLError(.invalidKey, "The key value cannot be copied: " + XMLLibrary.lastXMLSecError)
        }
        guard xmlSecKeySetValue(key, value) == 0 else {
            xmlSecKeyDataDestroy(value)
            xmlSecKeyDestroy(key)
            throw XMLError(.invalidKey, "The key value cannot be set: " + XMLLibrary.lastXMLSecError)
        }
        return key
    }
}
