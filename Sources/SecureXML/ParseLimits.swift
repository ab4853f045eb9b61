/// Bounds on what a parse accepts, sized for SOAP messages and configuration files.
public struct ParseLimits: Sendable, Equatable {
    public var maxBytes: Int
    public var maxDepth: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 128) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let `default` = ParseLimits()
}
