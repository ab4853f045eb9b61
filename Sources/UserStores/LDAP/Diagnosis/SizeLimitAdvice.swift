/// What to say when a directory's own limit ended a listing, and how to lift it: OpenLDAP's limits are set per bind
/// DN (slapd-config(5) olcLimits, slapd.conf(5) limits); Active Directory pages past its MaxPageSize.
enum SizeLimitAdvice {
    /// The limit that ended a listing of `entries` entries, for the profile's `bindDN` (nil: anonymous).
    static func limit(_ stop: LDAPSearchResult.ServerStop, entries: Int, bindDN: String?) -> ServerLimit {
        let who = bindDN.map { "dn.exact=\"\($0)\"" } ?? "anonymous"
        let binder = bindDN == nil ? "anonymous binds" : "the bind DN"
        let stopped = "stopped the listing at \(entries) entries"
        // slapd applies the first limits line whose selector matches, so a new line after one for the same DN is ignored.
        let firstMatch = "; where a limits line for \(bindDN == nil ? "anonymous" : "the DN") already exists, put these on it: slapd uses only the first that matches."
        switch stop {
        case .pagedTotal:
            return ServerLimit(reason: "the server \(stopped), its limit on paged searches for \(binder)",
                               fix: "Let \(binder) page further: on OpenLDAP, olcLimits: \(who) size.prtotal=unlimited on the database "
                                   + "(limits in slapd.conf)" + firstMatch)
        case .unpaged:
            return ServerLimit(reason: "the server \(stopped), its size limit for \(binder), and does not page results (RFC 2696)",
                               fix: "Raise the server's size limit for \(binder): on OpenLDAP, olcLimits: \(who) size.soft=unlimited "
                                   + "size.hard=unlimited (limits in slapd.conf)" + firstMatch)
        case .pagingRefused(let words):
            return ServerLimit(reason: "the server refused paged results\(words.isEmpty ? "" : " (\(words))") and \(stopped), its size limit for \(binder)",
                               fix: "Allow \(binder) paged results: on OpenLDAP, olcLimits: \(who) size.prtotal=unlimited, and size.pr "
                                   + "unlimited or at least \(LDAPConnection.pageSizes.last!), the smallest page asked for (limits in slapd.conf)" + firstMatch)
        }
    }
}
