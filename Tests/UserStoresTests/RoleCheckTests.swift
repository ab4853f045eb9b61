import Testing
import UserStores

@Suite struct RoleCheckTests {
    @Test func decisions() {
        let check = RoleCheck(allowed: ["admin", "ops"])
        #expect(check.decide(roles: ["everyone", "ops"]) == .allowed(role: "ops"))
        #expect(check.decide(roles: ["everyone"]) == .denied(userRoles: ["everyone"], allowed: ["admin", "ops"], caseOnlyMismatch: nil))
        #expect(RoleCheck(allowed: []).decide(roles: []) == .unrestricted)
    }

    /// MI compares role names case-sensitively unless told otherwise; the near miss is named.
    @Test func caseSensitivityIsExplicit() {
        let strict = RoleCheck(allowed: ["Admin"])
        let decision = strict.decide(roles: ["admin"])
        #expect(decision == .denied(userRoles: ["admin"], allowed: ["Admin"], caseOnlyMismatch: "admin"))
        #expect(decision.explanation.contains("differs only in case"))
        #expect(RoleCheck(allowed: ["Admin"], caseInsensitive: true).decide(roles: ["admin"]) == .allowed(role: "Admin"))
    }
}
