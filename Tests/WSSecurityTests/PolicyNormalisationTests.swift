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

    static func transport(_ suite: String) -> String {
        """
        <sp:TransportBinding><wsp:Policy><sp:TransportToken><wsp:Policy><sp:HttpsToken RequireClientCertificate="false"/></wsp:Policy></sp:TransportToken>
          <sp:AlgorithmSuite><wsp:Policy><sp:\(suite)/></wsp:Policy></sp:AlgorithmSuite><sp:IncludeTimestamp/></wsp:Policy></sp:TransportBinding>
        """
    }

    static func suite(_ policy: SecurityPolicy) -> AlgorithmSuite? {
        guard case .transport(let binding) = policy.alternative.binding else { return nil }
        return binding.properties.algorithmSuite
    }

    @Test func optionalAssertionsAndChoicesAreAlternativesAndTheFirstIsEnforced() throws {
        let xml = Self.header + """
          <wsp:ExactlyOne>
            <wsp:All>\(Self.transport("Basic256"))<sp:Wss11 wsp:Optional="true"><wsp:Policy><sp:RequireSignatureConfirmation/></wsp:Policy></sp:Wss11></wsp:All>
            <wsp:All>\(Self.transport("Basic128"))</wsp:All>
          </wsp:ExactlyOne></wsp:Policy>
        """
        let policy = try PolicyReader.read(Array(xml.utf8))
        #expect(policy.alternativesOffered == 3, "with Wss11, without it, and the Basic128 one")
        #expect(Self.suite(policy) == .basic256)
        #expect(policy.alternative.wss11 == [.requireSignatureConfirmation], "the first alternative keeps the optional assertion")
    }

    @Test func allCombinesEveryChoiceOfItsChildrenInDocumentOrder() throws {
        let xml = Self.header + """
          <wsp:All>
            <wsp:ExactlyOne>\(Self.transport("Basic128"))\(Self.transport("Basic256Sha256"))</wsp:ExactlyOne>
            <wsp:ExactlyOne><sp:Wss10><wsp:Policy><sp:MustSupportRefKeyIdentifier/></wsp:Policy></sp:Wss10>
              <sp:Wss11><wsp:Policy><sp:MustSupportRefThumbprint/></wsp:Policy></sp:Wss11></wsp:ExactlyOne>
          </wsp:All></wsp:Policy>
        """
        let policy = try PolicyReader.read(Array(xml.utf8))
        #expect(policy.alternativesOffered == 4)
        #expect(Self.suite(policy) == .basic128)
        #expect(policy.alternative.wss10 == [.mustSupportRefKeyIdentifier] && policy.alternative.wss11 == nil)
        // The writer writes the enforced alternative alone: read back, it is the only one.
        let written = try PolicyReader.read(PolicyWriter.write(policy))
        #expect(written.alternative == policy.alternative && written.alternativesOffered == 1)
    }

    @Test func choicesThatMultiplyBeyondTheLimitAreRefused() {
        let optional = "<sp:SignedParts wsp:Optional=\"true\"><sp:Body/></sp:SignedParts>"
        let xml = Self.header + Self.transport("Basic256") + String(repeating: optional, count: 7) + "</wsp:Policy>"
        do { _ = try PolicyReader.read(Array(xml.utf8)); Issue.record("accepted 128 alternatives") } catch {
            #expect(error.code == .unsupported && error.message.contains("more than 64 alternatives"), "\(error)")
        }
        let six = Self.header + Self.transport("Basic256") + String(repeating: optional, count: 6) + "</wsp:Policy>"
        #expect((try? PolicyReader.read(Array(six.utf8)))?.alternativesOffered == 64)
    }
}
