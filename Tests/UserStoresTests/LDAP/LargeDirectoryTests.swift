import Foundation
import KeyMaterial
import Testing
import UserStores

/// Listings of a directory larger than the server's size limit (500 entries for a plain search), read in pages
/// (RFC 2696), and what is said when the server stops them all the same.
@Suite struct LargeDirectoryTests {
    let slapd = Slapd.shared

    private func store(_ reader: String) -> LDAPUserStore {
        LDAPUserStore(profile: slapd.largeProfile(reader: reader), bindPassword: Secret(Slapd.readerPassword))
    }

    /// The server's limit on one search was the listing's: 500 users, said to be "more than 2000".
    @Test func pagedListingsGoPastTheServersSizeLimit() throws {
        let store = store(Slapd.Large.pager)
        let users = try store.users(matching: "", limit: 2_000)
        #expect(users.names.count == Slapd.Large.users && !users.truncated && users.serverLimit == nil, "\(users.names.count)")
        #expect(users.names.first == "user0" && users.names.last == "user1199")
        let roles = try store.roleNames(matching: "", limit: 2_000)
        #expect(roles.names.count == Slapd.Large.teams && !roles.truncated)
        // The limit asked for: exactly everything is not cut; one fewer is, without blaming the server.
        let all = try store.users(matching: "", limit: Slapd.Large.users)
        #expect(all.names.count == Slapd.Large.users && !all.truncated)
        let cut = try store.users(matching: "", limit: Slapd.Large.users - 1)
        #expect(cut.names.count == Slapd.Large.users - 1 && cut.truncated && cut.serverLimit == nil)
        let few = try store.users(matching: "", limit: 20)
        #expect(few.names.count == 20 && few.truncated && few.serverLimit == nil)
    }

    /// A user in more groups than the server returns for one search (user0 is in all 600): every role is read, so an
    /// allowed role past the 500th still lets them in.
    @Test func aUserInMoreGroupsThanTheServersLimitHasEveryRole() throws {
        let store = store(Slapd.Large.pager)
        let roles = try store.roles(of: "user0")
        #expect(roles.count == Slapd.Large.teams && roles.contains("team599"), "\(roles.count)")
        #expect(try store.roles(of: "user1").sorted() == ["team1"])
    }

    /// A server whose pages are smaller than the ones asked for (OpenLDAP's size.pr=100 refuses a page of 500 with
    /// "illegal pagedResults page size"): smaller pages, and the listing is whole. It fell back to one plain search,
    /// cut at 500 and blamed on paging being refused.
    @Test func aServerWithSmallerPagesListsEverythingInSmallerPages() throws {
        let store = store(Slapd.Large.smallPages)
        let users = try store.users(matching: "", limit: 2_000)
        #expect(users.names.count == Slapd.Large.users && !users.truncated && users.serverLimit == nil,
                "\(users.names.count) \(String(describing: users.serverLimit))")
        let roles = try store.roles(of: "user0")
        #expect(roles.count == Slapd.Large.teams && roles.contains("team599"), "\(roles.count)")
    }

    /// A bind DN with size.pr=100 and size.prtotal short of unlimited: slapd refuses a paged search whose size limit is
    /// more than size.pr + 1 above what it has sent, so every page size was refused, and one plain search listed 500
    /// "refused paged results (illegal pagedResults page size)". Pages of 100 go on to size.prtotal (1,000 with
    /// `widerPages`, past the plain search's 500; the hard limit, 500, with `cappedPages`), and that limit is named.
    @Test(arguments: [(Slapd.Large.cappedPages, Slapd.Large.sizeLimit), (Slapd.Large.widerPages, Slapd.Large.widerTotal)])
    func smallPagesGoOnToThePagedTotal(reader: String, total: Int) throws {
        let store = store(reader)
        let users = try store.users(matching: "", limit: 2_000)
        #expect(users.names.count == total && users.truncated, "\(users.names.count)")
        let limit = try #require(users.serverLimit)
        #expect(limit.reason == "the server stopped the listing at \(total) entries, its limit on paged searches for the bind DN", "\(limit)")
        #expect(limit.fix.contains("olcLimits: dn.exact=\"\(reader)\" size.prtotal=unlimited"), "\(limit)")
        // The account has a limits line already (size.pr): a second one for it would be ignored, and the fix says so.
        #expect(limit.fix.hasSuffix("where a limits line for the DN already exists, put these on it: slapd uses only the first that matches."), "\(limit)")
        // One fewer than the server gives is the caller's cut, not the server's.
        let cut = try store.users(matching: "", limit: total - 1)
        #expect(cut.names.count == total - 1 && cut.truncated && cut.serverLimit == nil, "\(cut.names.count) \(String(describing: cut.serverLimit))")
        // user0's 600 roles: all of them within the larger total.
        let roles = try store.roleListing(of: "user0")
        #expect(roles.names.count == min(total, Slapd.Large.teams) && (roles.serverLimit == nil) == (total > Slapd.Large.teams),
                "\(roles.names.count)")
    }

    /// A server that stops paged searches at its limit too: the listing is cut, and says where and how to lift it.
    @Test func aServerThatStopsPagingSaysSoAndHowToLiftIt() throws {
        let users = try store(Slapd.Large.strict).users(matching: "", limit: 2_000)
        #expect(users.names.count == Slapd.Large.sizeLimit && users.truncated)
        let limit = try #require(users.serverLimit)
        #expect(limit.reason == "the server stopped the listing at 500 entries, its limit on paged searches for the bind DN", "\(limit)")
        #expect(limit.fix.contains("olcLimits: dn.exact=\"\(Slapd.Large.strict)\" size.prtotal=unlimited"), "\(limit)")
        // Under the server's limit, the listing is whole.
        let found = try store(Slapd.Large.strict).users(matching: "user110", limit: 2_000)
        #expect(found.names == ["user110"] + (1100...1109).map { "user\($0)" } && !found.truncated && found.serverLimit == nil)
    }

    /// A server that refuses the paged results control: the plain search, as before, cut and said so.
    @Test func aServerThatRefusesPagingStillAnswers() throws {
        let users = try store(Slapd.Large.noPaging).users(matching: "", limit: 2_000)
        #expect(users.names.count == Slapd.Large.sizeLimit && users.truncated)
        let limit = try #require(users.serverLimit)
        #expect(limit.reason.contains("refused paged results (pagedResults control not allowed)"), "\(limit)")
        #expect(limit.fix.contains("size.prtotal=unlimited"), "\(limit)")
        #expect(try store(Slapd.Large.noPaging).users(matching: "user1199", limit: 10).names == ["user1199"])
    }
}
