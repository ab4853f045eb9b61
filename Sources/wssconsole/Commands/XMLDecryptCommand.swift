import ArgumentParser
import Foundation
import SecureXML

/// `wssconsole xml decrypt`: decrypts every EncryptedData of a document and writes the document.
struct XMLDecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt", abstract: "Decrypt a document and write it out.",
        discussion: "What was decrypted is listed on standard error (unless --quiet); the document goes to standard output.")

    @Argument(help: ArgumentHelp("The document (- for standard input).", valueName: "FILE")) var file: String
    @OptionGroup var keys: XMLKeyOptions
    @Flag(name: .customLong("allow-rsa15"), help: "Accept RSA-1_5 key transport.") var allowRSA15 = false
    @Flag(name: .customLong("allow-tripledes"), help: "Accept tripledes-cbc (deprecated).") var allowTripleDES = false
    @Flag(help: "Do not list what was decrypted.") var quiet = false
    @Option(help: ArgumentHelp("Write the decrypted document here.", valueName: "FILE")) var output: String?

    func run() throws {
        let document = try readDocument(file)
        let key = try keys.load()
        let parts: [DecryptedPart]
        do { parts = try XMLDecryptor(policy: XMLProcessingPolicy(allowRSA15: allowRSA15, allowTripleDES: allowTripleDES)).decryptDocument(document, key: key) } catch {
            throw error.forCLI(allowing: "--allow-rsa15 accepts RSA-1_5 key transport, --allow-tripledes tripledes-cbc")
        }
        guard !parts.isEmpty else { throw OperationFailed(message: "\(file) has no EncryptedData") }
        if !quiet {
            for part in parts {
                let what = part.type == .element ? part.elements.map(\.path).joined(separator: ", ") : "content of " + (part.parent?.path ?? "?")
                let how = part.keyEncryption.map { "\($0)" } ?? "key given"
                printError("decrypted \(part.encryptedDataID.map { "#\($0) " } ?? "")\(what) (\(part.algorithm.name), \(how))")
            }
        }
        try writeDocument(document, to: output)
    }
}
