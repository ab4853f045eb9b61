import Foundation
import Testing

/// Arguments of the wrong shape are bad usage (exit 2) naming the option and what it accepts, like --keysize,
/// and are refused before any keystore is opened or password asked for.
@Suite struct KeystoreArgumentTests {
    func run(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["keystore"] + arguments + ["--home", home.root, "--dry-run"], environment: ["SP": "demo-service-pass"])
    }

    @Test(arguments: [
        (["--dname", "garbage"], ["--dname", "TYPE=value", "CN="]),
        (["--validity", "0"], ["--validity 0", "1 to 36500 days"]),
        (["--validity", "99999999"], ["--validity 99999999", "1 to 36500 days"]),
        (["--san", "ip:999.1.1.1"], ["--san ip:999.1.1.1", "IPv4 or IPv6 address"]),
        (["--san", "dns:a,b"], ["--san dns:a,b", "host name"]),
        (["--keysize", "1024"], ["--keysize 1024", "2048, 3072 or 4096"]),
    ])
    func genkeyRefusesABadShapeAsUsage(_ bad: [String], _ said: [String]) throws {
        let home = try TempHome()
        var arguments = ["genkey", "--alias", "fresh", "--dname", "CN=fresh", "--storepass-env", "SP"]
        if let at = arguments.firstIndex(of: bad[0]) { arguments.removeSubrange(at...at + 1) }
        let result = try run(home, arguments + bad)
        #expect(result.status == 2, "\(result.all)")
        for text in said { #expect(result.stderr.contains(text), "\(result.stderr)") }
    }

    @Test func anEmptyAliasIsUsageInEveryCommandThatTakesOne() throws {
        let home = try TempHome()
        let commands: [[String]] = [
            ["genkey", "--alias", "", "--dname", "CN=x"], ["show", "--alias", ""], ["csr", "--alias", ""], ["export", "--alias", ""],
            ["delete", "--alias", ""], ["rename", "--alias", "", "--to", "b"], ["import", "--alias", " ", "--file", "x.pem"],
            ["passwd", "--alias", ""],
        ]
        for command in commands {
            let result = try run(home, command + ["--storepass-env", "SP"])
            #expect(result.status == 2 && result.stderr.contains("--alias is empty"), "\(command): \(result.all)")
        }
        let to = try run(home, ["rename", "--alias", "client", "--to", "", "--storepass-env", "SP"])
        #expect(to.status == 2 && to.stderr.contains("--to is empty"), "\(to.all)")
    }

    @Test func aValidGenkeyStillPasses() throws {
        let home = try TempHome()
        let result = try run(home, ["genkey", "--alias", "fresh", "--dname", "CN=fresh.example.com,O=Example", "--validity", "36500",
                                    "--san", "ip:::1", "--san", "ip:10.0.0.1", "--san", "dns:fresh.example.com", "--keyalg", "ec",
                                    "--storepass-env", "SP"])
        #expect(result.status == 0, "\(result.all)")
    }
}
