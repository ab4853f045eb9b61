import CKerberos
import CShims
import Foundation
import KeyMaterial

/// The client's half of a Kerberos token (Kerberos Token Profile 1.1, `GSS_Kerberosv5_AP_REQ`): the GSS-API initial
/// context token carrying an AP-REQ for the service, and the session key it establishes, which signs (and encrypts)
/// the message.
public struct KerberosAPRequest: Sendable {
    /// The GSS-API initial context token, as a BinarySecurityToken carries it.
    public let token: [UInt8]
    /// The context's session key (MIT and Java both use the authenticator's subkey), as both sides derive it.
    public let sessionKey: Secret
    /// The client principal, realm included.
    public let client: String
}

/// The service's reading of a Kerberos token: who sent it and the session key it establishes.
public struct KerberosAcceptance: Sendable {
    /// The client principal, realm included, as the ticket names it.
    public let client: String
    /// The context's session key.
    public let sessionKey: Secret
}

/// Why a Kerberos token could not be made or accepted: the library's message and what to do.
public struct KerberosTokenError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, from libkrb5's error code, for callers that know more about the fix (which setting a
    /// password came from).
    public enum Reason: Sendable, Equatable {
        /// The KDC's answer does not open with the client's password or keytab key: they are not the principal's.
        case clientKeyRefused
        /// The service keytab lacks the key version the ticket was made for: it is older than the KDC's key.
        case keytabOutdated
        case other
    }

    public let reason: Reason
    public let message: String
    public let fix: String

    init(_ message: String, fix: String, reason: Reason = .other) {
        self.message = message
        self.fix = fix
        self.reason = reason
    }

    public var description: String { message }
}

/// Kerberos tokens through MIT's GSS-API, the mechanism WSS4J and Rampart use (Java GSS), so that what one side makes
/// the other accepts.
public enum KerberosTokens {
    /// Logs `client` in with `credential` and asks the KDC for a ticket to `service` (both with the krb5.conf at
    /// `configPath` only; two exchanges, `timeout` seconds each), then makes the token and its session key from that
    /// ticket.
    ///
    /// The KDC exchanges use the home's krb5.conf; GSS-API then finds the ticket in a private in-memory cache and
    /// talks to no KDC, so no process-wide `KRB5_CONFIG` is set.
    public static func request(configPath: String, client: String, credential: KerberosCredential, service: String,
                               timeout: Double = 5) throws(KerberosTokenError) -> KerberosAPRequest {
        try Deadline.kdcWork(secondsEach: timeout) { progress throws(KerberosTokenError) in
            try initiate(configPath: configPath, client: client, credential: credential, service: service, progress: progress)
        }
    }

    /// Accepts `token` with the service keys in `keytab`, a file or a `PasswordKeytab`'s name (for `service`, or any
    /// principal the keytab holds when nil).
    /// A token seen before is refused as a replay (libkrb5's replay cache).
    public static func accept(_ token: [UInt8], keytab: String, service: String?) throws(KerberosTokenError) -> KerberosAcceptance {
        let credential = try GSSCredential.acceptor(keytab: keytab, service: service)
        let context = GSSContext()
        var minor: OM_uint32 = 0
        var client: gss_name_t?
        var output = gss_buffer_desc()
        defer {
            _ = gss_release_name(&minor, &client)
            _ = gss_release_buffer(&minor, &output)
        }
        var input = token
        let major = input.withUnsafeMutableBytes { bytes in
            var buffer = gss_buffer_desc(length: bytes.count, value: bytes.baseAddress)
            return gss_accept_sec_context(&minor, &context.handle, credential.handle, &buffer, nil, &client, nil, &output, nil, nil, nil)
        }
        guard major == GSS_S_COMPLETE else {
            throw GSSStatus.acceptFailure(major, minor, token: token, keytab: keytab, service: service)
        }
        return KerberosAcceptance(client: try GSSName.display(client), sessionKey: try context.sessionKey())
    }

    private static func initiate(configPath: String, client: String, credential: KerberosCredential, service: String,
                                 progress: Deadline.Progress) throws(KerberosTokenError) -> KerberosAPRequest {
        let tickets: TicketCache
        do {
            tickets = try TicketCache(configPath: configPath, client: client, credential: credential, service: service, progress: progress)
        } catch {
            throw loginFailure(error, client: client, credential: credential, service: service)
        }
        let gssCredential = try GSSCredential.initiator(cache: tickets.cache)
        let target = try GSSName.principal(service)
        let context = GSSContext()
        var minor: OM_uint32 = 0
        var output = gss_buffer_desc()
        defer { _ = gss_release_buffer(&minor, &output) }
        // No mutual authentication: WS-Security sends the token once and gets no AP-REP back (WSS4J asks the same).
        let major = gss_init_sec_context(&minor, gssCredential.handle, &context.handle, target.handle, cs_gss_mech_krb5(),
                                         OM_uint32(GSS_C_INTEG_FLAG | GSS_C_CONF_FLAG), 0, nil, nil, nil, &output, nil, nil)
        guard major == GSS_S_COMPLETE else {
            throw KerberosTokenError("GSS-API cannot make the Kerberos token for \(service): " + GSSStatus.text(major, minor),
                                     fix: "Check the service principal name and that the ticket's encryption type is allowed.")
        }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: output.value, count: output.length))
        return KerberosAPRequest(token: bytes, sessionKey: try context.sessionKey(), client: tickets.client)
    }

    /// The client's failed login or ticket request, by libkrb5's code: a KDC answer that does not decrypt with the
    /// client's key (KRB5KRB_AP_ERR_BAD_INTEGRITY) or refused pre-authentication means its password or keytab key is
    /// not the principal's.
    static func loginFailure(_ error: KerberosLiveError, client: String, credential: KerberosCredential, service: String) -> KerberosTokenError {
        let detail = "\(error.message) (libkrb5 \(error.code))"
        switch error.code {
        case Krb5Code.badIntegrity, Krb5Code.preauthFailed, Krb5Code.clientPreauthFailed:
            if case .keytab(let path) = credential {
                return KerberosTokenError("The key of \(client) in \(path) is not the KDC's: \(detail)",
                                          fix: "The keytab is stale or for another principal: export \(client)'s current key, \(Keytab.export(path, client)).",
                                          reason: .clientKeyRefused)
            }
            return KerberosTokenError("The password of \(client) is wrong: \(detail)",
                                      fix: "Give \(client)'s current password.", reason: .clientKeyRefused)
        default:
            return KerberosTokenError("No ticket for \(service): \(detail)",
                                      fix: "wssconsole krb5 check says which step fails (KDC, login, service principal).")
        }
    }
}
