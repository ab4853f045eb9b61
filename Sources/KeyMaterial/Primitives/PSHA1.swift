import COpenSSL
import Foundation

/// P_SHA1, the TLS 1.0 PRF's P_hash with HMAC-SHA1 (RFC 2246 section 5): how WS-Trust's ComputedKey
/// `http://schemas.xmlsoap.org/ws/2005/02/trust/CK/PSHA1` turns the client's and the server's entropy into the
/// proof key of a SecurityContextToken (secret = client entropy, seed = server entropy).
public enum PSHA1 {
    /// `length` bytes of P_SHA1(secret, seed): A(0) = seed, A(i) = HMAC(secret, A(i-1)),
    /// output = HMAC(secret, A(1) + seed) || HMAC(secret, A(2) + seed) || ... truncated to `length`.
    public static func derive(secret: Secret, seed: Data, length: Int) throws -> Secret {
        guard length >= 1, length <= 1024 else {
            throw KeyMaterialError.invalidArgument("P_SHA1 output length \(length) out of range")
        }
        var output = [UInt8]()
        output.reserveCapacity(length + 20)
        var a = try hmac(secret, seed)
        while output.count < length {
            var block = try hmac(secret, a + seed)
            output += block
            block.resetBytes(in: 0..<block.count)
            a = try hmac(secret, a)
        }
        a.resetBytes(in: 0..<a.count)
        defer { output.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        return Secret(bytes: output[0..<length])
    }

    private static func hmac(_ key: Secret, _ data: Data) throws -> Data {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { k in
            data.withUnsafeBytes { d in
                HMAC(EVP_sha1(), k.baseAddress, Int32(k.count), d.baseAddress?.assumingMemoryBound(to: UInt8.self), d.count, &out, &length)
            }
        }
        guard result != nil, length == 20 else { throw KeyMaterialError.cryptoFailure("HMAC-SHA1 failed: \(OpenSSLErrors.drain())") }
        return Data(out[0..<20])
    }
}
