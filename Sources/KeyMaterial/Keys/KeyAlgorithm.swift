/// The kinds of key pair this module generates.
public enum KeyAlgorithm: Sendable, Hashable, CustomStringConvertible {
    /// RSA with a modulus of 2048, 3072 or 4096 bits.
    case rsa(bits: Int)
    /// ECDSA on NIST P-256 (secp256r1).
    case ecP256
    /// ECDSA on NIST P-384 (secp384r1).
    case ecP384

    /// The RSA sizes offered; smaller ones are too weak, larger ones too slow for this use.
    public static let supportedRSABits = [2048, 3072, 4096]

    /// A short label, e.g. "RSA 2048" or "EC P-256".
    public var description: String {
        switch self {
        case .rsa(let bits): "RSA \(bits)"
        case .ecP256: "EC P-256"
        case .ecP384: "EC P-384"
        }
    }
}
