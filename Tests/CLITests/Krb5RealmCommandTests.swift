import Testing

/// `wssconsole krb5 realm set` on the demo home, whose EXAMPLE.COM has an admin_server line.
@Suite struct Krb5RealmCommandTests {
    /// Without --admin-server the realm's admin_server line goes (--keep-admin-server keeps it); the change said
    /// only "realm EXAMPLE.COM with kdc ...", so the removal passed unseen.
    @Test func realmSetSaysWhatBecomesOfTheAdminServer() throws {
        let home = try TempHome()
        let kept = try CLI.run(["krb5", "realm", "set", "EXAMPLE.COM", "--kdc", "kdc1.example.com", "--keep-admin-server", "--home", home.root])
        #expect(kept.status == 0 && kept.stdout.contains("admin_server kdc.example.com:749"), "\(kept.all)")
        let dropped = try CLI.run(["krb5", "realm", "set", "EXAMPLE.COM", "--kdc", "kdc2.example.com", "--home", home.root])
        #expect(dropped.status == 0 && dropped.stdout.contains("admin_server removed"), "\(dropped.all)")
        #expect(home.text("conf/security/krb5.conf")?.contains("admin_server") == false)
        let help = try CLI.run(["krb5", "realm", "set", "--help"], environment: ["COLUMNS": "200"])
        #expect(help.stdout.contains("left out, the realm's admin_server line is removed"), "\(help.stdout)")
    }
}
