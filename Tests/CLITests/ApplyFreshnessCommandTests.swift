import Foundation
import Testing

/// `apply --timestamp-ttl --timestamp-skew --nonce-lifetime`: the RampartConfig's freshness numbers, which could not be
/// changed short of writing a custom policy.
@Suite struct ApplyFreshnessCommandTests {
    private let policy = "conf/policies/OrderProxy.policy.xml"

    private func apply(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy"] + arguments)
    }

    /// Like the roles, the numbers a service's policy has stay when a scenario is applied again without them.
    @Test func theNumbersStayOnReapply() throws {
        let home = try TempHome()
        let set = try apply(home, ["--scenario", "8", "--roles", "admin", "--timestamp-ttl", "120", "--timestamp-skew", "30", "--nonce-lifetime", "180"])
        #expect(set.status == 0, "\(set.all)")
        for arguments in [["--scenario", "7"], ["--scenario", "8", "--timestamp-skew", "0"]] {
            #expect(try apply(home, arguments).status == 0)
        }
        let text = try #require(home.text(policy))
        for kept in ["<rampart:timestampTTL>120<", "<rampart:timestampMaxSkew>0<", "<rampart:nonceLifeTime>180<", "allowedroles\">admin<"] {
            #expect(text.contains(kept), "\(kept)")
        }
        // A dry run shows the one line it changes, and writes nothing.
        let dry = try apply(home, ["--scenario", "8", "--nonce-lifetime", "240", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("-    <rampart:nonceLifeTime>180</rampart:nonceLifeTime>")
                && dry.stdout.contains("+    <rampart:nonceLifeTime>240</rampart:nonceLifeTime>"), "\(dry.all)")
        #expect(home.text(policy) == text)
    }

    /// Numbers that mean nothing, or that Micro Integrator cannot read, are bad usage (exit 2) and nothing is written;
    /// so are the options with a custom policy, written unchanged, and a nonce lifetime for a scenario without one.
    @Test func nonsenseIsRefused() throws {
        let home = try TempHome()
        let file = home.root + "/custom.policy.xml"
        for (arguments, says) in [(["--scenario", "1", "--nonce-lifetime", "0"], "--nonce-lifetime 0: a nonceLifeTime of 0 s remembers no nonce"),
                                  (["--scenario", "1", "--timestamp-ttl", "0"], "Rampart's clients send no Expires"),
                                  (["--scenario", "1", "--timestamp-ttl=-5"], "before its Created"),
                                  (["--scenario", "1", "--timestamp-skew=-1"], "give 0 for no skew"),
                                  (["--scenario", "1", "--timestamp-ttl", "2147483648"], "at most 2147483647"),
                                  (["--scenario", "1", "--nonce-lifetime", "99999999999999999999"], "nonce-lifetime"),
                                  (["--scenario", "2", "--nonce-lifetime", "900"], "UsernameToken scenarios"),
                                  (["--policy", file, "--timestamp-ttl", "60"], "put rampart:timestampTTL")] {
            let run = try apply(home, arguments)
            #expect(run.status == 2 && run.stderr.contains(says), "\(arguments): \(run.all)")
            #expect(home.text(policy) == nil)
        }
    }
}
