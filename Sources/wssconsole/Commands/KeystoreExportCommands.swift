import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome

/// `keystore csr`: a PKCS #10 request for a key entry.
struct KeystoreCSRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "csr", abstract: "Create a certificate signing request (PEM) for a key entry.")
    @OptionGroup var home: HomeOptions
    @OptionGroup var store: KeystoreOptions
    @Option(help: "The key entry's alias.") var alias: String
    @Option(help: ArgumentHelp("Write the request to FILE instead of standard output.", valueName: "FILE")) var out: String?
    @Flag(help: "Replace FILE when it exists.") var force = false

    func validate() throws { try checkAlias(alias) }

    func run() throws {
        try refuseOverwrite(out, force: force)
        let home = try home.open()
        let (_, keystore, _) = try store.open(home, alias: alias)
        let pem = try reportingKeystoreErrors { try keystore.certificateSigningRequest(alias: alias) }
        try emit(Data(pem.utf8), to: out)
    }
}

/// `keystore export`: a certificate (PEM or DER) or a public key.
struct KeystoreExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export an entry's certificate (PEM, or DER) or its public key.")
    @OptionGroup var home: HomeOptions
    @OptionGroup var store: KeystoreOptions
    @Option(help: "The entry's alias.") var alias: String
    @Flag(help: "DER instead of PEM (needs --out).") var der = false
    @Flag(name: .customLong("public-key"), help: "The public key (PEM SubjectPublicKeyInfo) instead of the certificate.") var publicKey = false
    @Option(help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE")) var out: String?
    @Flag(help: "Replace FILE when it exists.") var force = false

    func validate() throws {
        try checkAlias(alias)
        if der && out == nil { throw ValidationError("--der writes binary: give --out FILE.") }
        if der && publicKey { throw ValidationError("--public-key is PEM only.") }
    }

    func run() throws {
        try refuseOverwrite(out, force: force)
        let home = try home.open()
        let (_, keystore, _) = try store.open(home)
        guard let certificate = keystore.entry(alias: alias)?.certificate else { throw OperationFailed(message: "no entry named \(alias)") }
        let data = try reportingKeystoreErrors {
            publicKey ? Data(try certificate.publicKeyPEMString().utf8) : der ? certificate.derBytes : Data(certificate.pemString.utf8)
        }
        try emit(data, to: out)
    }
}

/// `keystore compare`: two certificates side by side.
struct KeystoreCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare two certificates field by field: an entry (--alias) and a file, or two files.",
        discussion: "Exit code 0 when both are the same certificate, 1 when they differ (as cmp), so a script can ask.")
    @OptionGroup var home: HomeOptions
    @OptionGroup var store: KeystoreOptions
    @Option(help: "The left certificate: this entry of the keystore.") var alias: String?
    @Argument(help: "Certificate files (PEM or DER): one with --alias, else two.") var files: [String]
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        try checkAlias(alias)
        if files.count != (alias == nil ? 2 : 1) { throw ValidationError("Give two certificate files, or --alias and one file.") }
    }

    func run() throws {
        var certificates = try files.map { file in
            let data = try readFile(file)
            return try reportingKeystoreErrors { try Certificate(derOrPEM: data) }
        }
        if let alias {
            let (_, keystore, _) = try store.open(try home.open())
            guard let certificate = keystore.entry(alias: alias)?.certificate else { throw OperationFailed(message: "no entry named \(alias)") }
            certificates.insert(certificate, at: 0)
        }
        let comparison = CertificateComparison(certificates[0], certificates[1])
        if json {
            try printJSON(comparison)
        } else {
            print(comparison.identical ? "the same certificate" : comparison.samePublicKey ? "different certificates of the same public key" : "different certificates and keys")
            for row in comparison.rows {
                print((row.same ? "  " : "! ") + column(row.field, 26) + column(row.left, 48)
                      + (row.same ? "(same)" : PrintableText.escaped(row.right)))
            }
        }
        if !comparison.identical { throw ExitCode(1) }
    }
}

extension Certificate {
    convenience init(derOrPEM data: Data) throws {
        guard let first = try Certificate.all(from: data).first else { throw KeyMaterialError.corrupt("no certificate") }
        try self.init(derBytes: first.derBytes)
    }
}

/// Refuses an existing `--out FILE` without `--force`, as `keystore convert` does; called before the keystore
/// is opened, so no password is asked for a file that will not be written.
func refuseOverwrite(_ path: String?, force: Bool) throws {
    if let path, !force, FileManager.default.fileExists(atPath: path) { throw OperationFailed(message: "\(path) exists; --force replaces it") }
}

/// Writes exported bytes to `path` (certificates and requests are public) or standard output.
func emit(_ data: Data, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(data)
        return
    }
    try OutputFile.write(data, to: path, isPublic: true)
    print("wrote \(path)")
}
