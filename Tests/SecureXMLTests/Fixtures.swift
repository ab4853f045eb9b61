import Foundation
import KeyMaterial
@testable import SecureXML

/// Keys, certificates and messages shared by the tests; RSA keys are generated once per test process.
enum Fixtures {
    static let wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
    static let soap = "http://schemas.xmlsoap.org/soap/envelope/"

    static let rsaKey: PrivateKey = try! PrivateKey.generate(.rsa(bits: 2048))
    static let rsaCertificate: Certificate = try! Certificate.selfSigned(key: rsaKey, subject: "CN=SecureXML test", validityDays: 2)
    static let otherKey: PrivateKey = try! PrivateKey.generate(.rsa(bits: 2048))
    static let otherCertificate: Certificate = try! Certificate.selfSigned(key: otherKey, subject: "CN=Someone else", validityDays: 2)

    static let signingKey: XMLKey = try! XMLKey(privateKey: rsaKey, certificate: rsaCertificate)
    static let verifyingKey: XMLKey = try! XMLKey(certificate: rsaCertificate)
    static let otherVerifyingKey: XMLKey = try! XMLKey(certificate: otherCertificate)
    static let hmacSecret: [UInt8] = Array("a shared secret of 32 bytes!!!!!".utf8)
    static let hmacKey: XMLKey = try! XMLKey.hmac(Secret(bytes: hmacSecret))

    /// A small SOAP 1.1 envelope whose Body and Timestamp carry wsu:Id.
    static let envelope = """
    <soap:Envelope xmlns:soap="\(soap)" xmlns:wsu="\(wsu)">
      <soap:Header>
        <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
          <wsu:Timestamp wsu:Id="TS-1"><wsu:Created>2024-01-01T00:00:00Z</wsu:Created></wsu:Timestamp>
        </wsse:Security>
      </soap:Header>
      <soap:Body wsu:Id="Body-1"><m:order xmlns:m="urn:example:orders"><m:item qty="2">Widget &amp; bolt</m:item></m:order></soap:Body>
    </soap:Envelope>
    """

    static func parse(_ text: String) throws -> XMLDocument {
        try XMLDocument.parse(Array(text.utf8))
    }

    static func text(_ document: XMLDocument) -> String {
        String(decoding: document.serialized(), as: UTF8.self)
    }

    /// The wsse:Security header of an envelope parsed from `envelope`.
    static func security(_ document: XMLDocument) -> XMLElement {
        document.root!.children[0].children[0]
    }

    /// A folder for files handed to xmlsec1, removed at exit of the test process is not needed: /tmp is scratch.
    static let folder: String = {
        let path = NSTemporaryDirectory() + "securexml-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Writes `contents` to a file in `folder` and returns its path.
    static func file(_ name: String, _ contents: String) -> String {
        file(name, Array(contents.utf8))
    }

    static func file(_ name: String, _ bytes: [UInt8]) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static let rsaKeyPEM: String = file("key.pem", try! rsaKey.pemString())
    static let rsaCertificatePEM: String = file("cert.pem", rsaCertificate.pemString)
    static let hmacKeyFile: String = file("hmac.bin", hmacSecret)
}
