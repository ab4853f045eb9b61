import COpenSSL
import CShims
import Foundation

/// An X.509 certificate, held by OpenSSL; equal when the DER encodings are equal.
///
/// Immutable once created, so sharing it is safe.
public final class Certificate: @unchecked Sendable {
    /// The OpenSSL certificate; owned by this object.
    let x509: OpaquePointer

    /// Takes ownership of `x509`.
    init(owning x509: OpaquePointer) {
        self.x509 = x509
    }

    deinit {
        X509_free(x509)
    }

    /// Parses a DER-encoded certificate.
    public convenience init(derBytes: Data) throws {
        let parsed: OpaquePointer? = derBytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            let certificate = d2i_X509(nil, &cursor, raw.count)
            // Trailing bytes mean the input is not exactly one certificate.
            if let certificate, cursor != base + raw.count {
                X509_free(certificate)
                return nil
            }
            return certificate
        }
        guard let parsed else { throw KeyMaterialError.corrupt(OpenSSLErrors.appending(to: "not a DER certificate")) }
        self.init(owning: parsed)
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

    /// The DER encoding.
    public var derBytes: Data {
        let length = i2d_X509(x509, nil)
        precondition(length > 0, "a parsed certificate always encodes")
        var data = Data(count: Int(length))
        data.withUnsafeMutableBytes { raw in
            var cursor = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            _ = i2d_X509(x509, &cursor)
        }
        return data
    }

    /// The PEM encoding ("-----BEGIN CERTIFICATE-----" ...).
    public var pemString: String {
        let base64 = derBytes.base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    /// The subject as an RFC 2253 string, e.g. "CN=localhost,O=Example".
    public var subject: String { Self.rfc2253(X509_get_subject_name(x509)) }

    /// The issuer as an RFC 2253 string.
    public var issuer: String { Self.rfc2253(X509_get_issuer_name(x509)) }

    /// True when subject and issuer are the same name (a self-issued, usually self-signed, certificate).
    public var isSelfIssued: Bool { X509_NAME_cmp(X509_get_subject_name(x509), X509_get_issuer_name(x509)) == 0 }

    /// The start of the validity period.
    public var notBefore: Date { Self.date(X509_get0_notBefore(x509)) }

    /// The end of the validity period.
    public var notAfter: Date { Self.date(X509_get0_notAfter(x509)) }

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
        guard let key = X509_get0_pubkey(x509) else { return "unknown" }
        return PrivateKey.describe(key)
    }

    static func colonHex(_ bytes: Data) -> String {
        // A listing prints thousands of fingerprints; String(format:) per byte made that the slowest part.
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if !text.isEmpty { text.append(UInt8(ascii: ":")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func rfc2253(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        let data = try? MemoryBIO.writing { bio in
            _ = X509_NAME_print_ex(bio, name, 0, cs_XN_FLAG_RFC2253())
        }
        return data.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return .distantPast }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}

extension Certificate: Hashable {
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool {
        lhs === rhs || X509_cmp(lhs.x509, rhs.x509) == 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(derBytes)
    }
}

extension Certificate: CustomStringConvertible {
    public var description: String { "Certificate(subject: \(subject), serial: \(serial))" }
}
