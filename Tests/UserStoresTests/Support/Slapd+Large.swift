import Foundation

extension Slapd {
    /// A second directory in the test slapd, for listings beyond a server's size limit: 1,200 users (user0 ...
    /// user1199), 600 groups (team0 ... team599, teamN holding userN and userN+600, and user0 in every one), and service accounts whose
    /// limits differ as a directory's operator sets them (slapd.conf(5) limits):
    /// - `pager`: a plain search stops at 500 entries, a paged one may return them all (size.prtotal=unlimited);
    /// - `strict`: plain and paged searches stop at 500 (size.prtotal is the hard limit unless set);
    /// - `noPaging`: a plain search stops at 500, paged results are refused (size.prtotal=disabled);
    /// - `smallPages`: as `pager`, but a page may hold at most 100 entries (size.pr=100): a larger one is refused;
    /// - `cappedPages`: size.pr=100 alone: pages of at most 100, and paged searches stop at 500 (size.prtotal is the hard limit,
    ///   slapd's default 500);
    /// - `widerPages`: size.pr=100 size.prtotal=1000: pages of at most 100, up to 1,000 entries, past the plain search's 500.
    enum Large {
        static let suffix = "dc=large,dc=test"
        static let people = "ou=People,dc=large,dc=test"
        static let groups = "ou=Groups,dc=large,dc=test"
        static let services = "ou=Services,dc=large,dc=test"
        static let users = 1_200
        static let teams = 600
        static let sizeLimit = 500
        static let pager = "uid=pager,\(services)"
        static let strict = "uid=strict,\(services)"
        static let noPaging = "uid=nopaging,\(services)"
        static let smallPages = "uid=smallpages,\(services)"
        static let cappedPages = "uid=cappedpages,\(services)"
        static let widerPages = "uid=widerpages,\(services)"
        static let widerTotal = 1_000
        static let largestPage = 100

        /// The database section of slapd.conf; its files go in `folder`/large.
        static func configuration(folder: String) -> String {
            """
            database mdb
            suffix "\(suffix)"
            directory \(folder)/large
            maxsize 10485760
            limits dn.exact="\(strict)" size.soft=\(sizeLimit) size.hard=\(sizeLimit)
            limits dn.exact="\(noPaging)" size.soft=\(sizeLimit) size.hard=\(sizeLimit) size.prtotal=disabled
            limits dn.exact="\(smallPages)" size.soft=\(sizeLimit) size.hard=\(sizeLimit) size.pr=\(largestPage) size.prtotal=unlimited
            limits dn.exact="\(cappedPages)" size.pr=\(largestPage)
            limits dn.exact="\(widerPages)" size.pr=\(largestPage) size.prtotal=\(widerTotal)
            limits users size.soft=\(sizeLimit) size.hard=\(sizeLimit) size.prtotal=unlimited
            access to attrs=userPassword by anonymous auth by * none
            access to * by dn.children="\(services)" read by * none

            """
        }

        /// The entries, for slapadd -b; the service accounts' password is the reader's.
        static func seed() throws -> String {
            let hash = try Shell.run("/usr/sbin/slappasswd", ["-h", "{SSHA}", "-s", Slapd.readerPassword])
            var ldif = "dn: \(suffix)\nobjectClass: dcObject\nobjectClass: organization\no: Large\ndc: large\n\n"
            for unit in [people, groups, services] {
                let name = unit.split(separator: ",")[0].dropFirst(3)
                ldif += "dn: \(unit)\nobjectClass: organizationalUnit\nou: \(name)\n\n"
            }
            for dn in [pager, strict, noPaging, smallPages, cappedPages, widerPages] {
                let name = dn.split(separator: ",")[0].dropFirst(4)
                ldif += "dn: \(dn)\nobjectClass: inetOrgPerson\nuid: \(name)\ncn: \(name)\nsn: \(name)\nuserPassword: \(hash)\n\n"
            }
            for user in 0..<users {
                // user0, in every group, can log in (the reader's password) for the role checks.
                let password = user == 0 ? "userPassword: \(hash)\n" : ""
                ldif += "dn: uid=user\(user),\(people)\nobjectClass: inetOrgPerson\nuid: user\(user)\ncn: User \(user)\nsn: \(user)\n\(password)\n"
            }
            for team in 0..<teams {
                ldif += "dn: cn=team\(team),\(groups)\nobjectClass: groupOfNames\ncn: team\(team)\n"
                ldif += "member: uid=user\(team),\(people)\nmember: uid=user\(team + teams),\(people)\n"
                ldif += team == 0 ? "\n" : "member: uid=user0,\(people)\n\n"
            }
            return ldif
        }
    }

}
