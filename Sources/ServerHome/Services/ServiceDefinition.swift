import SecureXML

/// A service definition file (Synapse proxy or data service) parsed for reading and editing in place.
struct ServiceDefinition {
    static let synapseNamespace = "http://ws.apache.org/ns/synapse"

    let document: XMLDocument
    let root: XMLElement
    let kind: ServiceKind

    /// Parses a definition; throws a message naming the line when it is malformed or of an unknown kind.
    init(bytes: [UInt8], kind: ServiceKind) throws(HomeError) {
        do { document = try XMLDocument.parseForEditing(bytes) } catch {
            throw HomeError(.serviceUnreadable, "malformed XML: \(error.description)", fix: "Fix the file, or restore it from history.")
        }
        root = document.root!
        self.kind = kind
        switch kind {
        case .proxy:
            guard root.is("proxy", Self.synapseNamespace) else {
                throw HomeError(.serviceUnreadable, "not a Synapse proxy: the root is <\(root.name)>, expected <proxy xmlns=\"\(Self.synapseNamespace)\">")
            }
        case .dataService:
            guard root.name == "data" else {
                throw HomeError(.serviceUnreadable, "not a data service: the root is <\(root.name)>, expected <data>")
            }
        }
        guard let name = root.attribute("name"), !name.isEmpty else {
            throw HomeError(.serviceUnreadable, "the <\(root.name)> element has no name attribute")
        }
    }

    var name: String { root.attribute("name") ?? "" }

    /// The namespace policy and enableSec elements live in: the root's (Synapse for proxies, none or the data
    /// service's for .dbs).
    private var namespace: String? { root.namespace }

    var policyKeys: [String] { root.children("policy", namespace).compactMap { $0.attribute("key") } }
    var securityEnabled: Bool { root.child("enableSec", namespace) != nil }

    /// Transports the proxy accepts (`transports="https http"`); nil when the definition does not say.
    var transports: [String]? {
        root.attribute("transports").map { $0.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) }
    }

    /// Points the definition at one policy and enables security, leaving the rest of the file as it was.
    func attach(policyKey: String) {
        let existing = root.children("policy", namespace)
        if let first = existing.first {
            first.setAttribute("key", policyKey)
            existing.dropFirst().forEach { $0.remove() }
        } else {
            root.appendIndentedElement("policy", namespace: namespace).setAttribute("key", policyKey)
        }
        if !securityEnabled { root.appendIndentedElement("enableSec", namespace: namespace) }
    }

    func serialized() -> [UInt8] { document.serialized() }
}
