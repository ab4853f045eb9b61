/// Random but reproducible documents for the differential C14N tests: nested default and prefixed namespaces (declared,
/// rebound, undeclared with xmlns=""), attributes in several namespaces, xml:* attributes, escapes of every kind in text
/// and attributes, CDATA, PIs, comments, empty elements and non-ASCII text.
struct DocumentGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    static let uris = ["urn:a", "urn:b", "http://example.com/c", "urn:d", "http://www.w3.org/2000/09/xmldsig#"]
    static let texts = ["plain", " a &amp; b ", "&lt;tag&gt;", "quote \" and '", "cr&#13;lf", "tab\there", "line\nbreak",
                        "é 漢字 😀", "]]&gt;", "&#38;", "\r\n", "<![CDATA[ <x> & ]] ]]>", "<?pi data?>", "<?pi?>", "<!-- c -->", "  "]
    static let values = ["v", "a &amp; b", "&lt;&gt;", "&quot;q&quot;", "'", "tab&#9;x", "nl&#10;x", "cr&#13;x", "a\tb\nc",
                         "é漢", "&#38;amp;", "", ">"]

    mutating func document() -> String {
        element(depth: 0, scope: [:])
    }

    private mutating func element(depth: Int, scope: [String: String]) -> String {
        var inner = scope
        var declarations: [String] = []
        func declare(_ prefix: String, _ uri: String) {
            declarations.append(prefix.isEmpty ? "xmlns=\"\(uri)\"" : "xmlns:\(prefix)=\"\(uri)\"")
            inner[prefix] = uri
        }
        // Sometimes (re)declare or undeclare the default namespace, sometimes rebind a prefix.
        switch next(6) {
        case 0: declare("", pick(Self.uris))
        case 1 where scope[""] != nil: declare("", "")
        case 2: declare(pick(["a", "b", "c"]), pick(Self.uris))
        default: break
        }
        let prefix = pick(["", "", "a", "b", "c"])
        if !prefix.isEmpty && inner[prefix] == nil { declare(prefix, pick(Self.uris)) }
        let name = (prefix.isEmpty ? "" : prefix + ":") + pick(["e", "item", "Body", "x"])
        var attributes: [String] = []
        var expanded: Set<String> = []
        for _ in 0..<next(5) {
            let attributePrefix = pick(["", "", "a", "b", "c", "xml"])
            let local = attributePrefix == "xml" ? pick(["lang", "space"]) : pick(["x", "y", "z", "qty"])
            if !attributePrefix.isEmpty && attributePrefix != "xml" && inner[attributePrefix] == nil {
                declare(attributePrefix, pick(Self.uris))
            }
            let key = (attributePrefix == "xml" ? "xml" : attributePrefix.isEmpty ? "" : inner[attributePrefix]!) + "|" + local
            guard expanded.insert(key).inserted else { continue }
            let quoted = pick(Self.values)
            attributes.append("\(attributePrefix.isEmpty ? "" : attributePrefix + ":")\(local)=\"\(quoted)\"")
        }
        let head = "<" + ([name] + declarations + attributes).joined(separator: " ")
        let children = depth >= 4 ? 0 : next(depth == 0 ? 5 : 4)
        if children == 0 && next(2) == 0 { return head + "/>" }
        var body = ""
        for _ in 0..<children {
            if next(2) == 0 { body += pick(Self.texts) }
            body += element(depth: depth + 1, scope: inner)
        }
        if next(2) == 0 { body += pick(Self.texts) }
        return head + ">" + body + "</" + name + ">"
    }

    /// A small version of the benchmark's "records" envelope.
    static func records(count: Int) -> String {
        var text = """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">
          <soap:Header/>
          <soap:Body wsu:Id="Body-1"><m:placeOrder xmlns:m="urn:example:orders">
        """
        for n in 0..<count {
            text += "\n      <m:item sku=\"SKU-\(100000 + n)\" qty=\"\(n % 9 + 1)\">Widget \(n), blue, with a short description</m:item>"
        }
        return text + "</m:placeOrder></soap:Body>\n</soap:Envelope>\n"
    }
}
