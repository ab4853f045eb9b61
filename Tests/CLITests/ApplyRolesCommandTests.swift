import Foundation
import Testing

/// `apply --roles`: the roles a UsernameToken service lets in, written as Micro Integrator reads them. Without roles
/// apply wrote an empty allowed-roles property, which Micro Integrator reads as a role no user has: every caller was
/// refused while validate passed.
@Suite struct ApplyRolesCommandTests {
    private let policy = "conf/policies/OrderProxy.policy.xml"

    @Test func rolesAreWrittenAndCheckedAgainstTheStore() throws {
        let home = try TempHome()
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "8", "--roles", "admin,nosuchrole"])
        #expect(apply.status == 0, "\(apply.all)")
        #expect(try #require(home.text(policy)).contains("allowedroles\">admin,nosuchrole</sec:property>"))
        let validate = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"])
        #expect(validate.stdout.contains("roles.unknown") && validate.stdout.contains("nosuchrole"), "\(validate.all)")
        // Re-applying without --roles keeps them; --roles "" lets every authenticated user call: no property at all.
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "7"]).status == 0)
        #expect(try #require(home.text(policy)).contains("allowedroles\">admin,nosuchrole</sec:property>"))
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "7", "--roles", ""]).status == 0)
        #expect(try !#require(home.text(policy)).contains("allowedroles"))
        let open = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"])
        #expect(open.stdout.contains("roles.none") && !open.stdout.contains("roles.emptyProperty"), "\(open.all)")
    }

    /// A dry run validates what it would write: a role the store lacks is an error before anything is written, a
    /// role it has is not, and the nonce lifetime given closes the replay window it warns of otherwise.
    @Test func aDryRunValidatesWhatItWouldWrite() throws {
        let home = try TempHome()
        let before = home.text(policy)
        let words = ["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "8", "--dry-run"]
        let unknown = try CLI.run(words + ["--roles", "nosuchrole"])
        #expect(unknown.status == 0 && unknown.stdout.contains("validation of the dry run: ERROR"), "\(unknown.all)")
        #expect(unknown.stdout.contains("error: The allowed role nosuchrole does not exist in the user store"), "\(unknown.all)")
        let known = try CLI.run(words + ["--roles", "admin", "--nonce-lifetime", "900"])
        #expect(known.stdout.contains("validation of the dry run: warn") && !known.stdout.contains("does not exist"), "\(known.all)")
        #expect(!known.stdout.contains("Requests can stay acceptable") && !known.stdout.contains("No allowed roles"), "\(known.all)")
        #expect(home.text(policy) == before)
    }

    /// The roles findings' fixes are commands that work: run as printed, placeholders filled in, the finding goes.
    @Test func rolesFixesAreCommandsThatWork() throws {
        let home = try TempHome()
        func fix(_ code: String) throws -> String? {
            let validate = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy", "--no-self-test", "--json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any], "\(validate.all)")
            let findings = try #require(report["findings"] as? [[String: Any]])
            return findings.first { $0["code"] as? String == code }?["fix"] as? String
        }
        /// The commands in a fix, up to where the sentence goes on; run on this home.
        func run(_ fix: String, _ prefix: String, filling placeholder: String, with value: String) throws {
            let pattern = try NSRegularExpression(pattern: #"wssconsole (?:--home \S+ )?(\#(prefix).+?)(?=, |\)| \(|\.$|\. )"#)
            let matches = pattern.matches(in: fix, range: NSRange(fix.startIndex..., in: fix))
            #expect(!matches.isEmpty, "no `wssconsole \(prefix)` in: \(fix)")
            for match in matches {
                let words = String(fix[Range(match.range(at: 1), in: fix)!]).replacingOccurrences(of: placeholder, with: value)
                let result = try CLI.run(words.split(separator: " ").map(String.init) + ["--home", home.root])
                #expect(result.status == 0, "\(words): \(result.all)")
            }
        }
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "8", "--roles", "admin,Auditor"]).status == 0)
        let unknown = try #require(try fix("roles.unknown"))
        try run(unknown, "roles add", filling: "USER", with: "alice")
        try run(unknown, "users assign", filling: "USER", with: "alice")
        #expect(try fix("roles.unknown") == nil)

        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "8", "--roles", ""]).status == 0)
        try run(try #require(try fix("roles.none")), "apply", filling: "ROLE1,ROLE2", with: "admin")
        #expect(try fix("roles.none") == nil)
        #expect(try #require(home.text(policy)).contains("allowedroles\">admin</sec:property>"))
    }

    /// The commands a write prints to run next name the home it wrote: without --home they would act on the demo home.
    @Test func printedCommandsNameTheHome() throws {
        let home = try TempHome()
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "8", "--roles", "admin"])
        #expect(apply.status == 0, "\(apply.all)")
        let root = URL(fileURLWithPath: home.root).standardizedFileURL.path
        #expect(apply.stdout.contains("wssconsole --home \(root) validate --service OrderProxy runs it"), "\(apply.all)")
        let hint = try #require(apply.stdout.components(separatedBy: "undo with: ").last?.split(separator: "\n").first.map(String.init))
        #expect(hint.hasPrefix("wssconsole --home \(root) undo "), "\(hint)")
        let words = hint.split(separator: " ").dropFirst().map(String.init)
        let undo = try CLI.run(words + ["--dry-run"])
        #expect(undo.status == 0 && undo.stdout.contains("-    <policy key=\"conf:policies/OrderProxy.policy.xml\"/>"), "\(undo.all)")
    }

    /// Names MI would never match, and roles for a scenario that authenticates no user, are bad usage: nothing written.
    @Test func namesMicroIntegratorCannotMatchAreRefused() throws {
        let home = try TempHome()
        for (arguments, says) in [(["--scenario", "8", "--roles", "admin, operator"], "spaces around it"),
                                  (["--scenario", "8", "--roles", "admin,,operator"], "an empty name"),
                                  (["--scenario", "2", "--roles", "admin"], "UsernameToken scenarios")] {
            let run = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy"] + arguments)
            #expect(run.status == 2 && run.stderr.contains(says), "\(arguments): \(run.all)")
            #expect(home.text(policy) == nil)
        }
    }
}
