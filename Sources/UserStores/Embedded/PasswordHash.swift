import Foundation
import KeyMaterial

/// A salted PBKDF2-HMAC-SHA-256 password verifier, as stored in the embedded user store.
struct PasswordHash: Sendable, Hashable {
    /// The only scheme written and read; named in the file so a stronger one can be added later.
    static let scheme = "pbkdf2-sha256"
    static let saltLength = 16
    static let hashLength = 32
    /// Bounds accepted from a file: below is too weak to trust, above is a denial of service.
    static let acceptedIterations = 1_000...10_000_000

    let iterations: Int
    let salt: Data
    let hash: Data

    /// Hashes `password` with a fresh random salt.
    static func make(password: Secret, iterations: Int) throws(UserStoresError) -> PasswordHash {
        guard acceptedIterations.contains(iterations) else {
            throw UserStoresError.cryptoFailure("iteration count \(iterations) outside \(acceptedIterations)")
        }
        do {
            let salt = try SecureRandom.bytes(saltLength)
            let hash = try PBKDF2.deriveSHA256(password: password, salt: salt, iterations: iterations, length: hashLength)
            return PasswordHash(iterations: iterations, salt: salt, hash: hash)
        } catch {
            throw UserStoresError.cryptoFailure("cannot hash the password: \(error)")
        }
    }

    /// True when `password` derives the stored hash; the comparison takes constant time.
    func verify(_ password: Secret) -> Bool {
        guard let derived = try? PBKDF2.deriveSHA256(
            password: password, salt: salt, iterations: iterations, length: hash.count) else { return false }
        return ConstantTime.equals(derived, hash)
    }
}
