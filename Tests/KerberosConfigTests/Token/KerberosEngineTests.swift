import Foundation
import KerberosConfig
import KeyMaterial
import ServerHome
import Testing
import WSSecurity

/// Scenario 16 in the engine with real Kerberos (the KDC of tests/kdc.sh): the client's request carries the GSS AP-REQ
/// and is signed with its session key; the service opens the token with its keytab; the response is signed with the
/// same key and names the token by its SHA-1.
@Suite struct KerberosEngineTests {
    let kdc = TestKDC.shared

    var policy: SecurityPolicy { ScenarioCatalogue.scenario(16)!.policy(for: HostSettings(servicePrincipal: kdc.servicePrincipal)) }
    var engine: SecurityEngine { SecurityEngine(policy: policy) }

    /// Scenario 16 under `suite`, with the Body encrypted too.
    func encryptingEngine(_ suite: AlgorithmSuite) -> SecurityEngine {
        var policy = self.policy
        policy.alternative.binding.common.algorithmSuite = suite
        policy.alternative.encryptedParts = MessageParts()
        return SecurityEngine(policy: policy)
    }

    static let request = Data(#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><m:order xmlns:m="urn:example:orders">two boxes</m:order></soapenv:Body></soapenv:Envelope>"#.utf8)
    static let response = Data(#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><m:ok xmlns:m="urn:example:orders"/></soapenv:Body></soapenv:Envelope>"#.utf8)

    func ticket() throws -> KerberosTicket {
        let folder = try TempFolder()
        let made = try KerberosTokens.request(configPath: try folder.write("krb5.conf", kdc.krb5Conf()), client: kdc.userPrincipal,
                                              credential: .password(Secret(kdc.userPassword)), service: kdc.servicePrincipal)
        return KerberosTicket(token: made.token, sessionKey: made.sessionKey)
    }

    func client(_ direction: MessageDirection = .request, ticket: KerberosTicket? = nil, request: RequestContext? = nil) -> SecurityContext {
        var context = SecurityContext(role: .client, direction: direction, transport: .http, requestContext: request)
        context.kerberosTicket = ticket
        return context
    }

    func service(_ direction: MessageDirection = .request, keytab: String? = nil, request: RequestContext? = nil) -> SecurityContext {
        var context = SecurityContext(role: .service, direction: direction, transport: .http, requestContext: request)
        context.kerberosAcceptor = KeytabAcceptor(keytab: keytab ?? kdc.serviceKeytab, service: kdc.servicePrincipal)
        return context
    }

    func fault(_ body: () throws -> Void) -> SecurityFault? {
        do { try body() } catch let fault as SecurityFault { return fault } catch { Issue.record("not a SecurityFault: \(error)") }
        return nil
    }

    @Test func aRequestAndItsResponseUnderAKerberosToken() throws {
        let secured = try engine.secured(Self.request, context: client(ticket: try ticket()))
        let text = String(decoding: secured.envelope, as: UTF8.self)
        #expect(text.contains("#GSS_Kerberosv5_AP_REQ"))
        let verified = try engine.verify(secured.envelope, context: service())
        #expect(verified.principal == kdc.userPrincipal)
        #expect(verified.checks.contains { $0.contains("Timestamp, Body signed by the session key") }, "\(verified.checks)")
        #expect(verified.checks.contains("Kerberos token of \(kdc.userPrincipal) accepted with the service's keys"))

        let response = try engine.secured(Self.response, context: service(.response, request: verified.requestContext))
        let responseText = String(decoding: response.envelope, as: UTF8.self)
        #expect(responseText.contains("#Kerberosv5APREQSHA1") && !responseText.contains("GSS_Kerberosv5_AP_REQ\">"))
        let accepted = try engine.verify(response.envelope, context: client(.response, request: secured.requestContext))
        #expect(accepted.checks.contains("SignatureConfirmation matches the request's signatures"), "\(accepted.checks)")
    }

    /// sp:EncryptSignature and sp:EncryptBeforeSigning with the Kerberos token's session key: a request and its
    /// response, each with the option's checks. Scenario 16 signs only, so the Body is encrypted too for the order
    /// to matter.
    @Test(arguments: ["EncryptSignature", "EncryptBeforeSigning", "EncryptBeforeSigning+EncryptSignature"])
    func protectionOptionsUnderAKerberosToken(option: String) throws {
        var policy = self.policy
        if option.hasSuffix("EncryptSignature") { policy.alternative.binding.common.encryptSignature = true }
        if option.hasPrefix("EncryptBeforeSigning") {
            policy.alternative.binding.common.protectionOrder = .encryptBeforeSigning
            policy.alternative.encryptedParts = MessageParts()
        }
        let both = option.contains("+")
        let option = option.hasPrefix("EncryptBeforeSigning") ? "EncryptBeforeSigning" : option
        let engine = SecurityEngine(policy: policy)
        let expected = option == "EncryptSignature" ? "Signature encrypted (sp:EncryptSignature)" : "Body encrypted before it was signed (sp:EncryptBeforeSigning)"
        let secured = try engine.secured(Self.request, context: client(ticket: try ticket()))
        #expect(secured.actions.contains { $0.contains("sp:\(option)") }, "\(secured.actions)")
        let verified = try engine.verify(secured.envelope, context: service())
        #expect(verified.checks.contains { $0.contains(expected) }, "\(verified.checks)")
        #expect(!both || verified.checks.contains { $0.contains("Signature encrypted (sp:EncryptSignature)") }, "\(verified.checks)")
        #expect(verified.principal == kdc.userPrincipal)
        let response = try engine.secured(Self.response, context: service(.response, request: verified.requestContext))
        #expect(response.actions.contains { $0.contains("sp:\(option)") }, "\(response.actions)")
        let accepted = try engine.verify(response.envelope, context: client(.response, request: secured.requestContext))
        #expect(accepted.checks.contains { $0.contains(expected) }, "\(accepted.checks)")
    }

    /// The ticket's session key (aes256-cts, 32 bytes) under a suite with a shorter key: cut to the cipher's length
    /// for encryption, as WSS4J does, and used whole for the HMAC signature.
    @Test(arguments: [AlgorithmSuite.basic128, .tripleDes])
    func aSuiteWithAShorterKeyUsesTheSessionKeysFirstBytes(suite: AlgorithmSuite) throws {
        let engine = encryptingEngine(suite)
        let ticket = try ticket()
        #expect(ticket.sessionKey.count > 24, "the KDC issues aes256-cts keys")
        let cipher = suite == .basic128 ? "aes128-cbc" : "tripledes-cbc"
        let secured = try engine.secured(Self.request, context: client(ticket: ticket))
        #expect(String(decoding: secured.envelope, as: UTF8.self).contains("xmlenc#\(cipher)"))
        let verified = try engine.verify(secured.envelope, context: service())
        #expect(verified.checks.contains("Body encrypted (\(cipher)) and decrypted"), "\(verified.checks)")
        let response = try engine.secured(Self.response, context: service(.response, request: verified.requestContext))
        let accepted = try engine.verify(response.envelope, context: client(.response, request: secured.requestContext))
        #expect(accepted.checks.contains("Body encrypted (\(cipher)) and decrypted"), "\(accepted.checks)")
    }

    @Test func aResponseSignedWithAnotherRequestsKeyIsRefused() throws {
        let first = try engine.secured(Self.request, context: client(ticket: try ticket()))
        let second = try engine.secured(Self.request, context: client(ticket: try ticket()))
        let verified = try engine.verify(first.envelope, context: service())
        let response = try engine.secured(Self.response, context: service(.response, request: verified.requestContext))
        let refused = fault { _ = try engine.verify(response.envelope, context: client(.response, request: second.requestContext)) }
        #expect(refused?.code == .securityTokenUnavailable, "\(String(describing: refused))")
    }

    @Test func aTamperedBodyAReplayAndAWrongKeytabAreRefused() throws {
        let secured = try engine.secured(Self.request, context: client(ticket: try ticket()))
        let tampered = Data(String(decoding: secured.envelope, as: UTF8.self).replacingOccurrences(of: "two boxes", with: "ten boxes").utf8)
        #expect(fault { _ = try engine.verify(tampered, context: service()) }?.code == .failedCheck)
        // The token inside was accepted once by the tampered message's verification: the original is now a replay.
        let replay = fault { _ = try engine.verify(secured.envelope, context: service()) }
        #expect(replay?.code == .failedAuthentication && replay?.message.contains("replay") == true, "\(String(describing: replay))")
        let other = try engine.secured(Self.request, context: client(ticket: try ticket()))
        let stale = fault { _ = try engine.verify(other.envelope, context: service(keytab: kdc.staleKeytab)) }
        #expect(stale?.code == .failedAuthentication, "\(String(describing: stale))")
    }

    /// A character outside Base64 inside the token is damage, not padding to skip: skipping it would hand GSS-API
    /// other bytes than were sent. Line breaks, as peers wrap Base64, still pass.
    @Test func aTokenWithAStrayCharacterIsNotBase64() throws {
        let text = String(decoding: try engine.secured(Self.request, context: client(ticket: try ticket())).envelope, as: UTF8.self)
        let start = try #require(text.range(of: "GSS_Kerberosv5_AP_REQ\" wsu:Id=\"")).upperBound
        let value = try #require(text[start...].range(of: "\">")).upperBound
        var damaged = text
        damaged.insert(contentsOf: "!!", at: text.index(value, offsetBy: 10))
        let refused = fault { _ = try engine.verify(Data(damaged.utf8), context: service()) }
        #expect(refused?.code == .invalidSecurityToken, "\(String(describing: refused))")
        var wrapped = text
        wrapped.insert(contentsOf: "\n  ", at: text.index(value, offsetBy: 76))
        #expect(try engine.verify(Data(wrapped.utf8), context: service()).principal == kdc.userPrincipal)
    }

    /// A token with a byte added at its end is for this service all the same: the fix does not send the operator to
    /// check the principal, but says the token was damaged or the keytab does not open it.
    @Test func aTokenWithABytePastItsEndIsCalledDamaged() throws {
        let text = String(decoding: try engine.secured(Self.request, context: client(ticket: try ticket())).envelope, as: UTF8.self)
        let start = try #require(text.range(of: "GSS_Kerberosv5_AP_REQ\" wsu:Id=\"")).upperBound
        let value = try #require(text[start...].range(of: "\">")).upperBound
        let end = try #require(text[value...].range(of: "</wsse:BinarySecurityToken>")).lowerBound
        let longer = try #require(Data(base64Encoded: String(text[value..<end]))) + [0]
        let damaged = text.replacingCharacters(in: value..<end, with: longer.base64EncodedString())
        let refused = fault { _ = try engine.verify(Data(damaged.utf8), context: service()) }
        #expect(refused?.code == .failedAuthentication, "\(String(describing: refused))")
        #expect(refused?.fix?.contains("damaged on its way") == true && refused?.fix?.contains("Check the token's service principal") != true,
                "\(String(describing: refused?.fix))")
    }

    /// The token is read as Base64 whatever its EncodingType says: another is refused, before GSS-API sees it (so
    /// the request is still accepted afterwards, not taken for a replay), as an X.509 token's is.
    @Test func aTokenInAnotherEncodingIsRefused() throws {
        let text = String(decoding: try engine.secured(Self.request, context: client(ticket: try ticket())).envelope, as: UTF8.self)
        let hex = text.replacingOccurrences(of: "#Base64Binary\" ValueType=\"http://docs.oasis-open.org/wss/oasis-wss-kerberos-token-profile-1.1#GSS_Kerberosv5_AP_REQ",
                                            with: "#HexBinary\" ValueType=\"http://docs.oasis-open.org/wss/oasis-wss-kerberos-token-profile-1.1#GSS_Kerberosv5_AP_REQ")
        #expect(hex != text)
        let refused = fault { _ = try engine.verify(Data(hex.utf8), context: service()) }
        #expect(refused?.code == .invalidSecurityToken && refused?.message.contains("#HexBinary is not Base64Binary") == true, "\(String(describing: refused))")
        #expect(try engine.verify(Data(text.utf8), context: service()).principal == kdc.userPrincipal)
    }

    /// Each Kerberos token is opened by GSS-API and written to libkrb5's replay cache on disk: a header with the token
    /// twice is refused before either is opened (the first was accepted, then the second refused), so the request
    /// itself is still accepted afterwards, not taken for a replay.
    @Test func aSecondKerberosTokenIsRefusedBeforeEitherIsOpened() throws {
        let text = String(decoding: try engine.secured(Self.request, context: client(ticket: try ticket())).envelope, as: UTF8.self)
        let token = try #require(text.range(of: #"(?s)<wsse:BinarySecurityToken [^>]*GSS_Kerberosv5_AP_REQ.*?</wsse:BinarySecurityToken>"#,
                                            options: .regularExpression))
        let copy = text[token].replacingOccurrences(of: #" wsu:Id="[^"]*""#, with: #" wsu:Id="KerbCopy""#, options: .regularExpression)
        let twice = text.replacingCharacters(in: token, with: text[token] + copy)
        let refused = fault { _ = try engine.verify(Data(twice.utf8), context: service()) }
        #expect(refused?.code == .invalidSecurity && refused?.message.contains("2 Kerberos tokens") == true, "\(String(describing: refused))")
        #expect(try engine.verify(Data(text.utf8), context: service()).principal == kdc.userPrincipal)
    }

    @Test func withoutATokenOrATicketTheFaultSaysSo() throws {
        let noTicket = fault { _ = try engine.secured(Self.request, context: client()) }
        #expect(noTicket?.code == .misconfigured && noTicket?.message.contains("Kerberos token") == true)
        // A request with no Security header at all.
        let bare = fault { _ = try engine.verify(Self.request, context: service()) }
        #expect(bare?.code == .invalidSecurity)
    }
}
