import COpenSSL
import Foundation

extension Certificate {
    /// The days a self-signed certificate may be valid: at least one, at most a hundred years.
    public static let validityRange = 1...36_500

    /// Checks a subject such as "CN=service.example.com,O=Example" as ``selfSigned(key:subject:validityDays:subjectAltNames:)``
    /// reads it (TYPE=value pairs, attribute types OpenSSL knows), without making a key.
    public static func checkSubject(_ subject: String) throws {
        X509_NAME_free(try DistinguishedName.make(subject))
    }

    /// The attributes of a subject string, in the order written, escapes decoded: ("CN", "a"), ("O", "b") for
    /// "CN=a,O=b". For a form to judge what was typed before anything is made.
    public static func subjectAttributes(_ subject: String) throws -> [(type: String, value: String)] {
        try DistinguishedName.parse(subject).flatMap { $0 }
    }

    /// Issues a certificate for `key`, signed by the same key with SHA-256.
    ///
    /// The certificate is an end-entity one for WS-Security signing and encryption: basicConstraints
    /// CA:FALSE, keyUsage (critical) digitalSignature + keyEncipherment + dataEncipherment for RSA, digitalSignature
    /// alone for EC (RFC 5480 §3 forbids the other two), a subjectKeyIdentifier, a random 127-bit serial, and validity
    /// starting now.
    public static func selfSigned(
        key: PrivateKey,
        subject: String,
        validityDays: Int,
        subjectAltNames: [SubjectAlternativeName] = []
    ) throws -> Certificate {
        guard validityRange.contains(validityDays) else {
            throw KeyMaterialError.invalidArgument(
                "validity of \(validityDays) days out of range (\(validityRange.lowerBound) to \(validityRange.upperBound) days)")
        }
        if let bad = subjectAltNames.first(where: { $0.problem != nil }) {
            throw KeyMaterialError.invalidArgument("subject alternative name \(bad) is not valid")
        }
        let name = try DistinguishedName.make(subject)
        defer { X509_NAME_free(name) }
        guard let x509 = X509_new() else { throw KeyMaterialError.cryptoFailure("cannot allocate a certificate") }
        let certificate = Certificate(owning: x509)

        guard X509_set_version(x509, 2) == 1,  // X.509 v3, needed for extensions
              try setRandomSerial(x509),
              X509_set_subject_name(x509, name) == 1,
              X509_set_issuer_name(x509, name) == 1,
              X509_gmtime_adj(X509_getm_notBefore(x509), 0) != nil,
              X509_time_adj_ex(X509_getm_notAfter(x509), Int32(validityDays), 0, nil) != nil,
              X509_set_pubkey(x509, key.pkey) == 1
        else { throw KeyMaterialError.cryptoFailure("cannot fill in the certificate") }

        var extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, EVP_PKEY_get_base_id(key.pkey) == EVP_PKEY_EC ? "critical,digitalSignature"
                : "critical,digitalSignature,keyEncipherment,dataEncipherment"),
            (NID_subject_key_identifier, "hash"),
        ]
        if !subjectAltNames.isEmpty {
            extensions.append((NID_subject_alt_name, subjectAltNames.map(\.description).joined(separator: ",")))
        }
        try addExtensions(extensions, to: x509)

        guard X509_sign(x509, key.pkey, EVP_sha256()) > 0 else {
            throw KeyMaterialError.cryptoFailure("cannot sign the certificate")
        }
        return certificate
    }

    private static func setRandomSerial(_ x509: OpaquePointer) throws -> Bool {
        var bytes = [UInt8](try SecureRandom.bytes(16))
        bytes[0] &= 0x7F  // positive, as RFC 5280 requires
        bytes[0] |= 0x40  // and a fixed length, so every serial prints as 32 hex digits
        guard let bn = BN_bin2bn(bytes, Int32(bytes.count), nil) else { return false }
        defer { BN_free(bn) }
        return BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x509)) != nil
    }

    private static func addExtensions(_ extensions: [(Int32, String)], to x509: OpaquePointer) throws {
        var context = X509V3_CTX()
        // Self-signed: the certificate is its own issuer, which subjectKeyIdentifier "hash" needs.
        X509V3_set_ctx(&context, x509, x509, nil, nil, 0)
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_nconf_nid(nil, &context, nid, value) else {
                throw KeyMaterialError.cryptoFailure("cannot build extension \(String(cString: OBJ_nid2sn(nid))) = \(value)")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(x509, ext, -1) == 1 else {
                throw KeyMaterialError.cryptoFailure("cannot add extension \(String(cString: OBJ_nid2sn(nid)))")
            }
        }
    }
}
