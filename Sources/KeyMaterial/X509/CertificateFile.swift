import COpenSSL
import CShims
import Foundation

/// Certificates as files carry them: PEM blocks, one DER certificate, or PKCS #7, the form CAs send replies in
/// (.p7b/.p7c: PEM "PKCS7" or DER SignedData holding certificates only, in no particular order).
extension Certificate {
    /// Every certificate of `data`, in the file's order; the content decides the form, never the file name.
    public static func all(from data: Data) throws -> [Certificate] {
        if KeystoreFormat.detect(data) == .pem {
            let text = String(decoding: data, as: UTF8.self)
            guard text.contains("-----BEGIN PKCS7-----") || text.contains("-----BEGIN PKCS #7 SIGNED DATA-----") else {
                return try all(fromPEM: text)
            }
            let loose = text.contains("CERTIFICATE-----") ? try all(fromPEM: text) : []
            return try pkcs7(pem: data) + loose
        }
        if isPKCS7(data) { return try pkcs7(der: data) }
        // Not even a DER SEQUENCE: say what the file should be rather than relay OpenSSL's ASN.1 complaints.
        guard data.first == 0x30 else {
            throw KeyMaterialError.corrupt("not a certificate: neither PEM (no -----BEGIN CERTIFICATE----- line) nor DER, nor PKCS #7 (.p7b)")
        }
        return [try Certificate(derBytes: data)]
    }

    /// The one certificate of `data`, for a trusted entry; a file with several is refused, naming each.
    public static func single(from data: Data) throws -> Certificate {
        let found = try all(from: data)
        guard found.count == 1 else {
            let listed = found.enumerated().map { "\($0.offset + 1). \($0.element.subject) (issued by \($0.element.issuer))" }
            throw KeyMaterialError.invalidArgument(
                "the file holds \(found.count) certificates, not one: \(listed.joined(separator: "; ")); a trusted entry is one certificate: save the one to trust in a file of its own")
        }
        return found[0]
    }

    /// DER ContentInfo whose contentType is signedData (1.2.840.113549.1.7.2), judged from the first bytes so
    /// that a damaged file is still reported as a damaged PKCS #7 rather than "not a certificate".
    static func isPKCS7(_ data: Data) -> Bool {
        let bytes = [UInt8](data.prefix(16))
        guard bytes.count > 2, bytes[0] == 0x30 else { return false }
        let lengthBytes = bytes[1] & 0x80 == 0 || bytes[1] == 0x80 ? 0 : Int(bytes[1] & 0x7F)
        let oid: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]
        return bytes.dropFirst(2 + lengthBytes).starts(with: oid)
    }

    private static func pkcs7(der data: Data) throws -> [Certificate] {
        let p7: UnsafeMutablePointer<PKCS7>? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            let parsed = d2i_PKCS7(nil, &cursor, raw.count)
            if let parsed, cursor != base + raw.count {
                PKCS7_free(parsed)
                return nil
            }
            return parsed
        }
        guard let p7 else { throw KeyMaterialError.corrupt(OpenSSLErrors.appending(to: "a damaged PKCS #7 file (DER SignedData that does not decode)")) }
        defer { PKCS7_free(p7) }
        return try certificates(of: p7)
    }

    private static func pkcs7(pem data: Data) throws -> [Certificate] {
        try MemoryBIO.reading(data) { bio in
            var result: [Certificate] = []
            while let p7 = PEM_read_bio_PKCS7(bio, nil, nil, nil) {
                defer { PKCS7_free(p7) }
                result += try certificates(of: p7)
            }
            // As for certificates: only "no start line" at the end of the text is a clean stop.
            let error = ERR_peek_last_error()
            let detail = OpenSSLErrors.appending(to: "a damaged PKCS #7 block in the PEM text")
            if result.isEmpty || (error != 0 && ERR_GET_REASON(error) != PEM_R_NO_START_LINE) {
                throw KeyMaterialError.corrupt(detail)
            }
            return result
        }
    }

    private static func certificates(of p7: UnsafeMutablePointer<PKCS7>) throws -> [Certificate] {
        guard let stack = cs_pkcs7_certificates(p7), cs_sk_X509_num(stack) > 0 else {
            throw KeyMaterialError.invalidArgument("the PKCS #7 file holds no certificates (a CA reply carries the signed certificate and its chain)")
        }
        return (0..<cs_sk_X509_num(stack)).compactMap { index in
            cs_sk_X509_value(stack, index).flatMap(X509_dup).map { Certificate(owning: $0) }
        }
    }
}
