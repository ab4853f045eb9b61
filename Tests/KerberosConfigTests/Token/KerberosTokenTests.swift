import Foundation
import KerberosConfig
import KeyMaterial
import Testing

/// The Kerberos token of WS-Security (scenario 16) through MIT's GSS-API against the real KDC of tests/kdc.sh: the
/// client's token and session key, made with a home's krb5.conf, and the service's acceptance with its keytab.
@Suite struct KerberosTokenTests {
    let kdc = TestKDC.shared

    func request(as client: String? = nil, password: String? = nil, for service: String? = nil) throws -> KerberosAPRequest {
        let folder = try TempFolder()
        return try KerberosTokens.request(configPath: try folder.write("krb5.conf", kdc.krb5Conf()), client: client ?? kdc.userPrincipal,
                                          credential: .password(Secret(password ?? kdc.userPassword)), service: service ?? kdc.servicePrincipal)
    }

    func refusal(_ body: () throws -> Void) -> KerberosTokenError? {
        do { try body() } catch let error as KerberosTokenError { return error } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    @Test func theServiceAcceptsTheClientsTokenAndBothHoldTheSameSessionKey() throws {
        let request = try request()
        // RFC 2743 3.1: [APPLICATION 0] then the Kerberos v5 mechanism OID, then the AP-REQ.
        #expect(request.token.first == 0x60)
        let mechanism: [UInt8] = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02]
        #expect(request.token.count > 200 && Array(request.token[2..<13]) == mechanism || Array(request.token[4..<15]) == mechanism)
        #expect(request.client == "\(kdc.userPrincipal)@\(kdc.realm)" || request.client == kdc.userPrincipal)
        let accepted = try KerberosTokens.accept(request.token, keytab: kdc.serviceKeytab, service: kdc.servicePrincipal)
        #expect(accepted.client == request.client)
        #expect([16, 32].contains(request.sessionKey.count))
        #expect(accepted.sessionKey.isEqual(to: request.sessionKey))
        // Each token has its own session key (the authenticator's subkey), not the ticket's.
        #expect(!(try self.request().sessionKey.isEqual(to: request.sessionKey)))
    }

    @Test func aTokenIsAcceptedOnceThenRefusedAsAReplay() throws {
        let token = try request().token
        _ = try KerberosTokens.accept(token, keytab: kdc.serviceKeytab, service: kdc.servicePrincipal)
        let replay = refusal { _ = try KerberosTokens.accept(token, keytab: kdc.serviceKeytab, service: kdc.servicePrincipal) }
        #expect(replay?.message.localizedCaseInsensitiveContains("replay") == true, "\(String(describing: replay))")
        #expect(replay?.fix.contains("new one for every request") == true)
    }

    @Test func theServicesPreviousKeyCannotOpenTheToken() throws {
        let token = try request().token
        let stale = refusal { _ = try KerberosTokens.accept(token, keytab: kdc.staleKeytab, service: kdc.servicePrincipal) }
        #expect(stale?.message.hasPrefix("The service cannot accept the Kerberos token") == true, "\(String(describing: stale))")
        // Told by libkrb5's code (KRB5KRB_AP_ERR_BADKEYVER, a key version the keytab lacks): the keytab is older than the
        // KDC's key, whose version the ticket names.
        let current = try #require(try Keytab.entries(path: kdc.serviceKeytab).get().map(\.kvno).max())
        let old = try #require(try Keytab.entries(path: kdc.staleKeytab).get().map(\.kvno).max())
        #expect(stale?.reason == .keytabOutdated, "\(String(describing: stale))")
        #expect(stale?.fix.contains("\(kdc.staleKeytab) is older than the KDC's key for \(kdc.servicePrincipal), key version \(current) (it holds version \(old))") == true,
                "\(String(describing: stale))")
        #expect(stale?.fix.contains("ktadd -norandkey -k \(kdc.staleKeytab) \(kdc.servicePrincipal)") == true, "\(String(describing: stale))")
    }

    @Test func aDamagedTokenIsRefused() throws {
        var token = try request().token
        token[token.count - 20] ^= 0x01    // inside the encrypted authenticator
        let altered = refusal { _ = try KerberosTokens.accept(token, keytab: kdc.serviceKeytab, service: kdc.servicePrincipal) }
        // The keytab is sound: the fix must not send the operator to export it as the only cause.
        #expect(altered?.fix.hasPrefix("The token was altered on its way, or") == true, "\(String(describing: altered))")
        #expect(refusal { _ = try KerberosTokens.accept(Array(token.prefix(40)), keytab: kdc.serviceKeytab, service: nil) } != nil)
    }

    /// A GSS-API header claiming an AP-REQ of 2 GB: MIT's glue reports it under a renumbered minor code that displays
    /// as "Success"; the refusal says the token is damaged instead, and not "Success".
    @Test func aTokenWithAHugeLengthIsDamagedNotASuccess() throws {
        let token: [UInt8] = [0x60, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02, 0x01, 0x00,
                              0x6e, 0x84, 0x7f, 0xff, 0xff, 0xff]
        let refused = refusal { _ = try KerberosTokens.accept(token, keytab: kdc.serviceKeytab, service: kdc.servicePrincipal) }
        #expect(refused?.fix.hasPrefix("The token is damaged or not a Kerberos AP-REQ") == true, "\(String(describing: refused))")
        #expect(refused?.message.hasSuffix("Success") == false, "\(String(describing: refused))")
    }

    /// A ticket for another principal, or for the same name in another realm: the refusal names the ticket's server.
    @Test func aTokenForAnotherServiceIsRefused() throws {
        let token = try request(for: kdc.passwordPrincipal).token
        let refused = refusal { _ = try KerberosTokens.accept(token, keytab: kdc.serviceKeytab, service: kdc.servicePrincipal) }
        #expect(refused?.fix.hasPrefix("The token is a ticket for \(kdc.passwordPrincipal), not for \(kdc.servicePrincipal)") == true,
                "\(String(describing: refused))")
    }

    @Test func aWrongPasswordOrAnUnknownServiceSaysWhichStepFailed() throws {
        let password = refusal { _ = try request(password: "not-the-password") }
        #expect(password?.reason == .clientKeyRefused, "\(String(describing: password))")
        #expect(password?.message.hasPrefix("The password of \(kdc.userPrincipal) is wrong") == true, "\(String(describing: password))")
        #expect(password?.fix == "Give \(kdc.userPrincipal)'s current password.", "\(String(describing: password))")
        let service = refusal { _ = try request(for: "HTTP/nowhere@\(kdc.realm)") }
        #expect(service?.message.contains("not found") == true, "\(String(describing: service))")
        let keytab = refusal { _ = try KerberosTokens.accept([0x60], keytab: "/nonexistent/service.keytab", service: nil) }
        #expect(keytab?.message.contains("cannot be read") == true)
    }
}
