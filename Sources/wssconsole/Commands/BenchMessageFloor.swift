import Foundation
import KeyMaterial

/// The in-process OpenSSL floor of one secured request: the RSA-2048 operations the scenario needs, with the
/// bench's own keys (rsa-sha1 signature and its verification, RSA-OAEP of the 32-byte session key and its
/// decryption), a SHA-1 of the message's bytes and, where the service checks a UsernameToken against its
/// store, that store's PBKDF2 of the password; nothing of XML.
struct MessageFloor {
    let clientKey: PrivateKey
    let serviceKey: PrivateKey
    let message: Data
    let sign: Bool
    let encrypt: Bool
    /// The user store's PBKDF2 cost, when the service checks a password.
    let passwordIterations: Int?
    private let password: Secret
    private let signature: Data
    private let wrapped: Data
    private let sessionKey = Data(repeating: 7, count: 32)

    init(parties: MessageParties, messageBytes: Int, sign: Bool, encrypt: Bool, passwordIterations: Int?) throws {
        clientKey = parties.clientKey
        serviceKey = parties.serviceKey
        message = Data(repeating: 0x61, count: messageBytes)
        self.sign = sign
        self.encrypt = encrypt
        self.passwordIterations = passwordIterations
        password = Secret(parties.password)
        signature = try clientKey.rawSignatureSHA1(message)
        wrapped = try serviceKey.rawOAEP(sessionKey, encrypt: true)
    }

    /// What the client does: sign with its private key, wrap the session key for the service.
    func secure() throws {
        _ = Digest.sha1(message)
        if sign { _ = try clientKey.rawSignatureSHA1(message) }
        if encrypt { _ = try serviceKey.rawOAEP(sessionKey, encrypt: true) }
    }

    /// What the service does: unwrap the session key with its private key, verify the client's signature.
    func verify() throws {
        _ = Digest.sha1(message)
        if encrypt { _ = try serviceKey.rawOAEP(wrapped, encrypt: false) }
        if sign, !clientKey.rawVerifySHA1(message, signature: signature) {
            throw OperationFailed(message: "the floor signature did not verify")
        }
        if let passwordIterations {
            _ = try PBKDF2.deriveSHA256(password: password, salt: message.prefix(16), iterations: passwordIterations, length: 32)
        }
    }
}
