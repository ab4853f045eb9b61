import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome

/// `keystore genkey`: a new key pair with a self-signed certificate.
struct KeystoreGenkeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genkey", abstract: "Generate an RSA or EC key pair with a self-signed certificate.",
        discussion: "As keytool, a --keystore FILE that does not exist is created: PKCS #12 for .p12 or .pfx, JKS for .jks, in a folder of the "
            + "home that exists, with a store password of 6 characters or more (--storepass-env or --storepass-file); undo deletes it.")
    @OptionGroup var home: HomeOptions
    @OptionGroup var store: KeystoreOptions
    @Option(help: "The new entry's alias.") var alias: String
    @Option(name: .customLong("keyalg"), help: "rsa or ec.") var keyAlgorithm = "rsa"
    @Option(name: .customLong("keysize"), help: "RSA: 2048, 3072 or 4096; EC: 256 or 384.") var keySize: Int?
    @Option(help: ArgumentHelp("The subject, e.g. \"CN=service.example.com,O=Example\".", valueName: "DN")) var dname: String
    @Option(help: "Days the certificate is valid.") var validity = 365
    @Option(name: .customLong("san"), help: ArgumentHelp("A subject alternative name: dns:NAME or ip:ADDRESS (repeat for several).", valueName: "SAN"))
    var subjectAltNames: [String] = []
    @OptionGroup var write: WriteOptions

    func algorithm() throws -> KeyAlgorithm {
        switch (keyAlgorithm.lowercased(), keySize) {
        case ("rsa", let bits): return .rsa(bits: bits ?? 2048)
        case ("ec", nil), ("ec", 256): return .ecP256
        case ("ec", 384): return .ecP384
        default: throw ValidationError("--keyalg rsa (--keysize 2048|3072|4096) or ec (--keysize 256|384).")
        }
    }

    func sans() throws -> [SubjectAlternativeName] {
        try subjectAltNames.map { text in
            let lower = text.lowercased()
            if lower.hasPrefix("dns:") { return .dnsName(String(text.dropFirst(4))) }
            if lower.hasPrefix("ip:") { return .ipAddress(String(text.dropFirst(3))) }
            throw ValidationError("--san \(text): use dns:NAME or ip:ADDRESS.")
        }
    }

    func validate() throws {
        try checkAlias(alias)
        _ = try algorithm()
        if case .rsa(let bits) = try algorithm(), !KeyAlgorithm.supportedRSABits.contains(bits) {
            throw ValidationError("--keysize \(bits): RSA keys are 2048, 3072 or 4096 bits.")
        }
        do { try Certificate.checkSubject(dname) } catch let error as KeyMaterialError {
            throw ValidationError("--dname \(dname): \(error.reason); give TYPE=value pairs, e.g. \"CN=service.example.com,O=Example\".")
        }
        let range = Certificate.validityRange
        guard range.contains(validity) else {
            throw ValidationError("--validity \(validity): give \(range.lowerBound) to \(range.upperBound) days.")
        }
        for (text, name) in zip(subjectAltNames, try sans()) {
            if let problem = name.problem { throw ValidationError("--san \(text): \(problem).") }
        }
    }

    func run() throws {
        let home = try home.open()
        let algorithm = try algorithm(), sans = try sans()
        try performKeystoreEdit("generate \(algorithm) key pair \(alias)", home: home, store: store, creating: true, write: write) { keystore in
            try keystore.generateKeyPair(alias: alias, algorithm: algorithm, subject: dname, validityDays: validity, subjectAltNames: sans)
        }
    }
}

/// `keystore import`: a CA reply onto a key entry, or a trusted certificate.
struct KeystoreImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a CA reply onto a key entry, or a certificate as trusted.",
        discussion: "As keytool: when --alias names a key entry the file is its CA reply (chain checked against the key); otherwise the certificate becomes a trusted entry. "
            + "A --keystore FILE that does not exist is created, as genkey creates it.")
    @OptionGroup var home: HomeOptions
    @OptionGroup var store: KeystoreOptions
    @Option(help: "The key entry (CA reply) or the new trusted entry's alias.") var alias: String
    @Option(help: ArgumentHelp("The certificate(s): PEM (one or a chain), DER, or PKCS #7 (.p7b/.p7c, PEM or DER).", valueName: "FILE")) var file: String
    @Flag(name: .customLong("allow-duplicate"), help: "Add a trusted certificate even when the store already holds it under another alias.")
    var allowDuplicate = false
    @OptionGroup var write: WriteOptions

    func validate() throws { try checkAlias(alias) }

    func run() throws {
        let home = try home.open()
        let data = try readFile(file)
        let certificates = try reportingKeystoreErrors { try Certificate.all(from: data) }
        var outcome = ""
        try performKeystoreEdit("import \((file as NSString).lastPathComponent) as \(alias)", home: home, store: store,
                                alias: alias, creating: true, write: write) { keystore in
            if keystore.entry(alias: alias)?.kind == .privateKey {
                let installed = try keystore.importCAReply(alias: alias, reply: certificates)
                outcome = "chain of \(installed.chain.count): " + installed.chain.map(\.subject).joined(separator: " <- ")
                    + (installed.rootTrusted ? "" : " (its root is not a trusted entry of this store)")
            } else {
                let certificate = try Certificate.single(from: data)
                if case .alreadyPresent(let existing) = try keystore.importTrustedCertificate(certificate, alias: alias, allowDuplicate: allowDuplicate) {
                    // In a key pair's chain (a CA reply's CA) it trusts nothing: then the flag is the way to trust it.
                    guard keystore.entry(alias: existing)?.kind == .privateKey else {
                        throw OperationFailed(message: "the certificate is already trusted as \(existing); nothing imported (--allow-duplicate adds it again)")
                    }
                    throw OperationFailed(message: "the certificate is in the chain of key pair \(existing), not a trusted entry; nothing imported",
                                          fix: "--allow-duplicate imports it as a trusted entry, to trust it")
                }
            }
        }
        if !outcome.isEmpty { print(outcome) }
    }
}

/// `keystore delete`.
struct KeystoreDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an entry (undo with wssconsole undo).")
    @OptionGroup var home: HomeOptions
    @OptionGroup var store: KeystoreOptions
    @Option(help: "The entry's alias.") var alias: String
    @Flag(help: "Delete it even when the home's settings name it (the service's key pair).") var force = false
    @OptionGroup var write: WriteOptions

    func validate() throws { try checkAlias(alias) }

    func run() throws {
        let home = try home.open()
        if !force, let setting = home.aliasSetting(of: try store.target(in: home), alias: alias) {
            throw OperationFailed(message: "\(PrintableText.escaped(alias)) is the entry the home's settings name (\(setting)): without it the services "
                                  + "that use it fail validation. --force deletes it anyway; then name another alias there")
        }
        try performKeystoreEdit("delete \(alias)", home: home, store: store, write: write) { try $0.delete(alias: alias) }
    }
}

/// `keystore rename` (keytool -changealias).
struct KeystoreRenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Give an entry another alias.")
    @OptionGroup var home: HomeOptions
    @OptionGroup var store: KeystoreOptions
    @Option(help: "The entry's alias.") var alias: String
    @Option(help: "The new alias.") var to: String
    @OptionGroup var write: WriteOptions

    func validate() throws {
        try checkAlias(alias)
        try checkAlias(to, option: "--to")
    }

    func run() throws {
        let home = try home.open()
        try performKeystoreEdit("rename \(alias) to \(to)", home: home, store: store, alias: alias, write: write) { try $0.rename(alias: alias, to: to) }
    }
}
