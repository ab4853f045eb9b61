import COpenSSL
import CShims
import Foundation

/// What WS-Security key references name a certificate by, and the signature check behind trust decisions.
extension Certificate {
    /// The subjectKeyIdentifier extension's bytes, if the certificate has one.
    public var subjectKeyIdentifier: Data? {
        remembered(\.subjectKeyIdentifier) {
            guard let ski = X509_get0_subject_key_id(x509), let bytes = ASN1_STRING_get0_data(ski) else { return nil }
            return Data(bytes: bytes, count: Int(ASN1_STRING_length(ski)))
        }
    }

    /// The serial number in decimal, as XML Signature's X509SerialNumber writes it.
    public var serialDecimal: String {
        remembered(\.serialDecimal) {
            guard let bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x509), nil) else { return "" }
            defer { BN_free(bn) }
            guard let text = BN_bn2dec(bn) else { return "" }
            defer { cs_OPENSSL_free(text) }
            return String(cString: text)
        }
    }

    /// The SHA-1 digest of the DER encoding (WS-Security's ThumbprintSHA1 reference).
    public var sha1Thumbprint: Data { remembered(\.sha1Thumbprint) { Digest.sha1(derBytes) } }

    /// True when `issuer`'s public key verifies this certificate's signature and names match.
    public func isSigned(by issuer: Certificate) -> Bool {
        guard X509_NAME_cmp(X509_get_issuer_name(x509), X509_get_subject_name(issuer.x509)) == 0,
              let key = X509_get0_pubkey(issuer.x509) else { return false }
        defer { ERR_clear_error() }
        return X509_verify(x509, key) == 1
    }

    /// True when `self` could have issued `child` (X509_check_issued: names, key identifiers, keyUsage), without
    /// checking the signature as ``isSigned(by:)`` does: for ordering a bundle's certificates into chains.
    public func issued(_ child: Certificate) -> Bool {
        let result = X509_check_issued(x509, child.x509) == X509_V_OK
        OpenSSLErrors.clear()
        return result
    }

    /// True when `date` falls within the validity period.
    public func isValid(at date: Date) -> Bool {
        notBefore <= date && date <= notAfter
    }
}
