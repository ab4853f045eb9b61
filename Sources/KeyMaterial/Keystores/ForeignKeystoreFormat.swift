import Foundation

/// Keystore formats of Java tools that wssconsole does not read, recognised so the error can say how to convert them.
enum ForeignKeystoreFormat {
    /// Sun's JCEKS (magic 0xCECECECE).
    case jceks
    /// Bouncy Castle's BKS or UBER: version 1 or 2, a 20-byte salt, an iteration count of 1024 to 2047, no magic.
    case bouncyCastle

    /// The format of `data` if it is one of these; nil otherwise.
    static func detect(_ data: Data) -> Self? {
        let bytes = [UInt8](data.prefix(32))
        if bytes.starts(with: [0xCE, 0xCE, 0xCE, 0xCE]) { return .jceks }
        guard bytes.count == 32, bytes.starts(with: [0, 0, 0]), [1, 2].contains(bytes[3]), Array(bytes[4..<8]) == [0, 0, 0, 20] else { return nil }
        let iterations = bytes[28..<32].reduce(0) { $0 << 8 | Int($1) }
        return (1024..<2048).contains(iterations) ? .bouncyCastle : nil
    }

    /// `.unsupported`, naming the format and the keytool command that converts it to PKCS #12.
    var error: KeyMaterialError {
        switch self {
        case .jceks:
            .unsupported("a JCEKS keystore, which wssconsole does not read",
                         fix: "Convert it to PKCS #12 (Micro Integrator reads that too): keytool -importkeystore -srckeystore FILE -srcstoretype JCEKS "
                             + "-destkeystore FILE.p12 -deststoretype PKCS12 (secret keys, which wssconsole does not use, come along).")
        case .bouncyCastle:
            .unsupported("a Bouncy Castle keystore (BKS or UBER), which wssconsole does not read",
                         fix: "Convert it to PKCS #12 with keytool and the Bouncy Castle provider (Debian: libbcprov-java): keytool -importkeystore "
                             + "-srckeystore FILE -srcstoretype BKS (or UBER) -providerpath /usr/share/java/bcprov.jar "
                             + "-provider org.bouncycastle.jce.provider.BouncyCastleProvider -destkeystore FILE.p12 -deststoretype PKCS12")
        }
    }
}
