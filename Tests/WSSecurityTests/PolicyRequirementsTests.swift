import Testing
@testable import WSSecurity

@Suite struct PolicyRequirementsTests {
    /// The requirements read from each scenario's policy are the ones the catalogue states by hand.
    @Test(arguments: ScenarioCatalogue.all)
    func scenarioPoliciesNeedWhatTheCatalogueSays(_ scenario: Scenario) {
        #expect(PolicyRequirements.requirements(of: scenario.policy(for: HostSettings())) == scenario.requirements,
                "scenario \(scenario.number)")
    }

    /// Read back from the written XML too, as a custom policy file would be.
    @Test func readPoliciesNeedTheSame() throws {
        for scenario in ScenarioCatalogue.all {
            let policy = try PolicyReader.read(PolicyWriter.write(scenario.policy(for: HostSettings())))
            #expect(PolicyRequirements.requirements(of: policy) == scenario.requirements, "scenario \(scenario.number)")
        }
    }

    @Test func supportingTokensAndClientCertificatesAddTheirNeeds() {
        let properties = BindingProperties()
        let transport = PolicyAlternative(binding: .transport(TransportBinding(requireClientCertificate: true, properties: properties)),
                                          otherSupportingTokens: [SupportingTokens(kind: .endorsing, tokens: [.x509(X509Token(inclusion: .always))])])
        #expect(PolicyRequirements.requirements(of: transport) == [.https, .trustedClients])
        let kerberosAndUser = PolicyAlternative(binding: .symmetric(SymmetricBinding(protectionToken: .kerberos(KerberosToken()), properties: properties)),
                                                signedSupportingTokens: [.username(UsernameToken())])
        #expect(PolicyRequirements.requirements(of: kerberosAndUser) == [.kerberos, .userStore])
    }
}
