import Foundation

/// A private OpenLDAP server for the tests: a temp folder, free loopback ports (ldap:// and ldaps://), a test CA
/// and a server certificate made with the openssl CLI, users and groups loaded offline with slapadd.
///
/// One server per test process, started on first use and stopped (SIGTERM, then waiting on its pid: slapd takes
/// about 2 s to stop) when the process exits. It runs in the foreground (`-d 0`) so it is our child.
final class Slapd: @unchecked Sendable {
    static let suffix = "dc=example,dc=com"
    static let people = "ou=People,dc=example,dc=com"
    static let groups = "ou=Groups,dc=example,dc=com"
    /// The console's service account: may read users and groups, nothing else.
    static let readerDN = "uid=wssconsole,ou=People,dc=example,dc=com"
    static let readerPassword = "reader-pass"
    /// Users, their passwords and groups.
    static let users: [(name: String, password: String, groups: [String])] = [
        ("alice", "alice-pass", ["admin", "everyone"]),
        ("bob", "bob-pass", ["operator", "everyone"]),
        ("carol", "carol-pass", ["everyone"]),
    ]

    let folder: String
    let ldapPort: Int
    let ldapsPort: Int
    /// The CA that signed the server's certificate (names: DNS localhost, IP 127.0.0.1).
    var caFile: String { folder + "/ca.pem" }
    /// A CA that signed nothing the server has.
    var otherCAFile: String { folder + "/other-ca.pem" }
    var ldapURL: String { "ldap://127.0.0.1:\(ldapPort)/" }
    var ldapsURL: String { "ldaps://127.0.0.1:\(ldapsPort)/" }
    private let process: Spawned

    /// The shared server, started on first use.
    static let shared: Slapd = {
        do {
            let server = try Slapd()
            running = server
            atexit { Slapd.running?.stop() }
            return server
        } catch {
            fatalError("cannot start the test slapd: \(error)")
        }
    }()

    nonisolated(unsafe) private static var running: Slapd?

    private init() throws {
        folder = NSTemporaryDirectory() + "wssconsole-slapd-" + UUID().uuidString
        for database in ["db", "large"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + database, withIntermediateDirectories: true)
        }
        ldapPort = try FreePort.pick()
        ldapsPort = try FreePort.pick()
        try Self.makeCertificates(in: folder)
        try Self.configure(folder)
        try Shell.run("/usr/sbin/slapadd", ["-q", "-f", folder + "/slapd.conf", "-b", Self.suffix, "-l", folder + "/seed.ldif"])
        try Shell.run("/usr/sbin/slapadd", ["-q", "-f", folder + "/slapd.conf", "-b", Large.suffix, "-l", folder + "/large.ldif"])
        process = try Spawned.start("/usr/sbin/slapd", ["-d", "0", "-f", folder + "/slapd.conf",
                                                        "-h", "ldap://127.0.0.1:\(ldapPort)/ ldaps://127.0.0.1:\(ldapsPort)/"],
                                    log: folder + "/slapd.log")
        try waitUntilAnswering()
    }

    /// Polls with ldapwhoami until the server binds the reader (cold start takes a few hundred ms).
    private func waitUntilAnswering() throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            guard process.isRunning else { throw Shell.Failure(message: "slapd exited: \(log)") }
            if (try? Shell.run("/usr/bin/ldapwhoami", ["-x", "-H", ldapURL, "-D", Self.readerDN, "-w", Self.readerPassword])) != nil { return }
            usleep(100_000)
        }
        throw Shell.Failure(message: "slapd did not answer within 15 s: \(log)")
    }

    var log: String { (try? String(contentsOfFile: folder + "/slapd.log", encoding: .utf8)) ?? "" }

    /// SIGTERM, then wait on the pid.
    func stop() {
        process.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func makeCertificates(in folder: String) throws {
        let openssl = "/usr/bin/openssl"
        for (name, subject) in [("ca", "/CN=wssconsole test CA"), ("other-ca", "/CN=an unrelated CA")] {
            try Shell.run(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(folder)/\(name).key",
                                    "-out", "\(folder)/\(name).pem", "-subj", subject, "-days", "2"])
        }
        try Shell.run(openssl, ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(folder)/server.key",
                                "-out", "\(folder)/server.csr", "-subj", "/CN=localhost"])
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\n".write(toFile: "\(folder)/ext.cnf", atomically: true, encoding: .utf8)
        try Shell.run(openssl, ["x509", "-req", "-in", "\(folder)/server.csr", "-CA", "\(folder)/ca.pem", "-CAkey", "\(folder)/ca.key",
                                "-CAcreateserial", "-out", "\(folder)/server.pem", "-days", "2", "-extfile", "\(folder)/ext.cnf"])
    }

    private static func configure(_ folder: String) throws {
        let rootPassword = try Shell.run("/usr/sbin/slappasswd", ["-h", "{SSHA}", "-s", UUID().uuidString])
        let config = """
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            pidfile \(folder)/slapd.pid
            TLSCACertificateFile \(folder)/ca.pem
            TLSCertificateFile \(folder)/server.pem
            TLSCertificateKeyFile \(folder)/server.key
            database mdb
            suffix "\(suffix)"
            rootdn "cn=admin,\(suffix)"
            rootpw \(rootPassword)
            directory \(folder)/db
            maxsize 10485760
            access to attrs=userPassword by self write by anonymous auth by * none
            access to * by dn.exact="\(readerDN)" read by self read by * none

            """ + Large.configuration(folder: folder)
        try config.write(toFile: folder + "/slapd.conf", atomically: true, encoding: .utf8)
        try seed().write(toFile: folder + "/seed.ldif", atomically: true, encoding: .utf8)
        try Large.seed().write(toFile: folder + "/large.ldif", atomically: true, encoding: .utf8)
    }

    private static func seed() throws -> String {
        var ldif = """
            dn: \(suffix)
            objectClass: dcObject
            objectClass: organization
            o: Example
            dc: example

            dn: \(people)
            objectClass: organizationalUnit
            ou: People

            dn: \(groups)
            objectClass: organizationalUnit
            ou: Groups


            """
        for (name, password) in users.map({ ($0.name, $0.password) }) + [("wssconsole", readerPassword)] {
            let hash = try Shell.run("/usr/sbin/slappasswd", ["-h", "{SSHA}", "-s", password])
            ldif += "dn: uid=\(name),\(people)\nobjectClass: inetOrgPerson\nuid: \(name)\ncn: \(name.capitalized)\nsn: \(name)\nuserPassword: \(hash)\n\n"
        }
        for group in ["admin", "operator", "everyone"] {
            ldif += "dn: cn=\(group),\(groups)\nobjectClass: groupOfNames\ncn: \(group)\n"
            for user in users where user.groups.contains(group) { ldif += "member: uid=\(user.name),\(people)\n" }
            ldif += "\n"
        }
        return ldif + (try Strangers.seed())
    }
}
