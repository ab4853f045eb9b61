import Testing
@testable import WSSecurity

/// The policy in words (`policy check`, the console's custom policy row), read from the model: each line says what
/// the assertions say, and the engine line what EngineCoverage decides.
@Suite struct PolicySummaryTests {
    func summary(_ policy: SecurityPolicy) -> [String: String] {
        Dictionary(uniqueKeysWithValues: PolicySummary(policy).lines.map { ($0.label, $0.text) })
    }

    func scenario(_ number: Int) -> SecurityPolicy { ScenarioCatalogue.scenario(number)!.policy(for: HostSettings()) }

    @Test func eachBindingAndHowTheClientProvesWhoItIs() {
        let one = summary(scenario(1))
        #expect(one["Binding"]?.hasPrefix("transport (HTTPS)") == true)
        #expect(one["Client"] == "proves who it is by a UsernameToken (password as text)")
        let two = summary(scenario(2))
        #expect(two["Binding"]?.hasPrefix("asymmetric: the client's X.509 certificate (sent to the service) and the service's X.509 certificate (never sent)") == true)
        #expect(two["Protects"] == "Body signed; Timestamp signed")
        #expect(two["Client"] == "proves who it is by its X.509 signature")
        #expect(two["Options"] == nil, "scenario 2 is Wss10: no signature confirmation")
        let six = summary(scenario(6))
        #expect(six["Client"] == "anonymous (no proof of who the client is)")
        #expect(six["Options"] == "responses confirm the request's signature")
        #expect(summary(scenario(8))["Protects"] == "Body signed and encrypted; Timestamp signed; UsernameToken signed")
        var encryptedToken = scenario(8)
        encryptedToken.alternative.signedSupportingTokens = []
        encryptedToken.alternative.otherSupportingTokens = [SupportingTokens(kind: .signedEncrypted, tokens: [.username(UsernameToken())])]
        #expect(summary(encryptedToken)["Protects"] == "Body signed and encrypted; Timestamp signed; UsernameToken signed and encrypted")
        #expect(summary(scenario(14))["Client"] == "proves who it is by a UsernameToken (password as text) when the token is issued")
        #expect(summary(scenario(12))["Client"] == "anonymous (no proof of who the client is)")
        #expect(summary(scenario(16))["Binding"]?.contains("Kerberos ticket") == true)
        #expect(summary(scenario(16))["Client"] == "proves who it is by its Kerberos ticket")
    }

    /// A token other than a UsernameToken under a supporting tokens assertion is what the client presents, not
    /// nothing, though the engine does not implement it (the Engine line says so).
    @Test func aSupportingX509OrKerberosTokenIsWhatTheClientPresents() {
        let x509 = Token.x509(X509Token(inclusion: .alwaysToRecipient)), kerberos = Token.kerberos(KerberosToken())
        var signed = scenario(6)
        signed.alternative.signedSupportingTokens = [x509]
        #expect(summary(signed)["Client"] == "presents an X.509 certificate (sp:SignedSupportingTokens; not enforced by the engine)")
        #expect(summary(signed)["Engine"]?.hasPrefix("does not implement it") == true)
        for kind in [SupportingTokens.Kind.supporting, .encrypted, .signedEncrypted] {
            var policy = scenario(6)
            policy.alternative.otherSupportingTokens = [SupportingTokens(kind: kind, tokens: [kerberos])]
            #expect(summary(policy)["Client"] == "presents a Kerberos ticket (sp:\(kind.rawValue); not enforced by the engine)")
        }
        var both = scenario(1)
        both.alternative.otherSupportingTokens = [SupportingTokens(kind: .supporting, tokens: [x509])]
        #expect(summary(both)["Client"] == "proves who it is by a UsernameToken (password as text); "
                + "presents an X.509 certificate (sp:SupportingTokens; not enforced by the engine)")
    }

    @Test func theSuiteOptionsAndTheEngineLine() {
        var policy = scenario(5)
        #expect(summary(policy)["Engine"]?.hasPrefix("enforces all of it") == true)
        policy.alternative.binding.common.algorithmSuite = .tripleDesRsa15
        policy.alternative.binding.common.protectionOrder = .encryptBeforeSigning
        policy.alternative.binding.common.encryptSignature = true
        let lines = summary(policy)
        #expect(lines["Binding"]?.contains("algorithm suite TripleDesRsa15, layout Strict") == true)
        #expect(lines["Options"] == "encrypted before signing (sp:EncryptBeforeSigning); the Signature encrypted (sp:EncryptSignature); "
                + "responses confirm the request's signature")
        #expect(lines["Engine"]?.hasPrefix("enforces all of it") == true, "\(lines)")
        policy.alternative.otherSupportingTokens = [SupportingTokens(kind: .endorsing, tokens: [.x509(X509Token(inclusion: .alwaysToRecipient))])]
        #expect(summary(policy)["Engine"]?.hasPrefix("does not implement it: An endorsing token with sp:EncryptBeforeSigning and sp:EncryptSignature") == true)
        policy.alternative.otherSupportingTokens = [SupportingTokens(kind: .endorsing, tokens: [.username(UsernameToken())])]
        #expect(summary(policy)["Engine"]?.hasPrefix("does not implement it: sp:EndorsingSupportingTokens with these tokens") == true)
    }
}
