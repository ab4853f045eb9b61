import KeyMaterial
import SecureXML

/// The algorithms a WS-SecurityPolicy algorithm suite names (WS-SP 1.2 section 6.1): what the engine writes,
/// and the floor of what it accepts.
struct SuiteAlgorithms: Sendable {
    let suite: AlgorithmSuite
    /// Data encryption: AES-CBC, or Triple DES for the TripleDes suites (deprecated; allowed for them alone).
    let encryption: DataEncryptionAlgorithm
    let keyTransport: KeyEncryptionAlgorithm
    let digest: DigestAlgorithm
    let asymmetricSignature: SignatureAlgorithm = .rsaSHA1
    let symmetricSignature: SignatureAlgorithm = .hmacSHA1
    /// The size of a symmetric session key.
    let keyBits: Int

    init(_ suite: AlgorithmSuite) {
        self.suite = suite
        let name = suite.rawValue
        switch true {
        case name.hasPrefix("Basic256"): (encryption, keyBits) = (.aes256CBC, 256)
        case name.hasPrefix("Basic192"): (encryption, keyBits) = (.aes192CBC, 192)
        case name.hasPrefix("Basic128"): (encryption, keyBits) = (.aes128CBC, 128)
        default: (encryption, keyBits) = (.tripleDESCBC, 192)
        }
        keyTransport = name.hasSuffix("Rsa15") ? .rsa15 : .rsaOAEP
        digest = name.hasSuffix("Sha256") ? .sha256 : .sha1
    }

    /// What SecureXML may process: SHA-1, RSA-1_5 and Triple DES only when the suite itself names them; decrypted
    /// content under a message's own limits (a processing instruction in it fails as any decryption does).
    var processing: XMLProcessingPolicy {
        XMLProcessingPolicy(allowSHA1: true, allowRSA15: keyTransport.kind == .rsa15, allowTripleDES: encryption == .tripleDESCBC,
                            contentLimits: SOAPEnvelope.limits)
    }

    /// The data key for `cipher` (the suite's unless given) made of a session secret. A longer secret — a Kerberos
    /// session key of aes256-cts under Basic128 or TripleDes — is cut to the cipher's key length, as WSS4J's
    /// KeyUtils.prepareSecretKey does on both sides; a shorter one is refused.
    func dataKey(_ secret: Secret, for cipher: DataEncryptionAlgorithm? = nil) throws(XMLError) -> XMLKey {
        let cipher = cipher ?? encryption
        let length = cipher.keyBits / 8
        guard secret.count > length else { return try XMLKey.dataKey(secret, for: cipher) }
        return try XMLKey.dataKey(secret.withUnsafeBytes { Secret(bytes: $0.prefix(length)) }, for: cipher)
    }

    /// True when an inbound signature method is the suite's or the same family with a stronger hash.
    func accepts(signature: SignatureAlgorithm, symmetric: Bool) -> Bool {
        symmetric ? [.hmacSHA1, .hmacSHA256].contains(signature) : [.rsaSHA1, .rsaSHA256, .rsaSHA512].contains(signature)
    }

    /// True when an inbound digest is the suite's or stronger.
    func accepts(digest: DigestAlgorithm) -> Bool {
        self.digest == .sha1 || digest != .sha1
    }

    /// True when inbound data encryption is exactly the suite's (a smaller AES key is weaker; a different
    /// mode is not what the peer agreed to).
    func accepts(encryption: DataEncryptionAlgorithm) -> Bool {
        encryption == self.encryption
    }

    /// True when inbound key transport is the suite's, or OAEP where the suite allows RSA-1_5.
    func accepts(keyTransport: KeyEncryptionAlgorithm) -> Bool {
        keyTransport.kind == .rsaOAEP || keyTransport.kind == self.keyTransport.kind
    }
}
