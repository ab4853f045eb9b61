import COpenSSL
import CShims
import Foundation

/// Whether a certificate is in its validity period: data, so screens can mark it without relying on colour.
public enum ExpiryStatus: String, Sendable, Codable {
    case valid
    /// Ends within the warning period (30 days unless told otherwise).
    case expiresSoon
    case expired
    case notYetValid
}

extension Certificate {
    /// One X.509 v3 extension, as OpenSSL prints it.
    public struct Extension: Sendable, Hashable, Codable {
        public let name: String
        public let oid: String
        public let critical: Bool
        public let value: String
    }

    /// Days until `notAfter`, a started day counted whole: a certificate made for 365 days has 365 left, not 364,
    /// and 1 on its last day. Once expired, minus the whole days since (0 on the day it expired). The CLI, the
    /// console and validation all count with this.
    public func daysLeft(now: Date = Date()) -> Int {
        Int((notAfter.timeIntervalSince(now) / 86_400).rounded(.up))
    }

    /// The certificate's state at `now`; within `warningDays` of the end (`daysLeft` at most `warningDays`: a
    /// 30-day certificate "expires within 30 days") it is `.expiresSoon`.
    public func expiry(now: Date = Date(), warningDays: Int = 30) -> ExpiryStatus {
        if now < notBefore { return .notYetValid }
        if now > notAfter { return .expired }
        return daysLeft(now: now) <= warningDays ? .expiresSoon : .valid
    }

    /// Why the public key is too weak to rely on (RSA or DSA under 2048 bits, EC under 256), nil when it is not.
    ///
    /// From `publicKeyDescription`, which reads the usual keys from the DER without decoding them.
    public var keyWeakness: String? {
        let words = publicKeyDescription.split(separator: " ")
        guard words.count == 2, let bits = Int(words[1].drop { !$0.isNumber }.prefix { $0.isNumber }) else { return nil }
        let minimum = words[0] == "EC" ? 256 : ["RSA", "DSA"].contains(words[0]) ? 2048 : 0
        guard bits < minimum else { return nil }
        return "\(publicKeyDescription) is under \(minimum) bits, too weak to rely on; make a new key pair (keystore genkey) and have it certified"
    }

    /// The signature algorithm, e.g. "sha256WithRSAEncryption".
    public var signatureAlgorithm: String {
        guard let object = cs_x509_signature_object(x509) else { return "unknown" }
        let nid = OBJ_obj2nid(object)
        if nid != NID_undef, let name = OBJ_nid2ln(nid) { return String(cString: name) }
        return JKSKeyProtector.objectText(object)
    }

    /// True when OpenSSL takes the certificate as an issuer of others (X509_check_ca): basicConstraints CA:TRUE, or
    /// without basicConstraints a keyUsage with keyCertSign or a version 1 self-signed root.
    public var isCA: Bool {
        let result = X509_check_ca(x509) != 0
        OpenSSLErrors.clear()
        return result
    }

    /// The X.509 version (1-3).
    public var version: Int { Int(X509_get_version(x509)) + 1 }

    /// Every extension in certificate order.
    public var extensions: [Extension] {
        (0..<max(0, X509_get_ext_count(x509))).compactMap { index in
            guard let ext = X509_get_ext(x509, index), let object = X509_EXTENSION_get_object(ext) else { return nil }
            let nid = OBJ_obj2nid(object)
            let oid = JKSKeyProtector.objectText(object)
            let name = nid == NID_undef ? oid : String(cString: OBJ_nid2ln(nid))
            let printed = try? MemoryBIO.writing { bio in
                if X509V3_EXT_print(bio, ext, 0, 0) != 1 {
                    OpenSSLErrors.clear()
                    _ = ASN1_STRING_print(bio, X509_EXTENSION_get_data(ext))
                }
            }
            let value = printed.map { String(decoding: $0, as: UTF8.self) } ?? ""
            let oneLine = value.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
            return Extension(name: name, oid: oid, critical: X509_EXTENSION_get_critical(ext) == 1, value: oneLine)
        }
    }

    /// The public key as PEM SubjectPublicKeyInfo ("PUBLIC KEY"), for `keystore export --public-key`.
    public func publicKeyPEMString() throws -> String {
        guard let key = X509_get0_pubkey(x509) else { throw KeyMaterialError.corrupt("the certificate has no usable public key") }
        let data = try MemoryBIO.writing { bio in
            guard PEM_write_bio_PUBKEY(bio, key) == 1 else { throw KeyMaterialError.cryptoFailure("cannot write the public key") }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
