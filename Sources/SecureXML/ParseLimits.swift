/// Bounds on what a parse accepts, sized for SOAP messages and configuration files.
public struct ParseLimits: Sendable, Equatable {
    /// The largest document, in bytes.
    public var maxBytes: Int
    /// The deepest element nesting.
    public var maxDepth: Int
    /// The most attributes on one element, namespace declarations included (they cost C14N time too).
    public var maxAttributes: Int
    /// The longest text node or attribute value, in bytes (a base64 CipherValue of a large body is one text node).
    public var maxTextBytes: Int
    /// Whether a processing instruction (`<?target ...?>`, anywhere, the XML declaration aside) is accepted: SOAP
    /// forbids them in a message (SOAP 1.1 section 3, SOAP 1.2 Part 1 section 5), configuration files may hold them.
    public var allowsProcessingInstructions: Bool

    /// Limits for SOAP: 8 MiB, 128 levels, 64 attributes per element, 8 MiB per text.
    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 128, maxAttributes: Int = 64, maxTextBytes: Int = 8 << 20,
                allowsProcessingInstructions: Bool = true) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
        self.maxTextBytes = maxTextBytes
        self.allowsProcessingInstructions = allowsProcessingInstructions
    }

    /// The defaults of `init`.
    public static let `default` = ParseLimits()

    /// Refuses a document of `size` bytes past `maxBytes`: the parsers before they start, a reader before it keeps more.
    public func checkSize(_ size: Int) throws(XMLError) {
        guard size <= maxBytes else { throw XMLError(.tooLarge, "The document is \(size) bytes; the limit is \(maxBytes)") }
    }
}
