/// One entry a search returned: its DN and the requested attributes (names lower-cased).
public struct LDAPEntry: Sendable, Hashable {
    /// The entry's distinguished name, as the server spells it.
    public let dn: String
    /// Requested attributes present on the entry, keyed by lower-cased name.
    public let attributes: [String: [String]]

    /// The first value of `attribute` (any case), if any.
    public func first(_ attribute: String) -> String? {
        attributes[attribute.lowercased()]?.first
    }
}

/// What a search returned; `truncated` when the server stopped at the size limit.
struct LDAPSearchResult {
    var entries: [LDAPEntry]
    var truncated: Bool
}
