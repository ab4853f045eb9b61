import SecureXML

/// Reads a WS-Policy document (2004/09 or 1.5, WS-SecurityPolicy 1.1 or 1.2) into a `SecurityPolicy`: its first
/// alternative in normal form, the one Rampart enforces (`alternativesOffered` says how many there were).
public enum PolicyReader {
    private typealias NS = PolicyNamespaces

    public static func read(_ bytes: [UInt8]) throws(PolicyError) -> SecurityPolicy {
        let document: XMLDocument
        do { document = try XMLDocument.parse(bytes) } catch { throw PolicyError(.notXML, error.message, line: error.line) }
        guard let root = document.root, root.name == "Policy", NS.policyNamespaces.contains(root.namespace ?? "") else {
            throw PolicyError(.notAPolicy, "The root element is not a WS-Policy <Policy>")
        }
        let alternatives = try PolicyNormaliser.alternatives(of: root)
        guard let first = alternatives.first else {
            throw PolicyError(.noAlternative, "The policy offers no alternative (an empty wsp:ExactlyOne): no message can meet it", line: root.line)
        }
        var policy = SecurityPolicy(id: root.attribute("Id", namespace: NS.wsu) ?? "",
                                    alternative: try AssertionReader.alternative(from: first, at: root))
        policy.alternativesOffered = alternatives.count
        if let rampart = root.children.first(where: { $0.is("RampartConfig", NS.rampart) }) {
            policy.rampart = try RampartReader.rampart(rampart)
        }
        if let carbon = root.children.first(where: { $0.is("CarbonSecConfig", NS.carbon) }) {
            policy.carbon = RampartReader.carbon(carbon)
        }
        return policy
    }

    /// The nested policy's assertions of an assertion (its `wsp:Policy` child; WSO2's scenario 16 writes `sp:Policy`):
    /// its first alternative, as Neethi gives Rampart.
    static func nested(_ assertion: XMLElement) throws(PolicyError) -> [XMLElement] {
        guard let policy = assertion.children.first(where: { $0.name == "Policy" }) else { return [] }
        return try PolicyNormaliser.alternatives(of: policy).first ?? []
    }
}
