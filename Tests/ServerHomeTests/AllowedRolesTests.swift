import Testing
import Foundation
@testable import ServerHome

/// The one rule for roles an operator gives (`apply --roles` and the console's roles form): split at commas, kept as
/// written, and refused when Micro Integrator could never match a name.
@Suite struct AllowedRolesTests {
    @Test func namesAreSplitAtCommasAsWritten() throws {
        #expect(try AllowedRoles.parse("admin,operator") == ["admin", "operator"])
        #expect(try AllowedRoles.parse("admin") == ["admin"])
        // A blank inside a name is part of it (an LDAP group "Domain Users"); "" names none: every authenticated user.
        #expect(try AllowedRoles.parse("Domain Users,ops") == ["Domain Users", "ops"])
        #expect(try AllowedRoles.parse("") == [])
    }

    @Test func namesMicroIntegratorCannotMatchAreRefused() {
        for (text, name) in [(" ops", " ops"), ("admin, operator", " operator"), ("admin ,ops", "admin "),
                             ("admin,,ops", ""), ("admin,", ""), (",", ""), ("admin\t", "admin\t"), (" ", " "),
                             // A line break beside a comma too, as validation (roles.whitespace) judges it.
                             ("admin\n,ops", "admin\n")] {
            #expect(throws: AllowedRoles.Refusal(name: name), "\(text)") { try AllowedRoles.parse(text) }
        }
    }

    /// `apply --roles` with a control character inside a name wrote a policy file no XML parser reads (MI's neither).
    @Test func aControlCharacterInANameIsRefused() throws {
        for (text, name) in [("adm\u{1}in,ops", "adm\u{1}in"), ("ops,a\u{7F}b", "a\u{7F}b"), ("a\u{85}b", "a\u{85}b")] {
            #expect(throws: AllowedRoles.Refusal(name: name), "\(text)") { try AllowedRoles.parse(text) }
        }
        #expect(AllowedRoles.Refusal(name: "adm\u{1}in").description
                == #""adm\u{01}in" holds a control character, which no role name has and the policy file cannot carry"#)
    }

    /// The CLI and the console show these words (the CLI after `--roles "…": `).
    @Test func theRefusalSaysWhyAndWhatToDo() {
        #expect(AllowedRoles.Refusal(name: " ops").description
                == "\" ops\" has spaces around it; Micro Integrator compares names as written: separate them with a bare comma")
        #expect(AllowedRoles.Refusal(name: "").description
                == "an empty name; Micro Integrator compares names as written: separate them with a bare comma")
    }

    /// What the console's form starts from: the policy's roles as written, the proxy's allowRoles parameter, and the
    /// embedded store's roles to compare with.
    @Test func aServiceRolesAreReadFromItsPolicyAndDefinition() throws {
        let t = try TestHome()
        let none = t.home.allowedRoles(of: "OrderProxy")
        #expect(none.policy == [] && none.proxyParameter == [] && none.known == ["admin", "operator", "everyone"])
        var options = ScenarioOptions()
        options.allowedRoles = ["admin", "nosuchrole"]
        try t.home.commit(t.home.planApply(scenario: 8, to: "OrderProxy", options: options), note: "test")
        let definition = "conf/services/OrderProxy.xml"
        let original = try #require(t.text(definition))
        try t.write(definition, original.replacingOccurrences(of: "    <description>", with: "    <parameter name=\"allowRoles\"> operator,reader </parameter>\n    <description>"))
        let roles = t.home.allowedRoles(of: "OrderProxy")
        #expect(roles.policy == ["admin", "nosuchrole"])
        #expect(roles.proxyParameter == ["operator", "reader"])
        #expect(roles.unknown(["admin", "nosuchrole", "Operator"]) == ["nosuchrole", "Operator"])
    }
}
