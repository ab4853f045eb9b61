import Foundation
import KeyMaterial
import Testing

/// A real three-level PKI made by keytool in a temporary folder: a root CA, an intermediate CA the root signs
/// (`keytool -gencert -ext bc:c`), and leaves the intermediate signs from our CSRs. `openssl crl2pkcs7` turns
/// any set of its certificates into the PKCS #7 bundles CAs send.
struct KeytoolCA {
    let directory: URL
    let root: Certificate
    let intermediate: Certificate

    /// `rootStart`/`intermediateStart` are keytool -startdate values ("-400d"), for expired CAs.
    init(rootStart: String? = nil, rootDays: Int = 3650, intermediateStart: String? = nil, intermediateDays: Int = 1825) throws {
        directory = try Fixtures.temporaryDirectory()
        try Self.keytool(["-genkeypair", "-alias", "root", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Test Root CA,O=wssconsole",
                          "-ext", "bc:c", "-validity", "\(rootDays)"] + (rootStart.map { ["-startdate", $0] } ?? []) + Self.store(directory, "root"))
        try Self.keytool(["-genkeypair", "-alias", "intermediate", "-keyalg", "RSA", "-keysize", "2048",
                          "-dname", "CN=Test Intermediate CA,O=wssconsole", "-ext", "bc:c"] + Self.store(directory, "intermediate"))
        try Self.keytool(["-certreq", "-alias", "intermediate", "-file", directory.appendingPathComponent("intermediate.csr").path]
                         + Self.store(directory, "intermediate"))
        try Self.keytool(["-gencert", "-rfc", "-alias", "root", "-infile", directory.appendingPathComponent("intermediate.csr").path,
                          "-outfile", directory.appendingPathComponent("intermediate.pem").path, "-ext", "bc:c",
                          "-validity", "\(intermediateDays)"] + (intermediateStart.map { ["-startdate", $0] } ?? []) + Self.store(directory, "root"))
        try Self.keytool(["-exportcert", "-rfc", "-alias", "root", "-file", directory.appendingPathComponent("root.pem").path]
                         + Self.store(directory, "root"))
        root = try Certificate(pemString: String(contentsOf: directory.appendingPathComponent("root.pem"), encoding: .utf8))
        intermediate = try Certificate(pemString: String(contentsOf: directory.appendingPathComponent("intermediate.pem"), encoding: .utf8))
    }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The intermediate's signature on `csr` (PEM), as keytool -gencert writes it.
    func sign(csr: String, days: Int = 30, start: String? = nil) throws -> Certificate {
        let name = "leaf-\(UUID().uuidString.prefix(8))"
        try csr.write(toFile: path(name + ".csr"), atomically: true, encoding: .utf8)
        try Self.keytool(["-gencert", "-rfc", "-alias", "intermediate", "-infile", path(name + ".csr"), "-outfile", path(name + ".pem"),
                          "-validity", "\(days)"] + (start.map { ["-startdate", $0] } ?? []) + Self.store(directory, "intermediate"))
        return try Certificate(pemString: String(contentsOfFile: path(name + ".pem"), encoding: .utf8))
    }

    /// A PKCS #7 bundle of `certificates` in that order, PEM or DER, written by `openssl crl2pkcs7 -nocrl`.
    func pkcs7(_ certificates: [Certificate], der: Bool, name: String) throws -> String {
        let input = path(name + ".certs.pem")
        try certificates.map(\.pemString).joined().write(toFile: input, atomically: true, encoding: .utf8)
        let output = path(name + (der ? ".p7c" : ".p7b"))
        let (status, text) = try run("/usr/bin/openssl", ["crl2pkcs7", "-nocrl", "-certfile", input, "-out", output] + (der ? ["-outform", "DER"] : []))
        try #require(status == 0, "openssl crl2pkcs7 failed: \(text)")
        return output
    }

    static func store(_ directory: URL, _ name: String) -> [String] {
        ["-storetype", "PKCS12", "-keystore", directory.appendingPathComponent(name + ".p12").path, "-storepass", "ca-pass-\(name)"]
    }

    @discardableResult
    static func keytool(_ arguments: [String]) throws -> String {
        let (status, output) = try run(KeytoolInteropTests.keytool, KeytoolInteropTests.english + arguments)
        try #require(status == 0, "keytool \(arguments.first ?? "") failed: \(output)")
        return output
    }
}
