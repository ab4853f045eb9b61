import Foundation
import Testing

/// The allowed roles of a UsernameToken scenario, typed into the real binary in tmux at 80x24, as
/// `wssconsole apply --roles` takes them: the policy holds exactly the names typed, and a name Micro Integrator could
/// never match is refused with the CLI's words before anything is written.
@Suite(.serialized)
struct ApplyRolesEndToEndTests {
    private static let policy = "/conf/policies/OrderProxy.policy.xml"

    /// Opens OrderProxy, selects scenario 8 and presses Enter: the roles form.
    private func openRolesForm(_ tmux: TmuxSession) {
        #expect(tmux.waitFor("Services (6)", "OrderProxy"), "\(tmux.lastScreen)")
        tmux.send("Down", "Down", "Down")
        #expect(tmux.waitFor("> OrderProxy"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Security for OrderProxy", "1  UsernameToken"), "\(tmux.lastScreen)")
        for _ in 1..<8 { tmux.send("Down") }
        #expect(tmux.waitFor { $0.contains(">  8  Sign & Encrypt - Username") }, "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Scenario 8 for OrderProxy", "May call:", "Roles in the user store: admin, operator, everyone."),
                "\(tmux.lastScreen)")
        tmux.send("Down")
    }

    /// The allowed-roles values the policy file holds.
    private func writtenRoles(_ home: String) -> [String] {
        let text = Fixture.read(home + Self.policy) ?? ""
        let marker = "name=\"org.wso2.carbon.security.allowedroles\">"
        return text.components(separatedBy: marker).dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test func rolesTypedInTheConsoleAreWrittenExactly() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }
        openRolesForm(tmux)
        tmux.send("-l", "admin,operator")
        for _ in 0..<4 { tmux.send("Enter") }    // past TTL, Skew and Nonce
        #expect(tmux.waitFor("Apply scenario 8?", "Allowed roles written to the policy: admin,operator", "> Apply <"),
                "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Applied scenario 8"), "\(tmux.lastScreen)")
        #expect(writtenRoles(home) == ["admin,operator"], "\(Fixture.read(home + Self.policy) ?? "no policy")")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }

    /// The roles field is edited as a line: Home, End, Left and Delete as a terminal sends them, typing at the cursor.
    @Test func rolesEditedInTheMiddleAreWrittenAsShown() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }
        openRolesForm(tmux)
        tmux.send("-l", "xdmin,everyone")
        tmux.send("Home", "DC")
        tmux.send("-l", "a")
        tmux.send("End")
        for _ in 0..<8 { tmux.send("Left") }
        tmux.send("-l", "operator,")
        #expect(tmux.waitFor("Roles:", "admin,operator,everyone "), "\(tmux.lastScreen)")
        for _ in 0..<4 { tmux.send("Enter") }    // past TTL, Skew and Nonce
        #expect(tmux.waitFor("Apply scenario 8?", "Allowed roles written to the policy: admin,operator,everyone"),
                "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Applied scenario 8"), "\(tmux.lastScreen)")
        #expect(writtenRoles(home) == ["admin,operator,everyone"], "\(Fixture.read(home + Self.policy) ?? "no policy")")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }

    @Test func aNameWithASpaceIsRefusedAndNothingIsWritten() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let definition = Fixture.read(home + "/conf/services/OrderProxy.xml")
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }
        openRolesForm(tmux)
        tmux.send("-l", " ops")
        for _ in 0..<4 { tmux.send("Enter") }    // past TTL, Skew and Nonce
        // The CLI's words (`apply --roles " ops"`), beside the field and on the status line; the form stays. The mark
        // beside the field comes as soon as Enter leaves it: the status line is the last Enter's, the form refused.
        #expect(tmux.waitFor("! \" ops\" has spaces around it; Micro Integrator compares", "(1 to fix)",
                             "Roles: \" ops\" has spaces around it; Micro Integrator compares names as written"), "\(tmux.lastScreen)")
        // Whole beside the field, wrapped: the status line, no wider, cuts it.
        #expect(tmux.lastScreen.contains("names as written: separate them with a bare comma"), "\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("Roles: \" ops\" has spaces around it; Micro Integrator compares names as written"),
                "\(tmux.lastScreen)")
        tmux.send("Enter")    // still refused
        #expect(tmux.waitFor("Scenario 8 for OrderProxy", "(1 to fix)"), "\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor { !$0.contains("Scenario 8 for OrderProxy") && $0.contains("Security for OrderProxy") }, "\(tmux.lastScreen)")
        #expect(Fixture.read(home + Self.policy) == nil)
        #expect(Fixture.read(home + "/conf/services/OrderProxy.xml") == definition)
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
    }
}
