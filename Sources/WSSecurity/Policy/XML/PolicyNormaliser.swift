import SecureXML

/// WS-Policy's normal form (WS-Policy 1.5, section 4.3): a policy expression as the list of its alternatives, each
/// the assertions a message must meet together. `wsp:Policy` and `wsp:All` combine their children's alternatives
/// (every choice of one alternative per child), `wsp:ExactlyOne` offers each child's alternatives in turn,
/// `wsp:PolicyReference` stands for the policy it names, and an assertion marked `wsp:Optional="true"` is an
/// alternative with it followed by one without it. The order is the document's: Rampart (through Neethi) enforces
/// the first alternative only, so the first is the one that matters.
enum PolicyNormaliser {
    private typealias NS = PolicyNamespaces

    /// More alternatives than this is refused: a few nested choices multiply (a hostile policy could ask for millions).
    static let maxAlternatives = 64

    /// The alternatives of a `wsp:Policy`, `wsp:All` or `wsp:ExactlyOne` element, in order.
    static func alternatives(of element: XMLElement, depth: Int = 0) throws(PolicyError) -> [[XMLElement]] {
        guard depth < 16 else { throw PolicyError(.unsupported, "Policy expressions nest too deep (a reference cycle?)", line: element.line) }
        if element.name == "ExactlyOne" {
            var offered: [[XMLElement]] = []
            for child in element.children {
                offered += try alternatives(ofChild: child, depth: depth)
                try checkCount(offered.count, at: element)
            }
            return offered
        }
        var combined: [[XMLElement]] = [[]]
        for child in element.children {
            let choices = try alternatives(ofChild: child, depth: depth)
            try checkCount(combined.count * choices.count, at: child)
            combined = combined.flatMap { chosen in choices.map { chosen + $0 } }
        }
        return combined
    }

    private static func alternatives(ofChild child: XMLElement, depth: Int) throws(PolicyError) -> [[XMLElement]] {
        guard NS.policyNamespaces.contains(child.namespace ?? "") else {
            if isHostBlock(child) { return [[]] }
            return isOptional(child) ? [[child], []] : [[child]]
        }
        switch child.name {
        case "ExactlyOne", "All", "Policy": return try alternatives(of: child, depth: depth + 1)
        case "PolicyReference": return try alternatives(of: referenced(by: child), depth: depth + 1)
        default: throw PolicyError(.unsupported, "wsp:\(child.name) is not supported here", line: child.line)
        }
    }

    /// `wsp:Optional="true"` (or `1`, xs:boolean) in either WS-Policy namespace.
    private static func isOptional(_ assertion: XMLElement) -> Bool {
        NS.policyNamespaces.contains { ["true", "1"].contains(assertion.attribute("Optional", namespace: $0) ?? "") }
    }

    private static func checkCount(_ count: Int, at element: XMLElement) throws(PolicyError) {
        guard count <= maxAlternatives else {
            throw PolicyError(.unsupported, "The policy's choices make more than \(maxAlternatives) alternatives", line: element.line)
        }
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

    /// Rampart's and Carbon's configuration blocks sit among the assertions but are not assertions.
    private static func isHostBlock(_ element: XMLElement) -> Bool {
        element.is("RampartConfig", NS.rampart) || element.is("CarbonSecConfig", NS.carbon)
    }
}
