import COpenSSL
import CShims
import Foundation
import KeyMaterial

/// What the console shows of a server certificate, and whether it is trusted for the host in the URL.
public struct CertificateSummary: Sendable, Hashable, Codable {
    /// Subject DN (RFC 2253).
    public let subject: String
    /// Issuer DN (RFC 2253).
    public let issuer: String
    /// Start of validity.
    public let notBefore: Date
    /// End of validity.
    public let notAfter: Date
    /// SHA-256 fingerprint, colon-separated hex.
    public let sha256Fingerprint: String
    /// The subjectAltName entries as OpenSSL prints them ("DNS:ldap.example.com", "IP Address:10.0.0.5").
    public let subjectAltNames: [String]
    /// Why the certificate is not trusted for the host (checked with OpenSSL against the CA file), or nil.
    public let problem: String?
}

/// Reads a peer certificate and explains a failed verification in words libldap does not give
/// (with GnuTLS it reports "(unknown error code)" for an untrusted certificate or a wrong host name).
enum CertificateInspector {
    /// Summarises the DER certificate and checks it against `caFile` (nil: the system's CAs) for `host`.
    static func inspect(der: Data, caFile: String?, host: String) -> CertificateSummary? {
        guard let certificate = try? Certificate(derBytes: der) else { return nil }
        let (names, problem) = der.withUnsafeBytes { raw -> ([String], String?) in
            var cursor = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            guard let x509 = d2i_X509(nil, &cursor, raw.count) else { return ([], nil) }
            defer { X509_free(x509) }
            return (subjectAltNames(x509), verify(x509, caFile: caFile, host: host))
        }
        return CertificateSummary(subject: certificate.subject, issuer: certificate.issuer, notBefore: certificate.notBefore,
                                  notAfter: certificate.notAfter, sha256Fingerprint: certificate.sha256Fingerprint,
                                  subjectAltNames: names, problem: problem)
    }

    private static func subjectAltNames(_ x509: OpaquePointer) -> [String] {
        let index = X509_get_ext_by_NID(x509, NID_subject_alt_name, -1)
        guard index >= 0, let extensionPointer = X509_get_ext(x509, index), let bio = BIO_new(BIO_s_mem()) else { return [] }
        defer { BIO_free(bio) }
        guard X509V3_EXT_print(bio, extensionPointer, 0, 0) == 1 else { return [] }
        var data: UnsafeMutablePointer<CChar>?
        let length = cs_BIO_get_mem_data(bio, &data)
        guard let data, length > 0 else { return [] }
        let text = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// nil when the chain and the host name check out; otherwise OpenSSL's reason and what to do.
    private static func verify(_ x509: OpaquePointer, caFile: String?, host: String) -> String? {
        guard let store = X509_STORE_new(), let context = X509_STORE_CTX_new() else { return "cannot check the certificate (out of memory)" }
        defer {
            X509_STORE_CTX_free(context)
            X509_STORE_free(store)
        }
        if let caFile {
            guard X509_STORE_load_file(store, caFile) == 1 else {
                ERR_clear_error()
                return "the CA file \(caFile) cannot be read as PEM certificates"
            }
        } else {
            X509_STORE_set_default_paths(store)
        }
        guard X509_STORE_CTX_init(context, store, x509, nil) == 1 else { return "cannot check the certificate" }
        let parameters = X509_STORE_CTX_get0_param(context)
        if host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) {
            X509_VERIFY_PARAM_set1_ip_asc(parameters, host)
        } else {
            X509_VERIFY_PARAM_set1_host(parameters, host, 0)
        }
        let verified = X509_verify_cert(context) == 1
        ERR_clear_error()
        guard !verified else { return nil }
        let code = X509_STORE_CTX_get_error(context)
        let reason = String(cString: X509_verify_cert_error_string(Int(code)))
        return "\(reason)\(advice(code, caFile: caFile, host: host))"
    }

    private static func advice(_ code: Int32, caFile: String?, host: String) -> String {
        let trust = caFile.map { " and is not in \($0)" } ?? " and no CA file is configured (ca_certificate)"
        switch code {
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
            return ": the certificate signs itself\(trust); add it there"
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE,
             X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
            return ": the issuing CA is not trusted\(caFile.map { " (not in \($0))" } ?? ""); put the CA certificate in the ca_certificate file"
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return ": the server needs a new certificate"
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return ": check the clocks of this host and the server"
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            return ": the URL's host \(host) is not among the certificate's names; use one of its names in connection_url"
        default:
            return ""
        }
    }
}
