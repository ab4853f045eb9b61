import ArgumentParser
import Foundation
import SecureXML

/// `wssconsole xml sign`: signs elements of a document by ID.
struct XMLSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", abstract: "Sign elements of a document by their IDs.")

    @Argument(help: ArgumentHelp("The document (- for standard input).", valueName: "FILE")) var file: String
    @Option(name: .customLong("id"), help: ArgumentHelp("An ID to sign; repeat for more.", valueName: "ID")) var ids: [String] = []
    @OptionGroup var keys: XMLKeyOptions
    @Option(help: "The signature method.") var algorithm: SignatureAlgorithm?
    @Option(help: "The digest method.") var digest: DigestAlgorithm = .sha256
    @Option(help: "The canonicalisation of SignedInfo and of each reference.") var c14n: CanonicalizationMethod = .exclusive
    @Option(help: ArgumentHelp("The InclusiveNamespaces PrefixList (exclusive C14N), space separated.", valueName: "PREFIXES"))
    var prefixes: String = ""
    @Option(name: .customLong("key-info"), help: ArgumentHelp("What KeyInfo carries: none, cert or name:NAME.", valueName: "WHAT"))
    var keyInfo: String = "none"
    @OptionGroup var placement: XMLPlacementOptions
    @Flag(name: .customLong("allow-sha1"), help: "Allow SHA-1 based algorithms.") var allowSHA1 = false
    @Option(help: ArgumentHelp("Write the signed document here.", valueName: "FILE")) var output: String?

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("Name at least one element to sign with --id.") }
        guard keyInfo == "none" || keyInfo == "cert" || keyInfo.hasPrefix("name:") else {
            throw ValidationError("--key-info is none, cert or name:NAME.")
        }
    }

    func run() throws {
        let document = try readDocument(file)
        let key = try keys.load()
        let info: XMLSigner.KeyInfo = keyInfo == "cert" ? .certificate : keyInfo.hasPrefix("name:") ? .keyName(String(keyInfo.dropFirst(5))) : .none
        let signer = XMLSigner(algorithm: algorithm ?? (key.kind == .hmac ? .hmacSHA256 : .rsaSHA256), digest: digest, canonicalization: c14n,
                               inclusivePrefixes: prefixes.split(separator: " ").map(String.init), keyInfo: info,
                               policy: XMLProcessingPolicy(allowSHA1: allowSHA1))
        do { try signer.sign(ids: ids, key: key, at: try placement.placement(in: document)) } catch let error as XMLError { throw error.forCLI }
        try writeDocument(document, to: output)
    }
}
