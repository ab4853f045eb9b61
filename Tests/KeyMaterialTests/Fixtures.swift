import Foundation
import KeyMaterial

/// Keys and certificates shared by the tests; RSA generation is the slow part, so it happens once.
enum Fixtures {
    static let rsaKey: PrivateKey = try! PrivateKey.generate(.rsa(bits: 2048))
    static let rsaCertificate: Certificate = try! Certificate.selfSigned(
        key: rsaKey, subject: "CN=test service,OU=Tests,O=wssconsole", validityDays: 30,
        subjectAltNames: [.dnsName("localhost"), .ipAddress("127.0.0.1")])
    static let ecKey: PrivateKey = try! PrivateKey.generate(.ecP256)
    static let ecCertificate: Certificate = try! Certificate.selfSigned(
        key: ecKey, subject: "CN=test client,O=wssconsole", validityDays: 30)

    /// A fresh temporary folder, removed by the caller with `removeItem`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("keymaterial-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }

    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
