import Foundation
import Testing

/// `apply --timestamp-ttl --timestamp-skew --nonce-lifetime` and validation's replay.window finding. With WSO2's
/// numbers (300 s each) a UsernameToken request stays acceptable 900 s after it first arrives while its nonce is
/// remembered 300 s: validate says so, and the fix it prints (`--nonce-lifetime 900`) closes it. The numbers could
/// not be changed short of writing a custom policy.
@Suite struct ApplyFreshnessCommandTests {
    private let policy = "conf/policies/OrderProxy.policy.xml"

    private func apply(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy"] + arguments)
    }

    @Test func theReplayWindowIsFoundAndItsFixClosesIt() throws {
        let home = try TempHome()
        #expect(try apply(home, ["--scenario", "1", "--roles", "admin"]).status == 0)
        let before = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy", "--no-self-test"])
        #expect(before.stdout.contains("replay.window"), "\(before.all)")
        #expect(before.stdout.contains("replayed more than 300 s and up to 900 s after it first arrived is accepted again"), "\(before.all)")
        // Rampart's clients send no Nonce with a text password: told, with the span, and not fixed by nonceLifeTime.
        #expect(before.stdout.contains("replay.noNonce"), "\(before.all)")
        // As printed, naming the home: pasted, it acts on it.
        let command = "wssconsole --home \(home.root) apply --service OrderProxy --scenario 1 --nonce-lifetime 900"
        #expect(before.stdout.contains(command), "\(before.all)")

        let fix = try CLI.run(Array(command.split(separator: " ").dropFirst().map(String.init)))
        #expect(fix.status == 0, "\(fix.all)")
        let text = try #require(home.text(policy))
        #expect(text.contains("<rampart:nonceLifeTime>900</rampart:nonceLifeTime>") && text.contains("<rampart:timestampTTL>300</rampart:timestampTTL>"))
        let after = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy", "--no-self-test"])
        #expect(!after.stdout.contains("replay.window") && after.stdout.contains("replay.noNonce"), "\(after.all)")
    }

    /// Like the roles, the numbers a service's policy has stay when a scenario is applied again without them.
    @Test func theNumbersStayOnReapply() throws {
        let home = try TempHome()
        let set = try apply(home, ["--scenario", "8", "--roles", "admin", "--timestamp-ttl", "120", "--timestamp-skew", "30", "--nonce-lifetime", "180"])
        #expect(set.status == 0, "\(set.all)")
        // TTL 120 + 2 x 30 s: nonceLifeTime 180 covers the span (apply prints the offline findings, without codes).
        #expect(!set.stdout.contains("rampart:nonceLifeTime remembers") && set.stdout.contains("accepted again up to 180 s"), "\(set.all)")
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
                                  // Apart, a negative number is not taken for an option (the parser said the value was missing).
                                  (["--scenario", "1", "--nonce-lifetime", "-5"], "--nonce-lifetime -5: a nonceLifeTime of -5 s remembers no nonce"),
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

    /// Strict, enableTTLCheck with a timestampTTL beyond the skew refuses every request as it is sent. The self-test
    /// shows it on a home with a client; `policy check` runs none and told only the replay's span.
    @Test func aTTLBeyondTheSkewUnderEnableTTLCheckIsAnError() throws {
        let home = try TempHome()
        #expect(try apply(home, ["--scenario", "1", "--timestamp-ttl", "600"]).status == 0)
        let text = try #require(home.text(policy))
        let strict = text.replacingOccurrences(of: "<rampart:timestampStrict>false</rampart:timestampStrict>",
                                               with: "<rampart:timestampStrict>true</rampart:timestampStrict><rampart:enableTTLCheck>true</rampart:enableTTLCheck>")
        #expect(strict != text)
        let file = home.root + "/strict.policy.xml"
        try Data(strict.utf8).write(to: URL(fileURLWithPath: file))
        let check = try CLI.run(["policy", "check", file])
        #expect(check.stdout.contains("refuses every request as it is sent") && check.stdout.contains("first accepted 300 s after it was created [rampart.timestampTTL]"), "\(check.all)")
        let plain = try CLI.run(["policy", "check", home.root + "/" + policy])
        #expect(plain.status == 0 && !plain.stdout.contains("rampart.timestampTTL"), "\(plain.all)")
    }
}
