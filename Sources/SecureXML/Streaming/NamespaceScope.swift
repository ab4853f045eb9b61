import CLibXML2
import CShims

/// The namespace declarations in scope while streaming: what libxml2's `xmlSearchNs` finds in a tree.
struct NamespaceScope {
    struct Binding {
        /// nil for the default namespace.
        let prefix: XMLName?
        /// Empty for `xmlns=""`.
        let uri: XMLName
    }

    private var bindings: [Binding] = []
    private var marks: [Int] = []

    /// Enters an element: its declarations come into scope. Refuses a relative namespace URI, as libxml2's C14N does
    /// for every element of a document it canonicalises.
    mutating func push(_ tag: StartTag) throws(XMLError) {
        marks.append(bindings.count)
        for i in 0..<tag.namespaceCount {
            let uri = tag.namespaceURI(i) ?? xmlEmpty
            if uri.pointee != 0, cs_c14n_relative_namespace(uri) != 0 {
                throw XMLError(.canonicalizationFailed, "The namespace URI \"\(string(uri))\" is relative; it cannot be canonicalised",
                               line: tag.line)
            }
            bindings.append(Binding(prefix: tag.namespacePrefix(i), uri: uri))
        }
    }

    /// Leaves the innermost element.
    mutating func pop() {
        bindings.removeSubrange(marks.removeLast()...)
    }

    /// The declaration in scope for `prefix` (nil: the default namespace, which may be `xmlns=""`), if any.
    /// "xml" is always bound.
    func lookup(_ prefix: XMLName?) -> Binding? {
        if let prefix, xmlStrEqual(prefix, "xml") != 0 { return Binding(prefix: prefix, uri: xmlNamespaceName) }
        for binding in bindings.reversed() where sameText(binding.prefix, prefix) {
            // A default namespace declared as "" leaves `prefix` unbound only for prefixed names (never declared so).
            return binding
        }
        return nil
    }

    /// The declaration in scope for a prefix given as text (nil: the default namespace).
    func lookup(named prefix: String?) -> Binding? {
        guard let prefix else { return lookup(nil) }
        if prefix == "xml" { return Binding(prefix: xmlNamespacePrefix, uri: xmlNamespaceName) }
        return bindings.last { $0.prefix.map { xmlStrEqual($0, prefix) != 0 } ?? false }
    }

    /// Every binding in scope, the nearest per prefix, for rebuilding the context of a fragment.
    var inScope: [(prefix: String?, uri: String)] {
        var seen: [String?] = []
        var result: [(prefix: String?, uri: String)] = []
        for binding in bindings.reversed() {
            let prefix = binding.prefix.map(string)
            if seen.contains(prefix) { continue }
            seen.append(prefix)
            result.append((prefix, string(binding.uri)))
        }
        return result
    }
}

/// "http://www.w3.org/XML/1998/namespace" as a libxml2 string.
nonisolated(unsafe) let xmlNamespaceName: XMLName = XMLName(xmlStrdup(IDAttribute.xmlNamespace)!)
nonisolated(unsafe) let xmlNamespacePrefix: XMLName = XMLName(xmlStrdup("xml")!)
nonisolated(unsafe) private let xmlEmpty: XMLName = XMLName(xmlStrdup("")!)
