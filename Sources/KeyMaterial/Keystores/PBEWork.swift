import COpenSSL
import Foundation

/// The work a password-based algorithm of a keystore asks for, read from its parameters before any key is derived.
///
/// A file names its own iteration count, and key derivation runs every round before it can fail: a PKCS #12 file or
/// encrypted PEM key asking for 2^31 rounds would hold the command for an hour, saying nothing. Java refuses more
/// than 5,000,000 (`PKCS12KeyStore.MAX_ITERATION_COUNT`), so Micro Integrator could not use such a file anyway.
enum PBEWork {
    /// Java's limit; keytool and OpenSSL write 10,000 (OpenSSL's MAC 2,048).
    static let maximumIterations = 5_000_000
    /// scrypt's cost N·r·p: OpenSSL writes 16384·8·1; 128 times that still finishes in seconds.
    static let maximumScryptCost = 1 << 24

    /// Throws `.unsupported` when `algorithm` asks for more work than the limits allow.
    static func check(_ algorithm: UnsafePointer<X509_ALGOR>?, what: String) throws {
        guard let algorithm else { return }
        let length = i2d_X509_ALGOR(algorithm, nil)
        guard length > 0 else { return OpenSSLErrors.clear() }
        var der = [UInt8](repeating: 0, count: Int(length))
        der.withUnsafeMutableBufferPointer { raw in
            var cursor = raw.baseAddress
            _ = i2d_X509_ALGOR(algorithm, &cursor)
        }
        try check(algorithmDER: der, what: what)
    }

    /// The same for an AlgorithmIdentifier's DER; parameters it cannot read are left to OpenSSL to refuse.
    static func check(algorithmDER der: [UInt8], what: String) throws {
        var top = DERWalker(der, 0..<der.count)
        guard var identifier = top.enter(0x30), let oid = identifier.next(0x06) else { return }
        if Array(der[oid.content]) == pbes2, var parameters = identifier.enter(0x30), var kdf = parameters.enter(0x30),
           let kdfOID = kdf.next(0x06), var kdfParameters = kdf.enter(0x30) {
            if Array(der[kdfOID.content]) == scrypt {
                kdfParameters.skip(0x04)
                let costs = [kdfParameters.next(0x02), kdfParameters.next(0x02), kdfParameters.next(0x02)].map { $0.map { integer(der, $0.content) } ?? 1 }
                let cost = costs.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
                guard cost <= maximumScryptCost else {
                    throw KeyMaterialError.unsupported("\(what) asks for scrypt work N·r·p = \(cost), over the limit of \(maximumScryptCost) (deriving its key would take very long)",
                                                       fix: "Encrypt the key again with the usual parameters: openssl pkcs8 -topk8 -scrypt, or -iter 10000.")
                }
                return
            }
            try checkIterations(der, &kdfParameters, what: what)  // PBKDF2-params: salt, iterationCount, ...
        } else if var parameters = identifier.enter(0x30) {
            try checkIterations(der, &parameters, what: what)  // PKCS #5 v1 and PKCS #12 PBE: salt, iterations
        }
    }

    /// Throws `.unsupported` when `count` (an INTEGER read from the file; nil means absent, 1) is over the limit.
    static func check(iterations count: UnsafePointer<ASN1_INTEGER>?, what: String) throws {
        guard let count else { return }
        var value: Int64 = 0
        try check(iterations: ASN1_INTEGER_get_int64(&value, count) == 1 ? Int(value) : Int.max, what: what)
    }

    /// Throws `.unsupported` when `iterations` (a count read from the file) is over the limit.
    static func check(iterations: Int, what: String) throws {
        guard iterations > maximumIterations else { return }
        throw KeyMaterialError.unsupported(
            "\(what) asks for \(iterations) iterations, over the limit of \(maximumIterations) that Java keeps too (deriving its key would take minutes)",
            fix: "Have it written again with the usual count (10,000), e.g. openssl pkcs12 -export -iter 10000, or openssl pkcs8 -topk8 -iter 10000 for a PEM key.")
    }

    private static func checkIterations(_ der: [UInt8], _ parameters: inout DERWalker, what: String) throws {
        // The salt is an OCTET STRING (PBKDF2 also allows an AlgorithmIdentifier there).
        if parameters.next(0x04) == nil { parameters.skip(0x30) }
        guard let count = parameters.next(0x02) else { return }
        try check(iterations: integer(der, count.content), what: what)
    }

    /// A non-negative INTEGER's value, Int.max when it does not fit; a negative one is 0 (OpenSSL refuses it).
    private static func integer(_ der: [UInt8], _ content: Range<Int>) -> Int {
        guard let first = content.first, der[first] & 0x80 == 0 else { return 0 }
        let significant = content.drop { der[$0] == 0 }
        guard significant.count <= 7 else { return Int.max }
        return significant.reduce(0) { $0 << 8 | Int(der[$1]) }
    }

    private static let pbes2: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D]
    private static let scrypt: [UInt8] = [0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x04, 0x0B]
}
