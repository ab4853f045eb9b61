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

/// What a search returned; `truncated` when there were more entries than asked for, or the server stopped first.
struct LDAPSearchResult {
    /// How the server's own limit ended a listing before the entries asked for.
    enum ServerStop: Equatable {
        /// It paged the results, then stopped the total (OpenLDAP's size.prtotal, the hard size limit by default).
        case pagedTotal
        /// It ignored the paged results control and stopped at its size limit for one search.
        case unpaged
        /// It refused the paged results control (its words), and the plain search stopped at its size limit.
        case pagingRefused(String)
    }

    var entries: [LDAPEntry]
    var truncated: Bool
    /// Set when the server's limit, not the one asked for, ended the search.
    var serverStop: ServerStop? = nil
}
