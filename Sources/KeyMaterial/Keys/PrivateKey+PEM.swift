import COpenSSL
import CShims
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
    /// An encrypted key without `password`, or with the wrong one, fails with `.wrongPassword`; one whose cipher OpenSSL
    /// does not offer, or whose key derivation asks for too much work (see `PBEWork`), with `.unsupported`.
    public convenience init(pemString: String, password: Secret? = nil) throws {
        if pemString.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") { try Self.checkWork(pemString) }
        var key = try Self.read(pemString, password: password)
        var detail = OpenSSLErrors.drain()
        // OpenSSL 3 keeps RC2 and DES, which older tools encrypted keys with, in its legacy provider: read again with
        // it as this thread's default, as legacy PKCS #12 files are; nothing else runs with it.
        if key == nil, password != nil, Self.cipherMissing(detail), let legacy = cs_legacy_libctx() {
            let previous = OSSL_LIB_CTX_set0_default(legacy)
            defer { OSSL_LIB_CTX_set0_default(previous) }
            key = try Self.read(pemString, password: password)
            detail = OpenSSLErrors.drain()
        }
        guard let key else {
            if pemString.contains("ENCRYPTED") {
                if password != nil, Self.cipherMissing(detail) {
                    throw KeyMaterialError.unsupported("the key is encrypted with an algorithm OpenSSL does not offer (\(detail))",
                                                       fix: "Encrypt it again with AES: openssl pkcs8 -topk8 -in OLD.pem -out NEW.pem")
                }
                throw KeyMaterialError.wrongPassword(
                    password == nil ? "the key is encrypted and no password was given" : "the password does not decrypt the key")
            }
            throw KeyMaterialError.corrupt("not a PEM private key\(detail.isEmpty ? "" : " (\(detail))")")
        }
        self.init(owning: key)
    }

    /// True when OpenSSL's errors say the key's cipher is not offered. Its decoder adds "DECODER routines::unsupported"
    /// whenever no key came out: alone when it could try nothing (DES without the legacy provider), but also beside
    /// ASN.1 errors when a wrong password decrypted the key to bytes whose CBC padding happened to look right (about 1
    /// in 300). So only that line alone, or another one saying "unsupported" (RC2's fetch), means a missing cipher.
    private static func cipherMissing(_ detail: String) -> Bool {
        let others = detail.split(separator: "; ").filter { !$0.hasSuffix("DECODER routines::unsupported") }
        return others.isEmpty ? detail.contains("unsupported") : others.contains { $0.contains("unsupported") }
    }

    /// Refuses an encrypted PKCS #8 key whose key derivation asks for more work than `PBEWork` allows.
    private static func checkWork(_ pemString: String) throws {
        try MemoryBIO.reading(Data(pemString.utf8)) { bio in
            guard let sig = PEM_read_bio_PKCS8(bio, nil, nil, nil) else { return OpenSSLErrors.clear() }  // the read reports it
            defer { X509_SIG_free(sig) }
            try PBEWork.check(PKCS12ShroudedKey.algorithm(of: sig), what: "the encrypted private key")
        }
    }

    private static func read(_ pemString: String, password: Secret?) throws -> OpaquePointer? {
        try MemoryBIO.reading(Data(pemString.utf8)) { bio in
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
