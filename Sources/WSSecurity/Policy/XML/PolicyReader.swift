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

    /// The assertions of the single alternative of a policy element, after flattening ExactlyOne/All.
    static func alternative(of policy: XMLElement) throws(PolicyError) -> [XMLElement] {
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
                if let only = alternatives.first { result += try alternative(of: only) }
            case "All", "Policy":
                result += try alternative(of: child)
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

    private static func isHostBlock(_ element: XMLElement) -> Bool {
        element.is("RampartConfig", NS.rampart) || element.is("CarbonSecConfig", NS.carbon)
    }
}
