import Foundation
import KeyMaterial

/// A real three-level PKI made by keytool in a temporary folder: a root CA, an intermediate CA the root signs
/// (`keytool -gencert -ext bc:c`), and leaves the intermediate signs from our CSRs. `openssl crl2pkcs7` turns
/// any set of its certificates into the PKCS #7 bundles CAs send. Shared by the KeyMaterial and engine tests.
public struct KeytoolCA {
    /// A keytool or openssl run that failed, with its output.
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public let directory: URL
    public let root: Certificate
    public let intermediate: Certificate

    /// `rootStart`/`intermediateStart` are keytool -startdate values ("-400d"), for expired CAs.
    public init(rootStart: String? = nil, rootDays: Int = 3650, intermediateStart: String? = nil, intermediateDays: Int = 1825) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keytool-ca-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let dir = directory
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        try Self.keytool(["-genkeypair", "-alias", "root", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Test Root CA,O=wssconsole",
                          "-ext", "bc:c", "-validity", "\(rootDays)"] + (rootStart.map { ["-startdate", $0] } ?? []) + Self.store(dir, "root"))
        try Self.keytool(["-genkeypair", "-alias", "intermediate", "-keyalg", "RSA", "-keysize", "2048",
                          "-dname", "CN=Test Intermediate CA,O=wssconsole", "-ext", "bc:c"] + Self.store(dir, "intermediate"))
        try Self.keytool(["-certreq", "-alias", "intermediate", "-file", file("intermediate.csr")] + Self.store(dir, "intermediate"))
        try Self.keytool(["-gencert", "-rfc", "-alias", "root", "-infile", file("intermediate.csr"), "-outfile", file("intermediate.pem"),
                          "-ext", "bc:c", "-validity", "\(intermediateDays)"] + (intermediateStart.map { ["-startdate", $0] } ?? [])
                         + Self.store(dir, "root"))
        try Self.keytool(["-exportcert", "-rfc", "-alias", "root", "-file", file("root.pem")] + Self.store(dir, "root"))
        root = try Certificate(pemString: String(contentsOfFile: file("root.pem"), encoding: .utf8))
        intermediate = try Certificate(pemString: String(contentsOfFile: file("intermediate.pem"), encoding: .utf8))
    }

    /// Removes the folder.
    public func remove() { try? FileManager.default.removeItem(at: directory) }

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The intermediate's signature on `csr` (PEM), as keytool -gencert writes it.
    public func sign(csr: String, days: Int = 30, start: String? = nil) throws -> Certificate {
        let name = "leaf-\(UUID().uuidString.prefix(8))"
        try csr.write(toFile: path(name + ".csr"), atomically: true, encoding: .utf8)
        try Self.keytool(["-gencert", "-rfc", "-alias", "intermediate", "-infile", path(name + ".csr"), "-outfile", path(name + ".pem"),
                          "-validity", "\(days)"] + (start.map { ["-startdate", $0] } ?? []) + Self.store(directory, "intermediate"))
        return try Certificate(pemString: String(contentsOfFile: path(name + ".pem"), encoding: .utf8))
    }

    /// A PKCS #7 bundle of `certificates` in that order, PEM or DER, written by `openssl crl2pkcs7 -nocrl`.
    public func pkcs7(_ certificates: [Certificate], der: Bool, name: String) throws -> String {
        let input = path(name + ".certs.pem")
        try certificates.map(\.pemString).joined().write(toFile: input, atomically: true, encoding: .utf8)
        let output = path(name + (der ? ".p7c" : ".p7b"))
        try Self.run("/usr/bin/openssl", ["crl2pkcs7", "-nocrl", "-certfile", input, "-out", output] + (der ? ["-outform", "DER"] : []))
        return output
    }

    static func store(_ directory: URL, _ name: String) -> [String] {
        ["-storetype", "PKCS12", "-keystore", directory.appendingPathComponent(name + ".p12").path, "-storepass", "ca-pass-\(name)"]
    }

    /// keytool in English; throws with its output when it fails.
    @discardableResult
    public static func keytool(_ arguments: [String]) throws -> String {
        try run("/usr/bin/keytool", ["-J-Duser.language=en", "-J-Duser.country=US"] + arguments)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let (status, output) = try Program.run(executable, arguments)
        guard status == 0 else {
            throw Failed(description: "\((executable as NSString).lastPathComponent) \(arguments.first ?? "") failed: \(output)")
        }
        return output
    }
}
