import ArgumentParser
import Foundation
import SecureXML

/// `wssconsole xml encrypt`: encrypts elements (or their content) for a recipient or under an AES key.
struct XMLEncryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt", abstract: "Encrypt elements of a document by their IDs.",
        discussion: """
        With --cert (or a public or private --key) a fresh data key is sent by RSA key transport; with --aes-key and \
        --key-transport kw-aes* it is wrapped with that key; with --aes-key (or --des-key) alone, that key encrypts the \
        data directly. --algorithm tripledes-cbc needs --allow-tripledes.

        The EncryptedKey goes into each EncryptedData's KeyInfo, or, with --into/--into-id, once into that element with \
        a ReferenceList (the WS-Security form).
        """)

    @Argument(help: ArgumentHelp("The document (- for standard input).", valueName: "FILE")) var file: String
    @Option(name: .customLong("id"), help: ArgumentHelp("An ID to encrypt; repeat for more.", valueName: "ID")) var ids: [String] = []
    @OptionGroup var keys: XMLKeyOptions
    @Option(help: "The data encryption algorithm.") var algorithm: DataEncryptionAlgorithm = .aes256GCM
    @Option(name: .customLong("key-transport"), help: ArgumentHelp("How the data key travels.", valueName: KeyEncryptionAlgorithm.named.map(\.0).joined(separator: "|")))
    var keyTransport: String?
    @Flag(help: "Encrypt the content of each element, keeping the element itself.") var content = false
    @OptionGroup var placement: XMLPlacementOptions
    @Flag(name: .customLong("allow-rsa15"), help: "Allow RSA-1_5 key transport.") var allowRSA15 = false
    @Flag(name: .customLong("allow-tripledes"), help: "Allow tripledes-cbc (deprecated), for a peer that knows nothing newer.") var allowTripleDES = false
    @Option(help: ArgumentHelp("Write the encrypted document here.", valueName: "FILE")) var output: String?

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("Name at least one element to encrypt with --id.") }
        if let keyTransport, !KeyEncryptionAlgorithm.named.contains(where: { $0.0 == keyTransport }) {
            throw ValidationError("--key-transport is one of \(KeyEncryptionAlgorithm.named.map(\.0).joined(separator: ", ")).")
        }
    }

    func run() throws {
        let document = try readDocument(file)
        let key = try keys.load()
        let elements = try ids.map { id in
            guard let element = document.element(withID: id) else { throw OperationFailed(message: "no element has the ID \"\(id)\"") }
            return element
        }
        let transport = keyTransport.flatMap { name in KeyEncryptionAlgorithm.named.first { $0.0 == name }?.1 }
        let policy = XMLProcessingPolicy(allowRSA15: allowRSA15, allowTripleDES: allowTripleDES)
        let encryptor = XMLEncryptor(algorithm: algorithm, policy: policy)
        let type: EncryptedType = content ? .content : .element
        do {
            if (key.kind == .aes || key.kind == .tripleDES) && transport == nil {
                for element in elements { try encryptor.encrypt(element, dataKey: key, type: type) }
            } else if placement.intoID != nil || placement.intoName != nil {
                let keyEncryptor = XMLKeyEncryptor(algorithm: transport ?? .rsaOAEP, policy: policy)
                let dataKey = try XMLKey.generateDataKey(for: algorithm)
                let at = try placement.placement(in: document)
                var references: [String] = []
                for element in elements {
                    let id = unusedID(in: document, after: references)
                    try encryptor.encrypt(element, dataKey: dataKey, type: type, id: id)
                    references.append(id)
                }
                try keyEncryptor.encryptedKey(dataKey, for: key, at: at, id: unusedID(in: document, prefix: "EK-"), dataReferences: references)
            } else {
                try encryptor.encrypt(elements, for: key, keyEncryption: transport ?? .rsaOAEP, type: type)
            }
        } catch let error as XMLError { throw error.forCLI(allowing: "--allow-rsa15 allows RSA-1_5 key transport, --allow-tripledes tripledes-cbc") }
        try writeDocument(document, to: output)
    }

    /// "ED-1", "ED-2", ...: the first such ID not yet in the document.
    private func unusedID(in document: SecureXML.XMLDocument, after taken: [String] = [], prefix: String = "ED-") -> String {
        var n = 1
        while document.element(withID: "\(prefix)\(n)") != nil || taken.contains("\(prefix)\(n)") { n += 1 }
        return "\(prefix)\(n)"
    }
}
