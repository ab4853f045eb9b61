import CLDAP

extension LDAPConnection {
    /// Entries asked for per page, in turn while the server refuses the size: the first within OpenLDAP's default size
    /// limit (500) and Active Directory's MaxPageSize (1000, which AD applies by sending smaller pages); the others for an
    /// OpenLDAP bind DN whose size.pr is smaller, since slapd refuses a larger page ("illegal pagedResults page size")
    /// without saying its size. Few, so that a server that refuses paging at any size costs few requests.
    static let pageSizes = [500, 250, 100, 50]

    /// Up to `limit` entries for a listing, asked for in pages (RFC 2696 Simple Paged Results, non-critical) so that the
    /// server's limit on one search (OpenLDAP's olcSizeLimit, 500 by default; Active Directory's MaxPageSize, 1000)
    /// does not end it. `truncated` when there are more than `limit`; `serverStop` when the server ended it sooner.
    func list(base: String, filter: String, attributes: [String], limit: Int) throws(UserStoresError) -> LDAPSearchResult {
        // Below 0 is none (prefix traps on it); the search's size limit is an Int32 (Int.max + 1 traps too).
        let limit = min(max(limit, 0), Int(Int32.max) - 1)
        // One entry more than asked for says whether there are more; no page asks for more than what is missing.
        let wanted = limit + 1
        // The search's size limit (across its pages): `wanted`, which bounds a server that ignores the control; none
        // after a refusal. slapd refuses a paged search whose size limit is more than size.pr + 1 above what it has sent,
        // unless size.prtotal is unlimited: with size.pr=100 every page size was refused and one plain search stopped at
        // 500; with none it pages on to size.prtotal (the hard limit when unset). A server that refuses a page reads the
        // control, so it still sends pages, never the whole search at once.
        var sizeLimit = wanted
        var entries: [LDAPEntry] = []
        var cookie: [UInt8] = []
        var paged = false
        var pageSizes = Self.pageSizes[...]
        var refusal = ""
        // The read timeout bounds the whole listing, as it bounded the one search before paging: a server that sends
        // page after page (empty ones with fresh cookies, even) would otherwise hold the caller for pages x timeout,
        // or for ever; a user's roles are read this way while a request waits.
        let deadline = ContinuousClock.now + readTimeout
        while true {
            let page = try request(base: base, filter: filter, attributes: attributes, sizeLimit: sizeLimit,
                                   paging: (min(pageSizes.first!, wanted - entries.count), cookie), within: deadline - .now)
            if page.code == LDAP_ADMINLIMIT_EXCEEDED, !paged, page.entries.isEmpty {
                // A refused first page may be larger than OpenLDAP allows the bind DN (size.pr), so smaller ones are asked
                // for; refused at the smallest, paging itself is (size.prtotal=disabled), and one plain search answers. The
                // first refusal's words say why.
                if refusal.isEmpty { refusal = page.detail }
                pageSizes = pageSizes.dropFirst()
                sizeLimit = 0
                guard pageSizes.isEmpty else { continue }
                let plain = try request(base: base, filter: filter, attributes: attributes, sizeLimit: wanted, paging: nil,
                                        within: deadline - .now)
                return Self.listing(plain.entries, limit: limit, ended: plain.code, by: .pagingRefused(refusal))
            }
            entries += page.entries
            paged = paged || page.cookie != nil
            guard page.code == LDAP_SUCCESS, entries.count < wanted else {
                return Self.listing(entries, limit: limit, ended: page.code, by: paged ? .pagedTotal : .unpaged)
            }
            // The last page, or a server that ignored the control and answered the whole search.
            guard let next = page.cookie, !next.isEmpty else { return LDAPSearchResult(entries: entries, truncated: false) }
            // An empty page that asks for itself again would never end.
            if page.entries.isEmpty, next == cookie { return Self.listing(entries, limit: limit, ended: LDAP_SIZELIMIT_EXCEEDED, by: .pagedTotal) }
            cookie = next
        }
    }

    /// `entries` cut to `limit`: more than that is the limit asked for; fewer, after a limit error, is the server's.
    private static func listing(_ entries: [LDAPEntry], limit: Int, ended code: Int32, by stop: LDAPSearchResult.ServerStop) -> LDAPSearchResult {
        if entries.count > limit { return LDAPSearchResult(entries: Array(entries.prefix(limit)), truncated: true) }
        guard code != LDAP_SUCCESS else { return LDAPSearchResult(entries: entries, truncated: false) }
        return LDAPSearchResult(entries: entries, truncated: true, serverStop: stop)
    }
}
