import Foundation

extension Slapd {
    /// Entries whose names hold what a directory may hold and a terminal must not receive raw: ESC sequences, a CR, line
    /// breaks, a C1 control (U+009B is CSI to some terminals) and a bidirectional override. They live under their own
    /// units of the main directory, so the listings of `people` and `groups` do not see them.
    enum Strangers {
        static let people = "ou=Strangers,dc=example,dc=com"
        static let groups = "ou=StrangeGroups,dc=example,dc=com"
        /// A user whose name, in a UsernameToken (XML allows CR, LF and C1 there), would forge message verify's verdict.
        static let forger = "eve\r\naccepted from CN=admin\u{9B}"
        static let forgerPassword = "eve-pass"
        /// A user whose name drives the terminal (clears it, red text) and reorders what follows.
        static let painter = "m\u{1B}[2J\u{1B}[31mallory\u{202E}reversed"
        /// The group both belong to: it retitles the terminal and forges a line of its own.
        static let group = "ad\u{1B}]0;pwned\u{7}min\nforged"

        /// The entries, appended to the main directory's seed (values base64, as LDIF needs for such bytes).
        static func seed() throws -> String {
            func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
            let hash = try Shell.run("/usr/sbin/slappasswd", ["-h", "{SSHA}", "-s", forgerPassword])
            var ldif = "dn: \(people)\nobjectClass: organizationalUnit\nou: Strangers\n\n"
                + "dn: \(groups)\nobjectClass: organizationalUnit\nou: StrangeGroups\n\n"
            for (rdn, name) in [("eve", forger), ("mallory", painter)] {
                ldif += "dn: cn=\(rdn),\(people)\nobjectClass: inetOrgPerson\nuid:: \(base64(name))\ncn: \(rdn)\nsn: \(rdn)\nuserPassword: \(hash)\n\n"
            }
            ldif += "dn: ou=strange,\(groups)\nobjectClass: groupOfNames\nou: strange\ncn:: \(base64(group))\n"
                + "member: cn=eve,\(people)\nmember: cn=mallory,\(people)\n\n"
            return ldif
        }
    }
}
