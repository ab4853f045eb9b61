import ArgumentParser
import Foundation
import SecureXML

/// `wssconsole xml c14n`: the canonical form of a document or of one element, as a signature digests it.
struct XMLC14NCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "c14n", abstract: "Print the canonical form of a document or of one element.")

    @Argument(help: ArgumentHelp("The document (- for standard input).", valueName: "FILE")) var file: String
    @Option(name: .customLong("id"), help: ArgumentHelp("Only the element with this ID.", valueName: "ID")) var id: String?
    @Option(help: "The canonicalisation.") var method: CanonicalizationMethod = .exclusive
    @Option(help: ArgumentHelp("The InclusiveNamespaces PrefixList (exclusive C14N), space separated.", valueName: "PREFIXES"))
    var prefixes: String = ""

    func run() throws {
        let document = try readDocument(file)
        let list = prefixes.split(separator: " ").map(String.init)
        do {
            if let id {
                guard let element = document.element(withID: id) else { throw OperationFailed(message: "no element has the ID \"\(id)\"") }
                FileHandle.standardOutput.write(Data(try element.canonicalized(method, inclusivePrefixes: list)))
            } else {
                FileHandle.standardOutput.write(Data(try document.canonicalized(method, inclusivePrefixes: list)))
            }
        } catch let error as XMLError { throw error.forCLI }
    }
}
