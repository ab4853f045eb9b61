import Foundation
import Testing

/// A name krb5.conf or jaas.conf could not hold is bad usage (exit 2), naming the argument and what it accepts.
@Suite struct KerberosArgumentTests {
    @Test(arguments: [
        (["krb5", "realm", "set", "EV IL", "--kdc", "kdc.example.com"], "<realm>: \"EV IL\" is not a valid realm name"),
        (["krb5", "realm", "set", "GOOD.ORG", "--kdc", "kdc example"], "--kdc: \"kdc example\""),
        (["krb5", "realm", "set", "GOOD.ORG", "--kdc", "kdc.example.com", "--admin-server", "a=b"], "--admin-server: \"a=b\""),
        (["krb5", "realm", "remove", "EV IL"], "<realm>: \"EV IL\""),
        (["krb5", "set", "bad name", "x"], "<name>: \"bad name\" is not a valid setting name"),
        (["krb5", "set", "dns_lookup_kdc", "{"], "<value>: the value of dns_lookup_kdc cannot start with '{'"),
        (["krb5", "unset", "bad name"], "<name>: \"bad name\""),
        (["krb5", "set-default-realm", "EV IL"], "<realm>: \"EV IL\""),
        (["krb5", "domain", "set", ".example com", "GOOD.ORG"], "<domain>: \".example com\" is not a valid host or domain"),
        (["krb5", "domain", "remove", "a b"], "<domain>: \"a b\""),
        (["jaas", "set", "Ser ver", "useKeyTab", "true"], "<entry>: \"Ser ver\" is not a valid entry name"),
        (["jaas", "set", "Server", "use KeyTab", "true"], "<name>: \"use KeyTab\" is not a valid option name"),
        (["jaas", "set", "Server", "principal", "a\nb"], "<value>: an option value must be one line"),
        (["jaas", "unset", "Server", "1x"], "<name>: \"1x\""),
        (["jaas", "remove", "{"], "<entry>: \"{\""),
        (["jaas", "service", "--principal", "HTTP/h@R", "--password", "--entry", "S S"], "--entry: \"S S\""),
        (["jaas", "client", "--entry", ""], "--entry: \"\""),
    ])
    func badNamesAreUsage(_ arguments: [String], _ said: String) throws {
        let t = try KerberosHome()
        let before = [t.text("conf/security/krb5.conf"), t.text("conf/security/jaas.conf")]
        let result = try CLI.run(arguments + ["--home", t.root])
        #expect(result.status == 2, "\(result.all)")
        #expect(result.stderr.contains(said), "\(result.stderr)")
        #expect([t.text("conf/security/krb5.conf"), t.text("conf/security/jaas.conf")] == before)
    }
}
