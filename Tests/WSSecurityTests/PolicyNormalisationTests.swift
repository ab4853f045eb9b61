import Testing
import SecureXML
@testable import WSSecurity

/// WS-Policy normalisation and the assertions beyond WSO2's sixteen files.
@Suite struct PolicyNormalisationTests {
    static let header = """
    <wsp:Policy xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" xmlns:sp="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy"
        xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" wsu:Id="Outer">
    """

    @Test func policyReferenceToASameDocumentIdIsInlined() throws {
        let xml = Self.header + """
          <wsp:ExactlyOne><wsp:All><wsp:PolicyReference URI="#Inner"/><sp:Wss11><wsp:Policy><sp:RequireSignatureConfirmation/></wsp:Policy></sp:Wss11></wsp:All></wsp:ExactlyOne>
          <wsp:Policy wsu:Id="Inner"><sp:AsymmetricBinding><wsp:Policy>
            <sp:InitiatorToken><wsp:Policy><sp:X509Token sp:IncludeToken="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy/IncludeToken/AlwaysToRecipient"><wsp:Policy><sp:WssX509V3Token10/></wsp:Policy></sp:X509Token></wsp:Policy></sp:InitiatorToken>
            <sp:RecipientToken><wsp:Policy><sp:X509Token sp:IncludeToken="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy/IncludeToken/Never"><wsp:Policy><sp:WssX509V3Token10/></wsp:Policy></sp:X509Token></wsp:Policy></sp:RecipientToken>
            <sp:AlgorithmSuite><wsp:Policy><sp:Basic128Rsa15/></wsp:Policy></sp:AlgorithmSuite>
            <sp:ProtectTokens/><sp:EncryptSignature wsp:Optional="true"/><sp:EncryptBeforeSigning/>
          </wsp:Policy></sp:AsymmetricBinding></wsp:Policy>
        </wsp:Policy>
        """
        let policy = try PolicyReader.read(Array(xml.utf8))
        guard case .asymmetric(let binding) = policy.alternative.binding else { Issue.record("binding"); return }
        #expect(binding.properties.algorithmSuite == .basic128Rsa15)
        #expect(binding.properties.protectTokens && binding.properties.encryptSignature)
        #expect(binding.properties.protectionOrder == .encryptBeforeSigning)
        #expect(policy.alternative.wss11 == [.requireSignatureConfirmation])
        #expect(try PolicyReader.read(PolicyWriter.write(policy)) == policy)
    }

    @Test func externalOrCyclicReferencesAreRefused() {
        for target in ["http://example.com/policy.xml", "#Outer"] {
            let xml = Self.header + "<wsp:PolicyReference URI=\"\(target)\"/></wsp:Policy>"
            do { _ = try PolicyReader.read(Array(xml.utf8)); Issue.record("accepted \(target)") } catch { #expect(error.code == .unsupported) }
        }
    }

    @Test func supportingTokensHashPasswordAndTrust13RoundTrip() throws {
        let xml = Self.header + """
          <sp:TransportBinding><wsp:Policy><sp:TransportToken><wsp:Policy><sp:HttpsToken RequireClientCertificate="false"/></wsp:Policy></sp:TransportToken>
            <sp:AlgorithmSuite><wsp:Policy><sp:Basic256Sha256/></wsp:Policy></sp:AlgorithmSuite><sp:IncludeTimestamp/></wsp:Policy></sp:TransportBinding>
          <sp:SupportingTokens><wsp:Policy><sp:UsernameToken sp:IncludeToken="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy/IncludeToken/AlwaysToRecipient"><wsp:Policy><sp:HashPassword/><sp:WssUsernameToken11/></wsp:Policy></sp:UsernameToken></wsp:Policy></sp:SupportingTokens>
          <sp:Trust13><wsp:Policy><sp:RequireClientEntropy/><sp:RequireAppliesTo/></wsp:Policy></sp:Trust13>
        </wsp:Policy>
        """
        let policy = try PolicyReader.read(Array(xml.utf8))
        #expect(policy.alternative.otherSupportingTokens == [SupportingTokens(kind: .supporting, tokens: [
            .username(UsernameToken(inclusion: .alwaysToRecipient, profile: "WssUsernameToken11", hashPassword: true))])])
        #expect(policy.alternative.trust13 == [.requireClientEntropy, .requireAppliesTo])
        #expect(policy.alternative.requiresUsernameToken && !policy.alternative.signsUsernameToken)
        #expect(try PolicyReader.read(PolicyWriter.write(policy)) == policy)
    }
}
