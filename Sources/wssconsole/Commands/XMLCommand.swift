import ArgumentParser
import SecureXML

/// `wssconsole xml`: XML Signature and Encryption on plain documents, for operators and interop scripts.
struct XMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xml", abstract: "Sign, verify, encrypt, decrypt or canonicalise an XML document.",
        discussion: """
        References are same-document IDs (wsu:Id, Id, ID, xml:id). SHA-1 based algorithms, RSA-1_5 and Triple DES are refused \
        unless --allow-sha1, --allow-rsa15 or --allow-tripledes is given. Documents go to standard output unless --output is given.
        """,
        subcommands: [XMLSignCommand.self, XMLVerifyCommand.self, XMLEncryptCommand.self, XMLDecryptCommand.self, XMLC14NCommand.self])
}

// Choosing one value of a list by its short name, e.g. `--algorithm rsa-sha256`; help lists each with its URI (the
// form defaults are shown in, as ArgumentParser shows a raw value).
extension SignatureAlgorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(named: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public static var allValueDescriptions: [String: String] { Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0.uri) }) }
    public var defaultValueDescription: String { name }
}

extension DigestAlgorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(named: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public static var allValueDescriptions: [String: String] { Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0.uri) }) }
    public var defaultValueDescription: String { name }
}

extension CanonicalizationMethod: ExpressibleByArgument {
    public init?(argument: String) { self.init(named: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public static var allValueDescriptions: [String: String] { Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0.uri) }) }
    public var defaultValueDescription: String { name }
}

extension DataEncryptionAlgorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(named: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public static var allValueDescriptions: [String: String] { Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0.uri) }) }
    public var defaultValueDescription: String { name }
}

/// Where a new element goes: as the first child of the element with an ID or of the first element with a name.
struct XMLPlacementOptions: ParsableArguments {
    @Option(name: .customLong("into-id"), help: ArgumentHelp("Put it first inside the element with this ID.", valueName: "ID"))
    var intoID: String?

    @Option(name: .customLong("into"), help: ArgumentHelp("Put it first inside the first element with this local name (e.g. Security).", valueName: "NAME"))
    var intoName: String?

    /// The placement; by default the last child of the root element.
    func placement(in document: SecureXML.XMLDocument) throws -> Placement {
        guard let root = document.root else { throw OperationFailed(message: "the document has no root element") }
        if let intoID {
            guard let element = document.element(withID: intoID) else { throw OperationFailed(message: "no element has the ID \"\(intoID)\"") }
            return .firstChild(of: element)
        }
        if let intoName {
            guard let element = root.name == intoName ? root : root.allDescendants.first(where: { $0.name == intoName }) else {
                throw OperationFailed(message: "no element is named \(intoName)")
            }
            return .firstChild(of: element)
        }
        return .lastChild(of: root)
    }
}

extension SecureXML.XMLElement {
    /// Every element below this one, in document order.
    var allDescendants: [SecureXML.XMLElement] { children.flatMap { [$0] + $0.allDescendants } }
}
