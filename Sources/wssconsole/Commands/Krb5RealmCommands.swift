import ArgumentParser
import KerberosConfig
import ServerHome

/// `wssconsole krb5 realm set|remove`: realm blocks with their KDCs and admin server.
struct Krb5RealmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "realm", abstract: "Add, change or remove a realm of [realms].",
                                                    subcommands: [Set.self, Remove.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update a realm: its kdc lines and admin_server (its other settings stay).",
            discussion: "Example: wssconsole krb5 realm set EXAMPLE.COM --kdc kdc1.example.com:88 --kdc kdc2.example.com --admin-server kdc1.example.com")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The realm, e.g. EXAMPLE.COM.") var realm: String
        @Option(name: .customLong("kdc"), help: ArgumentHelp("A KDC as host or host:port (repeat for several).", valueName: "HOST[:PORT]"))
        var kdcs: [String] = []
        @Option(name: .customLong("admin-server"), help: ArgumentHelp("The admin server (kadmind); left out, the realm's admin_server line is removed unless --keep-admin-server.", valueName: "HOST[:PORT]"))
        var adminServer: String?
        @Flag(name: .customLong("keep-admin-server"), help: "Leave the realm's admin_server as it is.")
        var keepAdminServer = false
        @OptionGroup var write: WriteOptions

        func validate() throws {
            try Krb5Arguments.name("<realm>", realm, what: "realm name")
            if kdcs.isEmpty { throw ValidationError("Give at least one --kdc HOST[:PORT].") }
            for kdc in kdcs { try Krb5Arguments.address("--kdc", kdc) }
            if let adminServer { try Krb5Arguments.address("--admin-server", adminServer) }
            if keepAdminServer && adminServer != nil { throw ValidationError("--admin-server and --keep-admin-server exclude each other.") }
        }

        func run() throws {
            let home = try home.open()
            let existing = try home.krb5File().document.realm(realm)
            let admin = keepAdminServer ? existing?.adminServers.first : adminServer
            // Say what happens to admin_server: leaving --admin-server out removes the line, which is easy to miss.
            let adminPart = admin.map { ", admin_server \($0)" } ?? (existing?.adminServers.isEmpty == false ? ", admin_server removed" : "")
            let change = try reportingKerberosErrors {
                try home.planKrb5Edit("krb5.conf: realm \(realm) with kdc \(kdcs.joined(separator: ", "))\(adminPart)") { (d: inout Krb5Document) throws(KerberosConfigError) in
                    try d.setRealm(realm, kdcs: kdcs, adminServer: admin)
                }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a realm block.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The realm.") var realm: String
        @OptionGroup var write: WriteOptions

        func validate() throws { try Krb5Arguments.name("<realm>", realm, what: "realm name") }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors {
                try home.planKrb5Edit("krb5.conf: remove realm \(realm)") { (d: inout Krb5Document) throws(KerberosConfigError) in try d.removeRealm(realm) }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }
}

/// `wssconsole krb5 domain set|remove`: the host and domain mappings of [domain_realm].
struct Krb5DomainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "domain", abstract: "Map hosts or domains to realms ([domain_realm]).",
                                                    subcommands: [Set.self, Remove.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Map a host, or a domain written with a leading dot, to a realm.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "host.example.com, or .example.com for the whole domain.") var domain: String
        @Argument(help: "The realm.") var realm: String
        @OptionGroup var write: WriteOptions

        func validate() throws {
            try Krb5Arguments.name("<domain>", domain, what: "host or domain")
            try Krb5Arguments.name("<realm>", realm, what: "realm name")
        }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors {
                try home.planKrb5Edit("krb5.conf: \(domain) -> \(realm)") { (d: inout Krb5Document) throws(KerberosConfigError) in
                    try d.setDomainRealm(domain, realm: realm)
                }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a mapping.")
        @OptionGroup var home: HomeOptions
        @Argument(help: "The host or domain.") var domain: String
        @OptionGroup var write: WriteOptions

        func validate() throws { try Krb5Arguments.name("<domain>", domain, what: "host or domain") }

        func run() throws {
            let home = try home.open()
            let change = try reportingKerberosErrors {
                try home.planKrb5Edit("krb5.conf: remove \(domain)") { (d: inout Krb5Document) throws(KerberosConfigError) in try d.removeDomainRealm(domain) }
            }
            try performKerberosChange(change, write: write, home: home)
        }
    }
}
