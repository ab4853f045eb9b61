import SecureXML

/// A service definition file (Synapse proxy or data service) parsed for reading and editing in place.
struct ServiceDefinition {
    static let synapseNamespace = "http://ws.apache.org/ns/synapse"

    let document: XMLDocument
    let root: XMLElement
    let kind: ServiceKind
    let bytes: [UInt8]

    /// Parses a definition; throws a message naming the line when it is malformed or of an unknown kind.
    init(bytes: [UInt8], kind: ServiceKind) throws(HomeError) {
        do { document = try XMLDocument.parseForEditing(bytes) } catch {
            throw HomeError(.serviceUnreadable, "malformed XML: \(error.description)", fix: "Fix the file, or \(History.undoFix()).")
        }
        root = document.root!
        self.kind = kind
        self.bytes = bytes
        switch kind {
        case .proxy:
            guard root.is("proxy", Self.synapseNamespace) else {
                throw HomeError(.serviceUnreadable, "not a Synapse proxy: the root is <\(root.name)>, expected <proxy xmlns=\"\(Self.synapseNamespace)\">")
            }
        case .dataService:
            guard root.name == "data" else {
                throw HomeError(.serviceUnreadable, "not a data service: the root is <\(root.name)>, expected <data>")
            }
        case .carbonApp:
            throw HomeError(.readOnly, "a Carbon app is an archive, not a definition wssconsole edits")
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
    /// The proxy's `allowRoles` parameter: roles Micro Integrator lets in beside the policy's.
    var allowRolesParameter: String? {
        root.children("parameter", namespace).first { $0.attribute("name") == "allowRoles" }?.text
    }

    /// A `<policy>` reference Synapse applies to one direction (`type="in"` or `"out"`) or one operation
    /// (`operationName`) of a proxy only.
    struct ScopedPolicy: Equatable {
        var key: String
        var type: String?
        var operation: String?

        /// The attributes as written: `type="in" operationName="getQuote"`.
        var attributes: String {
            [type.map { "type=\"\($0)\"" }, operation.map { "operationName=\"\($0)\"" }].compactMap { $0 }.joined(separator: " ")
        }

        /// What the reference leaves without the policy.
        var unprotected: String {
            var parts: [String] = []
            switch type?.lowercased() {
            case "in": parts.append("responses")
            case "out": parts.append("requests (callers are not authenticated)")
            default: break
            }
            if let operation { parts.append("every operation but \(operation)") }
            return parts.joined(separator: ", and ")
        }
    }

    /// The policy references limited to a direction or an operation.
    var scopedPolicies: [ScopedPolicy] {
        root.children("policy", namespace).compactMap { element in
            guard let key = element.attribute("key") else { return nil }
            let scoped = ScopedPolicy(key: key, type: element.attribute("type"), operation: element.attribute("operationName"))
            return scoped.type == nil && scoped.operation == nil ? nil : scoped
        }
    }

    /// Transports the proxy accepts (`transports="https http"`); nil when the definition does not say.
    var transports: [String]? {
        root.attribute("transports").map { $0.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) }
    }

    /// The text pointing at one policy with security enabled; every other line stays as it was. A reference scoped
    /// to a direction or an operation (``scopedPolicies``) is replaced by a plain one at the end, so the policy
    /// covers requests and responses of every operation, as a scenario promises.
    func attaching(policyKey: String) throws(HomeError) -> [UInt8] {
        var editor = try DefinitionTextEditor(bytes: bytes, root: root)
        let policies = root.children("policy", namespace)
        // Later elements first, so earlier line numbers stay valid.
        for extra in policies.dropFirst().reversed() { try editor.removeElement(editor.qualified("policy"), atLine: extra.line) }
        if let first = policies.first, first.attribute("type") == nil, first.attribute("operationName") == nil {
            try editor.setAttribute("key", policyKey, onElement: editor.qualified("policy"), atLine: first.line)
        } else {
            if let first = policies.first { try editor.removeElement(editor.qualified("policy"), atLine: first.line) }
            try editor.appendToRoot("<\(editor.qualified("policy")) key=\"\(DefinitionTextEditor.escape(policyKey))\"/>")
        }
        if !securityEnabled { try editor.appendToRoot("<\(editor.qualified("enableSec"))/>") }
        return try checked(editor.text) { $0.policyKeys == [policyKey] && $0.scopedPolicies.isEmpty && $0.securityEnabled }
    }

    /// The text with every policy reference and `<enableSec/>` removed.
    func detaching() throws(HomeError) -> [UInt8] {
        var editor = try DefinitionTextEditor(bytes: bytes, root: root)
        let elements = (root.children("policy", namespace) + root.children("enableSec", namespace)).sorted { $0.line > $1.line }
        for element in elements { try editor.removeElement(editor.qualified(element.name), atLine: element.line) }
        return try checked(editor.text) { $0.policyKeys.isEmpty && !$0.securityEnabled }
    }

    /// The edited text, re-read to make sure it says what was meant.
    private func checked(_ text: String, _ expectation: (ServiceDefinition) -> Bool) throws(HomeError) -> [UInt8] {
        let result = Array(text.utf8)
        guard let reread = try? ServiceDefinition(bytes: result, kind: kind), reread.name == name, expectation(reread) else {
            throw HomeError(.serviceUnreadable, "wssconsole could not edit this definition safely",
                            fix: "Add the <policy key=...> and <enableSec/> elements by hand, then re-validate.")
        }
        return result
    }
}
