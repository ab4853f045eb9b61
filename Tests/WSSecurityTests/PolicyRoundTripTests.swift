import Testing
import SecureXML
@testable import WSSecurity

@Suite struct PolicyRoundTripTests {
    static let host = HostSettings(keyAlias: "service", keystore: "wssdemo-service.p12", truststore: "wssdemo-service.p12",
                                   allowedRoles: ["admin", "ops"], servicePrincipal: "HTTP/localhost@EXAMPLE.COM")

    @Test(arguments: 1...16)
    func generatedPolicyReadsBackIntoTheSameModel(number: Int) throws {
        let policy = ScenarioCatalogue.scenario(number)!.policy(for: Self.host)
        let bytes = PolicyWriter.write(policy)
        let read = try PolicyReader.read(bytes)
        #expect(read == policy)
    }

    @Test func generatedPolicyUsesWSO2Namespaces() throws {
        let text = String(decoding: PolicyWriter.write(ScenarioCatalogue.scenario(2)!.policy(for: Self.host)), as: UTF8.self)
        #expect(text.contains("xmlns:wsp=\"http://schemas.xmlsoap.org/ws/2004/09/policy\""))
        #expect(text.contains("xmlns:sp=\"http://schemas.xmlsoap.org/ws/2005/07/securitypolicy\""))
        #expect(text.contains("wsu:Id=\"SigOnly\""))
        #expect(text.contains("<sp:AsymmetricBinding>"))
    }

    @Test func readsWS_Policy15AndSP12() throws {
        let xml = """
        <p:Policy xmlns:p="http://www.w3.org/ns/ws-policy" xmlns:s="http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702">
          <s:SymmetricBinding><p:Policy>
            <s:ProtectionToken><p:Policy><s:X509Token s:IncludeToken="http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702/IncludeToken/Never"><p:Policy><s:WssX509V3Token10/></p:Policy></s:X509Token></p:Policy></s:ProtectionToken>
            <s:AlgorithmSuite><p:Policy><s:Basic128Sha256/></p:Policy></s:AlgorithmSuite>
            <s:Layout><p:Policy><s:Strict/></p:Policy></s:Layout>
          </p:Policy></s:SymmetricBinding>
        </p:Policy>
        """
        let policy = try PolicyReader.read(Array(xml.utf8))
        guard case .symmetric(let b) = policy.alternative.binding else { Issue.record("binding"); return }
        #expect(b.properties.algorithmSuite == .basic128Sha256)
        #expect(b.protectionToken == .x509(X509Token(inclusion: .never, references: [])))
    }

    @Test func rejectsWhatItCannotRepresent() {
        #expect(throws: PolicyError.self) { try PolicyReader.read(Array("<x/>".utf8)) }
        let two = """
        <wsp:Policy xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"><wsp:ExactlyOne><wsp:All/><wsp:All/></wsp:ExactlyOne></wsp:Policy>
        """
        do { _ = try PolicyReader.read(Array(two.utf8)); Issue.record("accepted an empty first alternative") } catch { #expect(error.code == .missingBinding) }
        let none = #"<wsp:Policy xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"><wsp:ExactlyOne/></wsp:Policy>"#
        do { _ = try PolicyReader.read(Array(none.utf8)); Issue.record("accepted no alternative") } catch { #expect(error.code == .noAlternative) }
        let noBinding = #"<wsp:Policy xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"/>"#
        do { _ = try PolicyReader.read(Array(noBinding.utf8)); Issue.record("accepted no binding") } catch { #expect(error.code == .missingBinding) }
    }

    /// WS-SecurityPolicy 1.2 §4.1.1 and §4.2.1: an empty sp:SignedParts signs the Body and every header, an empty
    /// sp:EncryptedParts encrypts the Body; both written back empty or equivalent.
    @Test func emptyPartsNameTheBody() throws {
        let scenario5 = String(decoding: PolicyWriter.write(ScenarioCatalogue.scenario(5)!.policy(for: Self.host)), as: UTF8.self)
        let empty = scenario5.replacing(/<sp:SignedParts>.*?<\/sp:SignedParts>/.dotMatchesNewlines(), with: "<sp:SignedParts/>")
            .replacing(/<sp:EncryptedParts>.*?<\/sp:EncryptedParts>/.dotMatchesNewlines(), with: "<sp:EncryptedParts/>")
        #expect(empty.contains("<sp:SignedParts/>") && empty.contains("<sp:EncryptedParts/>"), "\(empty)")
        let policy = try PolicyReader.read(Array(empty.utf8))
        #expect(policy.alternative.signedParts == MessageParts(body: true, allHeaders: true))
        #expect(policy.alternative.encryptedParts == MessageParts(body: true))
        #expect(try PolicyReader.read(PolicyWriter.write(policy)) == policy)
    }

    /// A token's nested assertion the engine does not implement is kept, written back, and refused by name rather
    /// than ignored (sp:RequireDerivedKeys used to be read as the token type, sp:NoPassword dropped).
    @Test func unimplementedTokenAssertionsAreKeptAndRefused() throws {
        let scenario8 = String(decoding: PolicyWriter.write(ScenarioCatalogue.scenario(8)!.policy(for: Self.host)), as: UTF8.self)
        for (from, to, name) in [("<sp:RequireThumbprintReference/>", "<sp:RequireDerivedKeys/><sp:RequireThumbprintReference/>", "RequireDerivedKeys"),
                                 ("<sp:WssUsernameToken10/>", "<sp:NoPassword/><sp:WssUsernameToken10/>", "NoPassword")] {
            let text = scenario8.replacingOccurrences(of: from, with: to)
            #expect(text != scenario8, "\(from) is in scenario 8's policy")
            let policy = try PolicyReader.read(Array(text.utf8))
            #expect(policy.alternative.tokens.contains { $0.unsupported == [name] }, "\(policy.alternative.tokens)")
            #expect(try PolicyReader.read(PolicyWriter.write(policy)) == policy)
            let error = #expect(throws: SecurityFault.self) { try EngineCoverage.check(policy) }
            #expect(error?.code == .notImplemented && error?.message.contains("sp:\(name)") == true, "\(String(describing: error))")
        }
    }

    /// An algorithm suite or layout it does not know is named, with the ones it knows.
    @Test func anUnknownSuiteIsNamedWithTheKnownOnes() throws {
        let scenario2 = String(decoding: PolicyWriter.write(ScenarioCatalogue.scenario(2)!.policy(for: Self.host)), as: UTF8.self)
        let odd = scenario2.replacingOccurrences(of: "<sp:Basic256/>", with: "<sp:Basic256Sha256Rsa15/>")
        #expect(odd != scenario2)
        let error = #expect(throws: PolicyError.self) { try PolicyReader.read(Array(odd.utf8)) }
        #expect(error?.message.contains("an unknown value, sp:Basic256Sha256Rsa15; known: sp:Basic256, sp:Basic192") == true, "\(String(describing: error))")
    }

    @Test func notXMLNamesItsLineOnce() {
        do { _ = try PolicyReader.read([0x8f, 0x01, 0xfe, 0x20]); Issue.record("accepted garbage") } catch {
            #expect(error.code == .notXML && error.line == 1)
            #expect(error.description.hasPrefix("line 1: ") && !error.message.hasPrefix("line "), "\(error.description)")
        }
    }
}
