import COpenSSL
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PrivateKey {
    /// The key as PEM PKCS #8: "ENCRYPTED PRIVATE KEY" (AES-256-CBC, PBKDF2) with a password,
    /// otherwise "PRIVATE KEY".
    public func pemString(password: Secret? = nil) throws -> String {
        let data = try MemoryBIO.writing { bio in
            let ok: Int32
            if let password {
                ok = password.withCString { pass in
                    PEM_write_bio_PKCS8PrivateKey(bio, pkey, EVP_aes_256_cbc(), nil, 0, nil,
                                                  UnsafeMutableRawPointer(mutating: pass))
                }
            } else {
                ok = PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil)
            }
            guard ok == 1 else { throw KeyMaterialError.cryptoFailure("cannot write the private key as PEM") }
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a PEM private key (PKCS #8, encrypted PKCS #8 or traditional RSA/EC).
    ///
    /// An encrypted key without `password`, or with the wrong one, fails with `.wrongPassword`.
    public convenience init(pemString: String, password: Secret? = nil) throws {
        let key: OpaquePointer? = try MemoryBIO.reading(Data(pemString.utf8)) { bio in
            // Our own callback: OpenSSL's default one would prompt on the terminal when no password is given.
            let callback: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = {
                buffer, size, _, userData in
                guard let buffer, let userData else { return -1 }
                let pass = userData.assumingMemoryBound(to: CChar.self)
                let length = strlen(pass)
                guard length < Int(size) else { return -1 }
                memcpy(buffer, pass, length)
                return Int32(length)
            }
            if let password {
                return password.withCString { pass in
                    PEM_read_bio_PrivateKey(bio, nil, callback, UnsafeMutableRawPointer(mutating: pass))
                }
            }
            return PEM_read_bio_PrivateKey(bio, nil, callback, nil)
        }
        guard let key else {
            let detail = OpenSSLErrors.drain()
            if pemString.contains("ENCRYPTED") {
                throw KeyMaterialError.wrongPassword(
                    password == nil ? "the key is encrypted and no password was given" : "the password does not decrypt the key")
            }
            throw KeyMaterialError.corrupt("not a PEM private key\(detail.isEmpty ? "" : " (\(detail))")")
        }
        self.init(owning: key)
    }

    /// The public key as PEM SubjectPublicKeyInfo ("PUBLIC KEY").
    public func publicKeyPEMString() throws -> String {
        let data = try MemoryBIO.writing { bio in
            guard PEM_write_bio_PUBKEY(bio, pkey) == 1 else {
                throw KeyMaterialError.cryptoFailure("cannot write the public key as PEM")
            }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
