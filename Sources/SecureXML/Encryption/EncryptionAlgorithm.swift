import CShims
import CXMLSec

/// The block ciphers offered for EncryptedData. Triple DES only for peers whose policy names it
/// (`XMLProcessingPolicy.allowTripleDES`): a 64-bit block, deprecated and disallowed for encryption by NIST since 2024.
public enum DataEncryptionAlgorithm: String, Sendable, CaseIterable {
    case aes128CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc"
    case aes192CBC = "http://www.w3.org/2001/04/xmlenc#aes192-cbc"
    case aes256CBC = "http://www.w3.org/2001/04/xmlenc#aes256-cbc"
    case aes128GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm"
    case aes192GCM = "http://www.w3.org/2009/xmlenc11#aes192-gcm"
    case aes256GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm"
    case tripleDESCBC = "http://www.w3.org/2001/04/xmlenc#tripledes-cbc"

    /// The algorithm URI.
    public var uri: String { rawValue }

    /// A short name for people and command lines, e.g. "aes256-gcm".
    public var name: String {
        switch self {
        case .aes128CBC: "aes128-cbc"
        case .aes192CBC: "aes192-cbc"
        case .aes256CBC: "aes256-cbc"
        case .aes128GCM: "aes128-gcm"
        case .aes192GCM: "aes192-gcm"
        case .aes256GCM: "aes256-gcm"
        case .tripleDESCBC: "tripledes-cbc"
        }
    }

    /// The key size in bits.
    public var keyBits: Int {
        switch self {
        case .aes128CBC, .aes128GCM: 128
        case .aes192CBC, .aes192GCM: 192
        case .aes256CBC, .aes256GCM: 256
        case .tripleDESCBC: 192
        }
    }

    /// The kind of key the cipher takes.
    public var keyKind: XMLKey.Kind { self == .tripleDESCBC ? .tripleDES : .aes }

    /// The key in messages: "an AES-256 key" or "a Triple DES key".
    var keyDescription: String { self == .tripleDESCBC ? "a Triple DES key" : "an AES-\(keyBits) key" }

    /// Authenticated (GCM); CBC is not, so CBC ciphertexts must be signed by the layer above.
    public var isAuthenticated: Bool { rawValue.hasSuffix("gcm") }

    var transformId: xmlSecTransformId {
        switch self {
        case .aes128CBC: cs_xmlSecTransformAes128CbcId()
        case .aes192CBC: cs_xmlSecTransformAes192CbcId()
        case .aes256CBC: cs_xmlSecTransformAes256CbcId()
        case .aes128GCM: cs_xmlSecTransformAes128GcmId()
        case .aes192GCM: cs_xmlSecTransformAes192GcmId()
        case .aes256GCM: cs_xmlSecTransformAes256GcmId()
        case .tripleDESCBC: cs_xmlSecTransformDes3CbcId()
        }
    }
}

/// What an EncryptedData replaces: the element itself or only its content.
public enum EncryptedType: String, Sendable {
    case element = "http://www.w3.org/2001/04/xmlenc#Element"
    case content = "http://www.w3.org/2001/04/xmlenc#Content"
}

/// How an EncryptedKey carries the data key: RSA key transport (OAEP, or PKCS #1 v1.5 when allowed) or AES key wrap.
public struct KeyEncryptionAlgorithm: Sendable, Hashable, CustomStringConvertible {
    /// The family: RSA-OAEP, RSA PKCS #1 v1.5, or AES key wrap.
    public enum Kind: Sendable, Hashable {
        case rsaOAEP, rsa15, aesKeyWrap
    }

    static let mgf1pURI = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"
    static let oaep11URI = "http://www.w3.org/2009/xmlenc11#rsa-oaep"
    static let rsa15URI = "http://www.w3.org/2001/04/xmlenc#rsa-1_5"

    /// The family of the algorithm.
    public let kind: Kind
    /// The EncryptionMethod URI.
    public let uri: String
    /// OAEP's digest (DigestMethod), SHA-1 when absent.
    public let digest: DigestAlgorithm
    /// OAEP's mask generation digest (MGF1): always SHA-1 for rsa-oaep-mgf1p; xmlenc11's MGF element otherwise.
    public let mgfDigest: DigestAlgorithm
    /// For key wrap: the KEK size in bits.
    public let wrapBits: Int

    init(kind: Kind, uri: String, digest: DigestAlgorithm = .sha1, mgfDigest: DigestAlgorithm = .sha1, wrapBits: Int = 0) {
        self.kind = kind
        self.uri = uri
        self.digest = digest
        self.mgfDigest = mgfDigest
        self.wrapBits = wrapBits
    }

    /// RSA-OAEP with SHA-1 and MGF1-SHA1 (rsa-oaep-mgf1p), what most peers expect.
    public static let rsaOAEP = KeyEncryptionAlgorithm(kind: .rsaOAEP, uri: mgf1pURI)
    /// rsa-oaep-mgf1p with a SHA-256 DigestMethod (MGF1 stays SHA-1), as WSS4J writes for SHA-256 suites.
    public static let rsaOAEPDigestSHA256 = KeyEncryptionAlgorithm(kind: .rsaOAEP, uri: mgf1pURI, digest: .sha256)
    /// XML Encryption 1.1 rsa-oaep with SHA-256 and MGF1-SHA256.
    public static let rsaOAEP11SHA256 = KeyEncryptionAlgorithm(kind: .rsaOAEP, uri: oaep11URI, digest: .sha256, mgfDigest: .sha256)
    /// RSA PKCS #1 v1.5: only when the policy allows it.
    public static let rsa15 = KeyEncryptionAlgorithm(kind: .rsa15, uri: rsa15URI)
    /// AES-128 key wrap (RFC 3394).
    public static let kwAES128 = KeyEncryptionAlgorithm(kind: .aesKeyWrap, uri: "http://www.w3.org/2001/04/xmlenc#kw-aes128", wrapBits: 128)
    /// AES-192 key wrap (RFC 3394).
    public static let kwAES192 = KeyEncryptionAlgorithm(kind: .aesKeyWrap, uri: "http://www.w3.org/2001/04/xmlenc#kw-aes192", wrapBits: 192)
    /// AES-256 key wrap (RFC 3394).
    public static let kwAES256 = KeyEncryptionAlgorithm(kind: .aesKeyWrap, uri: "http://www.w3.org/2001/04/xmlenc#kw-aes256", wrapBits: 256)

    /// The algorithms a writer may choose, by their command-line names.
    public static let named: [(String, KeyEncryptionAlgorithm)] = [
        ("rsa-oaep", .rsaOAEP), ("rsa-oaep-sha256", .rsaOAEPDigestSHA256), ("rsa-oaep11-sha256", .rsaOAEP11SHA256),
        ("rsa-1_5", .rsa15), ("kw-aes128", .kwAES128), ("kw-aes192", .kwAES192), ("kw-aes256", .kwAES256),
    ]

    public var description: String {
        switch kind {
        case .rsa15: "rsa-1_5"
        case .aesKeyWrap: "kw-aes\(wrapBits)"
        case .rsaOAEP:
            uri == Self.oaep11URI ? "rsa-oaep11 (\(digest.name), mgf1\(mgfDigest.name))" : "rsa-oaep-mgf1p (\(digest.name))"
        }
    }

    var wrapTransformId: xmlSecTransformId? {
        switch wrapBits {
        case 128: cs_xmlSecTransformKWAes128Id()
        case 192: cs_xmlSecTransformKWAes192Id()
        case 256: cs_xmlSecTransformKWAes256Id()
        default: nil
        }
    }
}

extension DataEncryptionAlgorithm {
    /// The algorithm with this short name ("aes256-gcm"), if any.
    public init?(named name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}
