import Foundation
import Testing
import TestSupport

/// A password in the settings written over several lines (a `"""` or `'''` string) is hidden on every line by the
/// diffs `--dry-run` and `history --show` print: only its first line says `password`, and the others were shown.
@Suite struct SecretDiffCommandTests {
    private let settings = "conf/console.toml"

    /// The lines of the secrets below: none may be shown.
    static let secretLines = MultiLineSecrets.lines + ["bind-basic-one", "bind-basic-two"]

    /// The demo home, its client's password a basic string over two lines (the same password: a line-ending
    /// backslash joins them) and a Kerberos password a literal one, both in the context of a change of the user.
    private func home() throws -> TempHome {
        let home = try TempHome()
        let text = try #require(home.text(settings))
        let edited = MultiLineSecrets.client(in: text)
        #expect(edited != text)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: home.root + "/" + settings))
        return home
    }

    private func expectMasked(_ diff: String, showing changes: [String], _ comment: String) {
        for line in changes + ["kerberos_password = \"********\"", "password = \"********\"\n ********\n ********\n"] {
            #expect(diff.contains(line), "\(comment): \(line)\n\(diff)")
        }
        for secret in Self.secretLines { #expect(!diff.contains(secret), "\(comment): \(secret)\n\(diff)") }
    }

    @Test func clientSetHidesEveryLineOfAMultiLinePassword() throws {
        let home = try home()
        let dryRun = try CLI.run(["client", "set", "--home", home.root, "--user", "bob", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.all)")
        // Another user drops alice's password: its three lines go, masked.
        expectMasked(dryRun.stdout, showing: ["-user = \"alice\"\n-password = \"********\"\n-********\n-********\n+user = \"bob\"\n"], "dry run")

        #expect(try CLI.run(["client", "set", "--home", home.root, "--user", "bob"]).status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["history", "--json", "--home", home.root]).stdout.utf8)) as? [[String: Any]])
        let shown = try CLI.run(["history", "--home", home.root, "--show", try #require(rows.first?["id"] as? String)])
        #expect(shown.status == 0, "\(shown.all)")
        expectMasked(shown.stdout, showing: ["-user = \"alice\"\n-password = \"********\"\n-********\n-********\n+user = \"bob\"\n"], "history")
    }

    /// The user store's bind password (`connection_password`), changed beside by the user store's planner.
    @Test func userstoreSetHidesEveryLineOfAMultiLineBindPassword() throws {
        let home = try home()
        let text = try #require(home.text(settings))
        try Data(text.replacingOccurrences(of: "type = \"embedded\"\nfile = \"conf/userstore.xml\"\n", with: """
            type = "read_only_ldap"
            connection_url = "ldap://127.0.0.1:389"
            connection_password = \"\"\"
            bind-basic-one
            bind-basic-two\"\"\"
            user_search_base = "ou=people,dc=example,dc=com"

            """).utf8).write(to: URL(fileURLWithPath: home.root + "/" + settings))
        let dryRun = try CLI.run(["userstore", "set", "--home", home.root, "--user-base", "ou=users,dc=example,dc=com", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.all)")
        #expect(dryRun.stdout.contains("+user_search_base = \"ou=users,dc=example,dc=com\"")
                && dryRun.stdout.contains(" connection_password = \"********\"\n ********\n ********\n"), "\(dryRun.stdout)")
        for secret in Self.secretLines { #expect(!dryRun.stdout.contains(secret), "\(secret)\n\(dryRun.stdout)") }
    }
}
