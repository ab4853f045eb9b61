import ArgumentParser
import Foundation
import KeyMaterial
import SecureXML

/// Where `wssconsole xml` commands take their key from: PEM files, raw secret files or a PKCS #12 keystore entry.
struct XMLKeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A PEM private key (a certificate in the same file is used too), or a PEM public key.", valueName: "PEM"))
    var key: String?

    @Option(help: ArgumentHelp("A PEM certificate: to verify or to encrypt to its holder; with --key, named in KeyInfo.", valueName: "PEM"))
    var cert: String?

    @Option(name: .customLong("hmac-key"), help: ArgumentHelp("A file holding the raw HMAC secret.", valueName: "FILE"))
    var hmacKey: String?

    @Option(name: .customLong("aes-key"), help: ArgumentHelp("A file holding a raw AES key (16, 24 or 32 bytes).", valueName: "FILE"))
    var aesKey: String?

    @Option(name: .customLong("des-key"), help: ArgumentHelp("A file holding a raw Triple DES key (24 bytes).", valueName: "FILE"))
    var desKey: String?

    @Option(help: ArgumentHelp("A PKCS #12 keystore; use with --alias.", valueName: "P12"))
    var keystore: String?

    @Option(help: ArgumentHelp("The keystore entry: a key pair, or a trusted certificate.", valueName: "ALIAS"))
    var alias: String?

    @Option(name: .customLong("password-env"),
            help: ArgumentHelp("The environment variable holding the keystore or PEM key password (else it is asked for).", valueName: "VAR"))
    var passwordEnv: String?

    func validate() throws {
        let given = [key != nil || cert != nil, hmacKey != nil, aesKey != nil, desKey != nil, keystore != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("Give one key: --key/--cert, --hmac-key, --aes-key, --des-key or --keystore with --alias.") }
        if (keystore == nil) != (alias == nil) { throw ValidationError("--keystore and --alias go together.") }
    }

    /// The key the options name.
    func load() throws -> XMLKey {
        do {
            if let hmacKey { return try XMLKey.hmac(Secret(bytes: try readFile(hmacKey))) }
            if let aesKey { return try XMLKey.aes(Secret(bytes: try readFile(aesKey))) }
            if let desKey { return try XMLKey.tripleDES(Secret(bytes: try readFile(desKey))) }
            if let keystore, let alias { return try fromKeystore(keystore, alias: alias) }
            let certificate = try cert.map { try Certificate(pemString: String(decoding: try readFile($0), as: UTF8.self)) }
            guard let key else { return try XMLKey(certificate: certificate!) }
            let text = String(decoding: try readFile(key), as: UTF8.self)
            if text.contains("PRIVATE KEY-----") {
                let password = text.contains("ENCRYPTED") ? try self.password(for: key) : nil
                let privateKey = try PrivateKey(pemString: text, password: password)
                let inline = text.contains("CERTIFICATE-----") ? try Certificate(pemString: text) : nil
                return try XMLKey(privateKey: privateKey, certificate: certificate ?? inline)
            }
            if text.contains("CERTIFICATE-----") { return try XMLKey(certificate: Certificate(pemString: text)) }
            return try XMLKey(publicKeyPEM: text)
        } catch let error as XMLError {
            throw OperationFailed(message: "\(error.message) [\(error.code.rawValue)]")
        } catch let error as KeyMaterialError {
            throw OperationFailed(message: error.reason)
        }
    }

    private func fromKeystore(_ path: String, alias: String) throws -> XMLKey {
        let store = try PKCS12Keystore(data: try readFile(path), password: try password(for: path))
        switch store.entry(alias: alias) {
        case .privateKey(_, let key, let chain)?: return try XMLKey(privateKey: key, certificate: chain.first)
        case .trustedCertificate(_, let certificate)?: return try XMLKey(certificate: certificate)
        case nil:
            let aliases = store.entries.map(\.alias).joined(separator: ", ")
            throw OperationFailed(message: "\(path) has no entry \"\(alias)\" (it has: \(aliases.isEmpty ? "none" : aliases))")
        }
    }

    private func password(for path: String) throws -> Secret {
        if let passwordEnv {
            guard let value = ProcessInfo.processInfo.environment[passwordEnv] else {
                throw OperationFailed(message: "the environment variable \(passwordEnv) is not set")
            }
            return Secret(value)
        }
        do { return try Secret.readFromTerminal(prompt: "Password for \(path): ") } catch let error as KeyMaterialError {
            throw OperationFailed(message: "cannot ask for the password of \(path) (\(error.reason)); use --password-env NAME")
        }
    }
}


/// A document parsed safely from a file ("-" is standard input).
func readDocument(_ path: String) throws -> SecureXML.XMLDocument {
    try parseDocument(try readInput(path), path)
}

/// The bytes read from `path`, parsed safely.
func parseDocument(_ bytes: [UInt8], _ path: String) throws -> SecureXML.XMLDocument {
    do { return try SecureXML.XMLDocument.parse(bytes) } catch { throw documentFailure(error, path) }
}

/// Writes a document to `output`, or to standard output (streamed: no second copy of a large message in memory).
func writeDocument(_ document: SecureXML.XMLDocument, to output: String?) throws {
    guard let output else {
        guard document.serialize(into: { writeAll(STDOUT_FILENO, $0) }) else {
            throw OperationFailed(message: "cannot write to standard output: \(String(cString: strerror(errno)))")
        }
        return
    }
    try OutputFile.write(Data(document.serialized()), to: output)
}

/// Writes all of `bytes` to a file descriptor; false when the system refuses (errno says why).
func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += written
    }
    return true
}

extension XMLError {
    /// The message and its code, for the command line.
    var forCLI: OperationFailed { OperationFailed(message: "\(description) [\(code.rawValue)]") }

    /// The same, naming the file when the error is at a line of it (as the tree path's parse errors do).
    func forCLI(file: String) -> OperationFailed { OperationFailed(message: (line == nil ? "" : "\(file): ") + "\(description) [\(code.rawValue)]") }

    /// The same, with the code's `hint(allowing:)`.
    func forCLI(file: String? = nil, allowing: String) -> OperationFailed {
        OperationFailed(message: (file.map(forCLI(file:)) ?? forCLI).message, fix: code.fix(allowing: allowing))
    }
}

extension XMLError.Code {
    /// After an algorithm refused by default, the fix naming the command's options that accept it (`allowing`):
    /// SecureXML's "policy" is, on the command line, these options.
    func fix(allowing: String) -> String? {
        self == .algorithmNotAllowed ? "\(allowing), for a peer that can do nothing better" : nil
    }
}
