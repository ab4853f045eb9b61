import Testing
@testable import WSSecurity

@Suite struct ScenarioCatalogueTests {
    @Test func hasSixteenNumberedScenariosWithUniqueIds() {
        #expect(ScenarioCatalogue.all.map(\.number) == Array(1...16))
        #expect(Set(ScenarioCatalogue.all.map(\.wsuId)).count == 16)
        for s in ScenarioCatalogue.all {
            #expect(!s.protects.isEmpty && !s.clientNeeds.isEmpty && !s.diagram.isEmpty, "scenario \(s.number)")
            #expect(ScenarioCatalogue.scenario(wsuId: s.wsuId) == s)
        }
        #expect(ScenarioCatalogue.scenario(0) == nil)
        #expect(ScenarioCatalogue.scenario(17) == nil)
    }

    @Test func shapesFollowWSO2Matrix() {
        // Scenario 1 is the only transport binding; 2 and 5 are asymmetric with a client certificate sent.
        #expect(ScenarioCatalogue.all.filter { if case .transport = $0.alternative.binding { true } else { false } }.map(\.number) == [1])
        for n in [2, 5] {
            guard case .asymmetric(let b) = ScenarioCatalogue.scenario(n)!.alternative.binding else { Issue.record("\(n)"); continue }
            #expect(b.initiatorToken == .x509(X509Token(inclusion: .alwaysToRecipient)))
            #expect(b.properties.layout == .strict)
        }
        // 9-15 use a SecureConversationToken; 9-11 bootstrap asymmetric, 14-15 add a UsernameToken in the bootstrap.
        for n in 9...15 {
            guard case .symmetric(let b) = ScenarioCatalogue.scenario(n)!.alternative.binding,
                  case .secureConversation(let sct) = b.protectionToken else { Issue.record("\(n)"); continue }
            if case .asymmetric = sct.bootstrap.binding { #expect(n <= 11) } else { #expect(n >= 12) }
            #expect(sct.bootstrap.signedSupportingTokens.isEmpty == (n < 14))
        }
        // Usernames are needed exactly by 1, 7, 8, 14, 15.
        #expect(ScenarioCatalogue.all.filter(\.usesAllowedRoles).map(\.number) == [1, 7, 8, 14, 15])
    }

    @Test func microIntegratorPoliciesUseMIClassNames() {
        let policy = ScenarioCatalogue.scenario(5)!.policy(for: HostSettings(runtime: .microIntegrator))
        #expect(policy.rampart?.signatureCrypto?.provider == "org.wso2.micro.integrator.security.util.ServerCrypto")
        let carbon = ScenarioCatalogue.scenario(5)!.policy(for: HostSettings(runtime: .carbon))
        #expect(carbon.rampart?.signatureCrypto?.provider == "org.wso2.carbon.security.util.ServerCrypto")
    }
}
