import CKerberos
import Foundation
import KeyMaterial

/// How a principal proves itself to the KDC.
public enum KerberosCredential: Sendable {
    /// Keys from a keytab file.
    case keytab(path: String)
    /// A password (never printed; wiped from the copies made for libkrb5).
    case password(Secret)
}

/// Tickets obtained in a check, freed with their context.
final class Credentials {
    let context: KerberosContext
    var creds = krb5_creds()

    init(context: KerberosContext) { self.context = context }
    deinit { krb5_free_cred_contents(context.context, &creds) }
}

/// The exchanges with a KDC that the live checks make, each one a libkrb5 call with the home's configuration.
struct KDCExchange {
    let context: KerberosContext

    /// An AS exchange: a ticket-granting ticket for `principal`.
    func initialCredentials(_ principal: Principal, with credential: KerberosCredential) throws(KerberosLiveError) -> Credentials {
        let result = Credentials(context: context)
        let code: krb5_error_code
        switch credential {
        case .keytab(let path):
            var keytab: krb5_keytab?
            let resolved = ("FILE:" + path).withCString { krb5_kt_resolve(context.context, $0, &keytab) }
            guard resolved == 0, let keytab else { throw KerberosLiveError(resolved, context.message(resolved)) }
            defer { krb5_kt_close(context.context, keytab) }
            code = krb5_get_init_creds_keytab(context.context, &result.creds, principal.principal, keytab, 0, nil, nil)
        case .password(let secret):
            code = Self.withCPassword(secret) { password in
                krb5_get_init_creds_password(context.context, &result.creds, principal.principal, password, nil, nil, 0, nil, nil)
            }
        }
        guard code == 0 else { throw KerberosLiveError(code, context.message(code)) }
        return result
    }

    /// A TGS exchange: a ticket for `service`, with the ticket-granting ticket `tgt`.
    func serviceTicket(with tgt: Credentials, for service: Principal) throws(KerberosLiveError) -> Credentials {
        let (cache, ticket) = try cachedTicket(with: tgt, for: service)
        krb5_cc_destroy(context.context, cache)
        return ticket
    }

    /// A TGS exchange into a new private in-memory cache, which then holds `tgt` and the ticket for `service`; the
    /// caller destroys the cache.
    func cachedTicket(with tgt: Credentials, for service: Principal) throws(KerberosLiveError) -> (krb5_ccache, Credentials) {
        var cache: krb5_ccache?
        var code = "MEMORY".withCString { krb5_cc_new_unique(context.context, $0, nil, &cache) }
        guard code == 0, let cache else { throw KerberosLiveError(code, context.message(code)) }
        code = krb5_cc_initialize(context.context, cache, tgt.creds.client)
        if code == 0 { code = krb5_cc_store_cred(context.context, cache, &tgt.creds) }
        var request = krb5_creds()
        request.client = tgt.creds.client
        request.server = service.principal
        var reply: UnsafeMutablePointer<krb5_creds>?
        if code == 0 { code = krb5_get_credentials(context.context, 0, cache, &request, &reply) }
        guard code == 0, let reply else {
            krb5_cc_destroy(context.context, cache)
            throw KerberosLiveError(code, context.message(code))
        }
        let result = Credentials(context: context)
        result.creds = reply.pointee
        // The contents now belong to `result`; free only the outer structure.
        free(reply)
        return (cache, result)
    }

    /// Proves that the service's keytab opens a ticket for it: libkrb5 gets a ticket for `service` with `tgt` and
    /// reads it back with the keys of `keytab`, as the service would on a request.
    func verify(_ tgt: Credentials, service: Principal, keytab path: String) throws(KerberosLiveError) {
        var keytab: krb5_keytab?
        var code = ("FILE:" + path).withCString { krb5_kt_resolve(context.context, $0, &keytab) }
        guard code == 0, let keytab else { throw KerberosLiveError(code, context.message(code)) }
        defer { krb5_kt_close(context.context, keytab) }
        var options = krb5_verify_init_creds_opt()
        krb5_verify_init_creds_opt_init(&options)
        krb5_verify_init_creds_opt_set_ap_req_nofail(&options, 1)
        code = krb5_verify_init_creds(context.context, &tgt.creds, service.principal, keytab, nil, &options)
        guard code == 0 else { throw KerberosLiveError(code, context.message(code)) }
    }

    /// Hands libkrb5 a NUL-terminated copy of the secret, wiped as soon as the call returns.
    static func withCPassword<T>(_ secret: Secret, _ body: (UnsafePointer<CChar>) -> T) -> T {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: secret.count + 1, alignment: 1)
        defer {
            explicit_bzero(buffer.baseAddress!, buffer.count)
            buffer.deallocate()
        }
        secret.withUnsafeBytes { buffer.copyMemory(from: $0) }
        buffer[secret.count] = 0
        return body(buffer.baseAddress!.assumingMemoryBound(to: CChar.self))
    }
}
