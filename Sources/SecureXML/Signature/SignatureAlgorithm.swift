import CShims
import CXMLSec

/// The signature methods offered: RSA PKCS #1 v1.5 and HMAC.
public enum SignatureAlgorithm: String, Sendable, CaseIterable {
    case rsaSHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
    case rsaSHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    case rsaSHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
    case hmacSHA1 = "http://www.w3.org/2000/09/xmldsig#hmac-sha1"
    case hmacSHA256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"

    /// The algorithm URI.
    public var uri: String { rawValue }

    /// A short name for people and command lines, e.g. "rsa-sha256".
    public var name: String {
        switch self {
        case .rsaSHA1: "rsa-sha1"
        case .rsaSHA256: "rsa-sha256"
        case .rsaSHA512: "rsa-sha512"
        case .hmacSHA1: "hmac-sha1"
        case .hmacSHA256: "hmac-sha256"
        }
    }

    /// SHA-1 based: allowed only when the policy says so.
    public var isSHA1: Bool { self == .rsaSHA1 || self == .hmacSHA1 }

    /// True for the HMAC methods (a shared secret), false for RSA (a key pair).
    public var isHMAC: Bool { self == .hmacSHA1 || self == .hmacSHA256 }

    /// Whether `key` can compute (`signing`) or check this signature.
    func accepts(_ key: XMLKey, signing: Bool) -> Bool {
        switch key.kind {
        case .hmac: isHMAC
        case .rsaPrivate: !isHMAC
        case .rsaPublic: !isHMAC && !signing
        case .aes, .tripleDES: false
        }
    }

    var transformId: xmlSecTransformId {
        switch self {
        case .rsaSHA1: cs_xmlSecTransformRsaSha1Id()
        case .rsaSHA256: cs_xmlSecTransformRsaSha256Id()
        case .rsaSHA512: cs_xmlSecTransformRsaSha512Id()
        case .hmacSHA1: cs_xmlSecTransformHmacSha1Id()
        case .hmacSHA256: cs_xmlSecTransformHmacSha256Id()
        }
    }
}

/// The digest methods offered for References (and for OAEP).
public enum DigestAlgorithm: String, Sendable, CaseIterable {
    case sha1 = "http://www.w3.org/2000/09/xmldsig#sha1"
    case sha256 = "http://www.w3.org/2001/04/xmlenc#sha256"
    case sha512 = "http://www.w3.org/2001/04/xmlenc#sha512"

    /// The algorithm URI.
    public var uri: String { rawValue }

    /// A short name for people and command lines, e.g. "sha256".
    public var name: String {
        switch self {
        case .sha1: "sha1"
        case .sha256: "sha256"
        case .sha512: "sha512"
        }
    }

    var transformId: xmlSecTransformId {
        switch self {
        case .sha1: cs_xmlSecTransformSha1Id()
        case .sha256: cs_xmlSecTransformSha256Id()
        case .sha512: cs_xmlSecTransformSha512Id()
        }
    }
}

extension SignatureAlgorithm {
    /// The algorithm with this short name ("rsa-sha256"), if any.
    public init?(named name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}

extension DigestAlgorithm {
    /// The algorithm with this short name ("sha256"), if any.
    public init?(named name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}
