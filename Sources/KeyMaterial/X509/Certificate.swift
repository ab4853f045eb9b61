import COpenSSL
import CShims
import Foundation

/// An X.509 certificate, held by OpenSSL; equal when the DER encodings are equal.
///
/// A certificate read from DER (a JKS entry) is decoded by OpenSSL only when something needs more than a
/// listing shows: OpenSSL 3 decodes the public key while parsing, which dominated opening a large store.
/// Immutable once created (the lazy decode is behind a lock), so sharing it is safe.
public final class Certificate: @unchecked Sendable {
    /// The DER and where its listed fields are, when created from DER; nil when created from OpenSSL.
    private let encoded: (der: [UInt8], outline: CertificateOutline)?
    private let lock = NSLock()
    private var decoded: OpaquePointer?
    /// Values derived from the certificate, kept once computed: every secured message names its signer and
    /// recipient and carries or looks up their DER, and every verified one checks its signer's dates. They cannot go stale: nothing changes the X509 once the
    /// initialiser (or `selfSigned`, which fills in a new one before anyone sees it) has returned.
    private var derived = Derived()

    struct Derived {
        var der: Data?
        var derBase64: String?
        var subject: String?
        var issuer: String?
        var serialDecimal: String?
        var sha1Thumbprint: Data?
        var subjectKeyIdentifier: Data??
        var notBefore: Date?
        var notAfter: Date?
    }

    /// The OpenSSL certificate; owned by this object. Decoded on first use when created from DER; DER that
    /// has a certificate's shape but that OpenSSL refuses becomes an empty certificate, which has no key and
    /// so never verifies or matches anything.
    var x509: OpaquePointer {
        lock.withLock {
            if let decoded { return decoded }
            let parsed = encoded.flatMap { Self.decode($0.der) } ?? X509_new()!
            OpenSSLErrors.clear()
            decoded = parsed
            return parsed
        }
    }

    /// Takes ownership of `x509`.
    init(owning x509: OpaquePointer) {
        encoded = nil
        decoded = x509
    }

    deinit {
        if let decoded { X509_free(decoded) }
    }

    /// Parses a DER-encoded certificate: its outline now, the rest when asked for.
    public convenience init(derBytes: Data) throws {
        let bytes = [UInt8](derBytes)
        if let outline = CertificateOutline(bytes) {
            self.init(der: bytes, outline: outline)
            return
        }
        guard let parsed = Self.decode(bytes) else {
            throw KeyMaterialError.corrupt(OpenSSLErrors.appending(to: "not a DER certificate"))
        }
        self.init(owning: parsed)
    }

    private init(der: [UInt8], outline: CertificateOutline) {
        encoded = (der, outline)
    }

    /// OpenSSL's decoding of exactly one DER certificate.
    private static func decode(_ der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { raw in
            guard let base = raw.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            let certificate = d2i_X509(nil, &cursor, raw.count)
            // Trailing bytes mean the input is not exactly one certificate.
            if let certificate, cursor != base + raw.count {
                X509_free(certificate)
                return nil
            }
            return certificate
        }
    }

    /// Parses the first certificate of a PEM text.
    public convenience init(pemString: String) throws {
        guard let first = try Certificate.all(fromPEM: pemString).first else {
            throw KeyMaterialError.corrupt("no PEM certificate found")
        }
        self.init(owning: X509_dup(first.x509)!)
    }

    /// Parses every "CERTIFICATE" block of a PEM text, in order (a chain or a bundle).
    public static func all(fromPEM pem: String) throws -> [Certificate] {
        try MemoryBIO.reading(Data(pem.utf8)) { bio in
            var result: [Certificate] = []
            while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
                result.append(Certificate(owning: x509))
            }
            // Reading stops with "no start line" at the end of input; anything else is damage.
            let error = ERR_peek_last_error()
            OpenSSLErrors.clear()
            if result.isEmpty || (error != 0 && ERR_GET_REASON(error) != PEM_R_NO_START_LINE) {
                throw KeyMaterialError.corrupt("not a PEM certificate")
            }
            return result
        }
    }

    /// The value of `field`, computed by `make` on first use (outside the lock: `make` may need `x509`).
    func remembered<T>(_ field: WritableKeyPath<Derived, T?>, _ make: () -> T) -> T {
        if let known = lock.withLock({ derived[keyPath: field] }) { return known }
        let value = make()
        lock.withLock { derived[keyPath: field] = value }
        return value
    }

    /// `derBytes` in base64, as a BinarySecurityToken carries it (written with every message a key pair signs).
    public var derBase64: String { remembered(\.derBase64) { derBytes.base64EncodedString() } }

    /// The DER encoding.
    public var derBytes: Data {
        remembered(\.der) {
            if let encoded { return Data(encoded.der) }
            let length = i2d_X509(x509, nil)
            precondition(length > 0, "a parsed certificate always encodes")
            var data = Data(count: Int(length))
            data.withUnsafeMutableBytes { raw in
                var cursor = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
                _ = i2d_X509(x509, &cursor)
            }
            return data
        }
    }

    /// The PEM encoding ("-----BEGIN CERTIFICATE-----" ...).
    public var pemString: String {
        let base64 = derBytes.base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    /// The subject as an RFC 2253 string, e.g. "CN=localhost,O=Example".
    public var subject: String {
        remembered(\.subject) { encoded.map { Self.rfc2253($0.der, $0.outline.subject) } ?? Self.rfc2253(X509_get_subject_name(x509)) }
    }

    /// The issuer as an RFC 2253 string.
    public var issuer: String {
        remembered(\.issuer) { encoded.map { Self.rfc2253($0.der, $0.outline.issuer) } ?? Self.rfc2253(X509_get_issuer_name(x509)) }
    }

    /// True when subject and issuer are the same name (a self-issued, usually self-signed, certificate).
    public var isSelfIssued: Bool { X509_NAME_cmp(X509_get_subject_name(x509), X509_get_issuer_name(x509)) == 0 }

    /// The start of the validity period.
    public var notBefore: Date {
        remembered(\.notBefore) {
            if let encoded { return Self.date(encoded.der, encoded.outline.notBefore) }
            return Self.date(X509_get0_notBefore(x509))
        }
    }

    /// The end of the validity period.
    public var notAfter: Date {
        remembered(\.notAfter) {
            if let encoded { return Self.date(encoded.der, encoded.outline.notAfter) }
            return Self.date(X509_get0_notAfter(x509))
        }
    }

    /// The serial number in uppercase hex without separators, as `openssl x509 -serial` shows it.
    public var serial: String {
        guard let bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x509), nil) else { return "" }
        defer { BN_free(bn) }
        guard let hex = BN_bn2hex(bn) else { return "" }
        defer { cs_OPENSSL_free(hex) }
        return String(cString: hex)
    }

    /// The SHA-256 fingerprint of the DER encoding, uppercase hex joined by colons, as keytool prints it.
    public var sha256Fingerprint: String { Self.colonHex(Digest.sha256(derBytes)) }

    /// The SHA-1 fingerprint, in keytool's format; for matching against legacy tools only.
    public var sha1Fingerprint: String { Self.colonHex(Digest.sha1(derBytes)) }

    /// The public key's algorithm and size, e.g. "RSA 2048".
    public var publicKeyDescription: String {
        if let known = encoded?.outline.keyDescription { return known }
        guard let key = X509_get0_pubkey(x509) else { return "unknown" }
        return PrivateKey.describe(key)
    }

    static func colonHex(_ bytes: Data) -> String { Hex.encode(bytes, uppercase: true, separator: UInt8(ascii: ":")) }

    private static func rfc2253(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        let data = try? MemoryBIO.writing { bio in
            _ = X509_NAME_print_ex(bio, name, 0, cs_XN_FLAG_RFC2253())
        }
        return data.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// A name element of the DER, decoded alone: cheap, unlike the whole certificate.
    private static func rfc2253(_ der: [UInt8], _ range: Range<Int>) -> String {
        der[range].withUnsafeBufferPointer { raw in
            var cursor = raw.baseAddress
            guard let name = d2i_X509_NAME(nil, &cursor, raw.count) else { return "" }
            defer { X509_NAME_free(name) }
            return rfc2253(name)
        }
    }

    private static func date(_ der: [UInt8], _ range: Range<Int>) -> Date {
        der[range].withUnsafeBufferPointer { raw in
            var cursor = raw.baseAddress
            guard let time = d2i_ASN1_TIME(nil, &cursor, raw.count) else { return .distantPast }
            defer { ASN1_TIME_free(time) }
            return date(UnsafePointer(time))
        }
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return .distantPast }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}

extension Certificate: Hashable {
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool {
        if lhs === rhs { return true }
        if let left = lhs.encoded, let right = rhs.encoded { return left.der == right.der }
        return X509_cmp(lhs.x509, rhs.x509) == 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(derBytes)
    }
}

extension Certificate: CustomStringConvertible {
    public var description: String { "Certificate(subject: \(subject), serial: \(serial))" }
}
