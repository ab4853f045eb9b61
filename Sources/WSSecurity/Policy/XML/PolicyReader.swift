import SecureXML

/// Reads a WS-Policy document (2004/09 or 1.5, WS-SecurityPolicy 1.1 or 1.2) into a `SecurityPolicy`.
/// This first version accepts one policy alternative; choosing among several is later work.
public enum PolicyReader {
    private typealias NS = PolicyNamespaces

    public static func read(_ bytes: [UInt8]) throws(PolicyError) -> SecurityPolicy {
        let document: XMLDocument
        do { document = try XMLDocument.parse(bytes) } catch { throw PolicyError(.notXML, error.description, line: error.line) }
        guard let root = document.root, root.name == "Policy", NS.policyNamespaces.contains(root.namespace ?? "") else {
            throw PolicyError(.notAPolicy, "The root element is not a WS-Policy <Policy>")
        }
        let assertions = try alternative(of: root)
        var policy = SecurityPolicy(id: root.attribute("Id", namespace: NS.wsu) ?? "",
                                    alternative: try AssertionReader.alternative(from: assertions, at: root))
        if let rampart = root.children.first(where: { $0.is("RampartConfig", NS.rampart) }) {
            policy.rampart = try RampartReader.rampart(rampart)
        }
        if let carbon = root.children.first(where: { $0.is("CarbonSecConfig", NS.carbon) }) {
            policy.carbon = RampartReader.carbon(carbon)
        }
        return policy
    }

    /// The assertions of the single alternative of a policy element, after flattening ExactlyOne/All and
    /// replacing each PolicyReference by the policy it names. `wsp:Optional` assertions are kept: the
    /// alternative with the assertion is the one a sender must be able to meet.
    static func alternative(of policy: XMLElement, depth: Int = 0) throws(PolicyError) -> [XMLElement] {
        guard depth < 16 else { throw PolicyError(.unsupported, "Policy references nest too deep (a cycle?)", line: policy.line) }
        var result: [XMLElement] = []
        for child in policy.children {
            guard NS.policyNamespaces.contains(child.namespace ?? "") else {
                if !isHostBlock(child) { result.append(child) }
                continue
            }
            switch child.name {
            case "ExactlyOne":
                let alternatives = child.children
                guard alternatives.count <= 1 else {
                    throw PolicyError(.multipleAlternatives, "The policy offers \(alternatives.count) alternatives; only one is supported", line: child.line)
                }
                if let only = alternatives.first { result += try alternative(of: only, depth: depth + 1) }
            case "All", "Policy":
                result += try alternative(of: child, depth: depth + 1)
            case "PolicyReference":
                result += try alternative(of: referenced(by: child), depth: depth + 1)
            default:
                throw PolicyError(.unsupported, "wsp:\(child.name) is not supported here", line: child.line)
            }
        }
        return result
    }

    /// The nested policy's assertions of an assertion (its `wsp:Policy` child; WSO2's scenario 16 writes `sp:Policy`).
    static func nested(_ assertion: XMLElement) throws(PolicyError) -> [XMLElement] {
        guard let policy = assertion.children.first(where: { $0.name == "Policy" }) else { return [] }
        return try alternative(of: policy)
    }

    /// The policy a PolicyReference names: only a `#id` of a wsp:Policy in the same document (no fetching).
    private static func referenced(by reference: XMLElement) throws(PolicyError) -> XMLElement {
        guard let uri = reference.attribute("URI"), uri.hasPrefix("#"),
              let target = reference.document.element(withID: String(uri.dropFirst())) else {
            throw PolicyError(.unsupported, "Only references to a wsu:Id in the same document are supported", line: reference.line)
        }
        guard target.name == "Policy", NS.policyNamespaces.contains(target.namespace ?? "") else {
            throw PolicyError(.unsupported, "\(reference.attribute("URI") ?? "") does not name a wsp:Policy", line: reference.line)
        }
        return target
    }

    private static func isHostBlock(_ element: XMLElement) -> Bool {
        element.is("RampartConfig", NS.rampart) || element.is("CarbonSecConfig", NS.carbon)
    }
}
