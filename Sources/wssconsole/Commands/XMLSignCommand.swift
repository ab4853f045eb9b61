import ArgumentParser
import Foundation
import SecureXML

/// `wssconsole xml sign`: signs elements of a document by ID.
struct XMLSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: "Sign elements of a document by their IDs.",
        discussion: "Documents of 256 KB and more are signed as a stream when the options allow it (exc-c14n); a line on standard error says which.")

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
    static let allowing = "--allow-sha1 allows SHA-1 based algorithms"
    @OptionGroup var streaming: XMLStreamOptions
    @Option(help: ArgumentHelp("Write the signed document here.", valueName: "FILE")) var output: String?

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("Name at least one element to sign with --id.") }
        guard keyInfo == "none" || keyInfo == "cert" || keyInfo.hasPrefix("name:") else {
            throw ValidationError("--key-info is none, cert or name:NAME.")
        }
    }

    func run() throws {
        let bytes = try readInput(file)
        let key = try keys.load()
        let info: XMLSigner.KeyInfo = keyInfo == "cert" ? .certificate : keyInfo.hasPrefix("name:") ? .keyName(String(keyInfo.dropFirst(5))) : .none
        let method = algorithm ?? (key.kind == .hmac ? .hmacSHA256 : .rsaSHA256)
        let prefixList = prefixes.split(separator: " ").map(String.init)
        let policy = XMLProcessingPolicy(allowSHA1: allowSHA1)
        var reason: String?
        if try streaming.streams(size: bytes.count, unsupported: c14n == .exclusive ? nil : "\(c14n.name) is signed on the tree only") {
            let (target, position) = placement.streamingPlacement
            let signer = StreamingSigner(algorithm: method, digest: digest, inclusivePrefixes: prefixList, keyInfo: info, policy: policy)
            do {
                let insertion = try signer.sign(bytes, ids: ids, key: key, into: target, at: position)
                try writeSigned(bytes, insertion, to: output)
                notePath("sign", streamed: true, size: bytes.count)
                return
            } catch let error as XMLError {
                guard streaming.fallsBack(error) else { throw error.forCLI(file: file, allowing: Self.allowing) }
                reason = error.message
            }
        }
        let document = try parseDocument(bytes, file)
        let signer = XMLSigner(algorithm: method, digest: digest, canonicalization: c14n, inclusivePrefixes: prefixList, keyInfo: info, policy: policy)
        do { try signer.sign(ids: ids, key: key, at: try placement.placement(in: document)) } catch let error as XMLError { throw error.forCLI(allowing: Self.allowing) }
        try writeDocument(document, to: output)
        notePath("sign", streamed: false, size: bytes.count, reason: reason)
    }
}
