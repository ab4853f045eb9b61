import CLibXML2

/// One streaming pass over a document: keeps the namespaces in scope, refuses an ID that appears twice (as the tree's
/// ID registry does), and canonicalises the elements it is asked for into digests while they stream by.
final class DocumentPass: StreamHandler {
    /// Which element a canonical form is wanted of.
    enum Selector: Equatable {
        /// The element whose ID attribute (wsu:Id, Id, ID, xml:id) has this value.
        case id([UInt8])
        /// The n-th element in document order, from 0 (for the differential tests).
        case ordinal(Int)
    }

    struct Target {
        let selector: Selector
        /// nil keeps the canonical bytes instead of digesting them.
        let digest: DigestAlgorithm?
        let inclusivePrefixes: [String]
    }

    /// The canonical form (or its digest) of one target, with where the element was.
    struct Canonical {
        let value: [UInt8]
        let localName: String
        let namespace: String?
        let path: String
        let line: Int
    }

    let targets: [Target]
    /// One per target, nil while (or when) it was not found.
    private(set) var results: [Canonical?]
    private(set) var scope = NamespaceScope()
    /// Anything else a pass needs to see: where a Signature is, where one goes.
    var watcher: PassWatcher?

    private var active: [(target: Int, canonicalizer: ExclusiveCanonicalizer, found: Canonical)] = []
    /// Every ID value seen so far, with the attribute that carries it and its line.
    private(set) var ids: [[UInt8]: (label: String, line: Int)] = [:]
    private var names: [(prefix: XMLName?, localName: XMLName)] = []
    private var ordinal = 0

    init(targets: [Target]) {
        self.targets = targets
        results = Array(repeating: nil, count: targets.count)
    }

    /// True while an element being canonicalised is open (the current element may be that element).
    var insideTarget: Bool { !active.isEmpty }

    /// The qualified names from the root to the current element, e.g. "/soap:Envelope/soap:Body".
    var path: String {
        "/" + names.map { name in name.prefix.map { string($0) + ":" + string(name.localName) } ?? string(name.localName) }
            .joined(separator: "/")
    }

    func start(_ tag: StartTag) throws(XMLError) {
        try scope.push(tag)
        names.append((tag.prefix, tag.localName))
        let attributes = tag.idAttributes
        for attribute in attributes {
            if let first = ids[attribute.value] { throw IDAttribute.duplicate(first, (attribute.label, tag.line)) }
            ids[attribute.value] = (attribute.label, tag.line)
        }
        for (index, target) in targets.enumerated() {
            switch target.selector {
            case .id(let wanted): guard attributes.contains(where: { $0.value == wanted }) else { continue }
            case .ordinal(let n): guard n == ordinal else { continue }
            }
            let found = Canonical(value: [], localName: string(tag.localName), namespace: tag.uri.map(string), path: path, line: tag.line)
            let canonicalizer = ExclusiveCanonicalizer(apexDepth: tag.depth, inclusivePrefixes: target.inclusivePrefixes,
                                                       output: try CanonicalOutput(digest: target.digest))
            active.append((index, canonicalizer, found))
        }
        ordinal += 1
        for entry in active { entry.canonicalizer.start(tag, scope: scope) }
        try watcher?.start(tag, pass: self)
    }

    func end(_ tag: EndTag) throws(XMLError) {
        try watcher?.end(tag, pass: self)
        var i = 0
        while i < active.count {
            let entry = active[i]
            guard entry.canonicalizer.end(tag) else { i += 1; continue }
            let found = entry.found
            results[entry.target] = Canonical(value: entry.canonicalizer.output.finish(), localName: found.localName,
                                              namespace: found.namespace, path: found.path, line: found.line)
            active.remove(at: i)
        }
        names.removeLast()
        scope.pop()
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        for entry in active { entry.canonicalizer.text(bytes) }
    }

    func processingInstruction(target: XMLName, data: XMLName?) {
        for entry in active { entry.canonicalizer.processingInstruction(target: target, data: data) }
    }
}

/// What a pass tells the signer or verifier about each element, after its own bookkeeping.
protocol PassWatcher: AnyObject {
    func start(_ tag: StartTag, pass: DocumentPass) throws(XMLError)
    func end(_ tag: EndTag, pass: DocumentPass) throws(XMLError)
}

extension DocumentPass {
    /// Runs a pass over `bytes` and returns it, its results filled.
    static func run(_ bytes: [UInt8], targets: [Target], limits: ParseLimits, watcher: PassWatcher? = nil) throws(XMLError) -> DocumentPass {
        let pass = DocumentPass(targets: targets)
        pass.watcher = watcher
        try StreamingParser.run(bytes, limits: limits, handler: pass)
        return pass
    }
}
