import Foundation
import KerberosConfig
import KeyMaterial
import Testing

/// The service's keys made from its password (WSO2's `service.principal.password`, no keytab) against the real KDC of
/// tests/kdc.sh: the salt and kvno come from the KDC, the keys open a client's token, a wrong password is named.
@Suite struct PasswordKeytabTests {
    let kdc = TestKDC.shared

    func keys(for service: String, password: String) throws -> (PasswordKeytab, TempFolder, String) {
        let folder = try TempFolder()
        let config = try folder.write("krb5.conf", kdc.krb5Conf())
        return (try PasswordKeytab.make(configPath: config, service: service, password: Secret(password)), folder, config)
    }

    func token(for service: String, config: String) throws -> KerberosAPRequest {
        try KerberosTokens.request(configPath: config, client: kdc.userPrincipal, credential: .password(Secret(kdc.userPassword)), service: service)
    }

    func refusal(_ body: () throws -> Void) -> KerberosTokenError? {
        do { try body() } catch let error as KerberosTokenError { return error } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    @Test func aClientsTokenIsAcceptedWithKeysMadeFromTheServicePassword() throws {
        let (keys, folder, config) = try keys(for: kdc.passwordPrincipal, password: kdc.passwordPrincipalPassword)
        #expect(keys.name.hasPrefix("MEMORY:wssconsole-"))
        #expect(keys.kvno == 1)
        #expect(keys.enctypes == ["aes256-cts-hmac-sha1-96"], "\(keys.enctypes)")
        let request = try token(for: kdc.passwordPrincipal, config: config)
        let accepted = try KerberosTokens.accept(request.token, keytab: keys.name, service: kdc.passwordPrincipal)
        #expect(accepted.client == request.client)
        #expect(accepted.sessionKey.isEqual(to: request.sessionKey))
        // Each use has its own keytab: a second one has another name.
        let (other, _, _) = try self.keys(for: kdc.passwordPrincipal, password: kdc.passwordPrincipalPassword)
        #expect(other.name != keys.name)
        withExtendedLifetime(folder) {}
    }

    @Test func onceReleasedItsKeysAreGone() throws {
        let folder = try TempFolder()
        let config = try folder.write("krb5.conf", kdc.krb5Conf())
        var keys: PasswordKeytab? = try PasswordKeytab.make(configPath: config, service: kdc.passwordPrincipal, password: Secret(kdc.passwordPrincipalPassword))
        let name = try #require(keys?.name)
        keys = nil
        let request = try token(for: kdc.passwordPrincipal, config: config)
        let gone = refusal { _ = try KerberosTokens.accept(request.token, keytab: name, service: kdc.passwordPrincipal) }
        #expect(gone?.message.contains("cannot") == true, "\(String(describing: gone))")
    }

    @Test func aWrongServicePasswordIsNamedAtOnce() throws {
        let wrong = refusal { _ = try keys(for: kdc.passwordPrincipal, password: "not-the-service-password") }
        #expect(wrong?.message.hasPrefix("The KDC refuses the service password for \(kdc.passwordPrincipal)") == true, "\(String(describing: wrong))")
        #expect(wrong?.fix.contains("--password-env") == true)
        #expect(wrong.map { "\($0.message) \($0.fix)" }?.contains("not-the-service-password") == false)
        let unknown = refusal { _ = try keys(for: "HTTP/nowhere@\(kdc.realm)", password: "x") }
        #expect(unknown?.message.hasPrefix("The KDC does not know the service principal HTTP/nowhere@\(kdc.realm)") == true,
                "\(String(describing: unknown))")
    }

    @Test func aSaltOnlyTheKDCKnowsIsAskedNotGuessed() throws {
        let (keys, folder, config) = try keys(for: kdc.saltedPrincipal, password: kdc.saltedPrincipalPassword)
        #expect(keys.enctypes.first == "aes256-cts-hmac-sha1-96", "\(keys.enctypes)")
        let request = try token(for: kdc.saltedPrincipal, config: config)
        let accepted = try KerberosTokens.accept(request.token, keytab: keys.name, service: kdc.saltedPrincipal)
        #expect(accepted.sessionKey.isEqual(to: request.sessionKey))
        withExtendedLifetime(folder) {}
    }

    @Test func aKDCThatDoesNotAnswerIsNamedWithinTheTimeLimit() throws {
        let folder = try TempFolder()
        let config = try folder.write("krb5.conf", kdc.krb5Conf(port: String(unusedLoopbackPort())))
        let refused = refusal { _ = try PasswordKeytab.make(configPath: config, service: kdc.passwordPrincipal, password: Secret("x"), timeout: 1) }
        #expect(refused != nil)
        #expect(refused?.message.contains("cannot log in") == true || refused?.message.contains("did not answer") == true, "\(String(describing: refused))")
    }
}
