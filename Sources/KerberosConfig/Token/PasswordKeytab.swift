import CKerberos
import Foundation
import KeyMaterial

/// The service's keys made from its password, as WSO2 keeps it in the policy (`service.principal.password`), in a
/// private MIT `MEMORY:` keytab that `KerberosTokens.accept` opens by name. Nothing is written to disk.
///
/// The keys are the KDC's own: the password logs the service in (proving it right), the salt and enctypes come from
/// the KDC's etype-info, the kvno from a ticket the KDC issues to the service itself, which the derived keys must
/// then decrypt (a wrong salt fails here, not at the first client's request).
public final class PasswordKeytab: @unchecked Sendable {
    // The context is used only while making the keytab and when it is emptied: never from two threads at once.
    private let context: KerberosContext
    private let keytab: krb5_keytab
    private let principal: Principal
    private var entries: [(kvno: krb5_kvno, enctype: krb5_enctype)] = []
    /// The keytab's name for GSS-API (`MEMORY:wssconsole-…`), unique to this value.
    public let name: String
    /// The key version number the KDC's ticket carries.
    public private(set) var kvno = 0
    /// The enctypes of the keys, by libkrb5's names (`aes256-cts-hmac-sha1-96`).
    public private(set) var enctypes: [String] = []

    /// Logs `service` in with `password` at the KDC of the krb5.conf at `configPath` and makes its keys (a few
    /// exchanges, `timeout` seconds each).
    public static func make(configPath: String, service: String, password: Secret,
                            timeout: Double = 5) throws(KerberosTokenError) -> PasswordKeytab {
        try Deadline.kdcWork(secondsEach: timeout) { progress throws(KerberosTokenError) in
            try PasswordKeytab(configPath: configPath, service: service, password: password, progress: progress)
        }
    }

    private init(configPath: String, service: String, password: Secret, progress: Deadline.Progress) throws(KerberosTokenError) {
        do { context = try KerberosContext(configPath: configPath) } catch {
            throw KerberosTokenError("\(error)", fix: "wssconsole krb5 check says what is wrong with krb5.conf.")
        }
        do { principal = try context.principal(service) } catch {
            throw KerberosTokenError("\"\(service)\" is not a Kerberos principal name: \(error.message)",
                                     fix: "Write it as service/host@REALM, e.g. HTTP/www.example.com@EXAMPLE.COM.")
        }
        let name = "MEMORY:wssconsole-" + UUID().uuidString
        var handle: krb5_keytab?
        let context = context
        let code = name.withCString { krb5_kt_resolve(context.context, $0, &handle) }
        guard code == 0, let handle else { throw KerberosTokenError("libkrb5 cannot make a memory keytab: \(context.message(code))", fix: "Report this.") }
        self.name = name
        keytab = handle
        try fill(service: service, password: password, progress: progress)
    }

    deinit {
        // MIT 1.20 has no krb5_kt_destroy: removing the entries wipes the keys (libkrb5 zeroes them when freed); the
        // empty name stays in the process's list of memory keytabs.
        for entry in entries {
            var item = krb5_keytab_entry()
            item.principal = principal.principal
            item.vno = entry.kvno
            item.key.enctype = entry.enctype
            _ = krb5_kt_remove_entry(context.context, keytab, &item)
        }
        krb5_kt_close(context.context, keytab)
    }

    private func fill(service: String, password: Secret, progress: Deadline.Progress) throws(KerberosTokenError) {
        let ticket = try selfTicket(service: service, password: password)
        defer { krb5_free_ticket(context.context, ticket) }
        progress.step()
        kvno = Int(ticket.pointee.enc_part.kvno)
        let ticketEnctype = ticket.pointee.enc_part.enctype
        // The KDC's preferred enctype for the service, and the one its tickets are encrypted with (usually the same).
        let preferred = try etypeInfo(only: nil)
        progress.step()
        try add(preferred, kvno: ticket.pointee.enc_part.kvno, password: password)
        if preferred.enctype != ticketEnctype { try add(try etypeInfo(only: ticketEnctype), kvno: ticket.pointee.enc_part.kvno, password: password) }
        let code = krb5_server_decrypt_ticket_keytab(context.context, keytab, ticket)
        guard code == 0 else {
            throw KerberosTokenError("The keys made from \(service)'s password do not open the KDC's ticket for it: \(context.message(code))",
                                     fix: "The KDC's salt or key version changed during the check, or it issues tickets in an enctype this host does not allow: export a keytab instead, \(Keytab.export("FILE", service)).")
        }
    }

    /// Logs the service in with its password and asks for a ticket to itself, encrypted in its own key.
    private func selfTicket(service: String, password: Secret) throws(KerberosTokenError) -> UnsafeMutablePointer<krb5_ticket> {
        let credentials = Credentials(context: context)
        let full = principal.name
        let code = KDCExchange.withCPassword(password) { text in
            full.withCString { server in
                krb5_get_init_creds_password(context.context, &credentials.creds, principal.principal, text, nil, nil, 0, server, nil)
            }
        }
        guard code == 0 else { throw Self.loginError(code, service: service, message: context.message(code)) }
        var ticket: UnsafeMutablePointer<krb5_ticket>?
        let decoded = krb5_decode_ticket(&credentials.creds.ticket, &ticket)
        guard decoded == 0, let ticket else {
            throw KerberosTokenError("The KDC's ticket for \(service) cannot be read: \(context.message(decoded))", fix: "Report this with the KDC's version.")
        }
        return ticket
    }

    /// What the KDC's etype-info says; `add` frees the salt and parameters.
    private struct EtypeInfo {
        let enctype: krb5_enctype
        let salt: krb5_data
        let parameters: krb5_data
    }

    /// The salt and string-to-key parameters the KDC gives for the service (for `only` that enctype when given).
    private func etypeInfo(only: krb5_enctype?) throws(KerberosTokenError) -> EtypeInfo {
        var options: UnsafeMutablePointer<krb5_get_init_creds_opt>?
        guard krb5_get_init_creds_opt_alloc(context.context, &options) == 0, let options else {
            throw KerberosTokenError("libkrb5 is out of memory", fix: "Report this.")
        }
        defer { krb5_get_init_creds_opt_free(context.context, options) }
        var list = [only ?? 0]
        if only != nil { krb5_get_init_creds_opt_set_etype_list(options, &list, 1) }
        var enctype: krb5_enctype = 0
        var salt = krb5_data(), parameters = krb5_data()
        let code = krb5_get_etype_info(context.context, principal.principal, options, &enctype, &salt, &parameters)
        guard code == 0 else {
            throw KerberosTokenError("The KDC gives no salt for \(principal.name): \(context.message(code))",
                                     fix: "The KDC must answer etype-info (MIT, Heimdal and Active Directory do); otherwise export a keytab.")
        }
        return EtypeInfo(enctype: enctype, salt: salt, parameters: parameters)
    }

    /// Derives the key of `info`'s enctype from the password and puts it in the keytab.
    private func add(_ info: EtypeInfo, kvno: krb5_kvno, password: Secret) throws(KerberosTokenError) {
        var salt = info.salt, parameters = info.parameters
        var key = krb5_keyblock()
        defer {
            krb5_free_data_contents(context.context, &salt)
            krb5_free_data_contents(context.context, &parameters)
            krb5_free_keyblock_contents(context.context, &key)
        }
        let code = password.withUnsafeBytes { bytes in
            var text = krb5_data(magic: 0, length: UInt32(bytes.count),
                                 data: UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: CChar.self)))
            // Empty parameters mean the enctype's defaults (an AES key refuses parameters that are not 4 bytes).
            return parameters.length > 0
                ? krb5_c_string_to_key_with_params(context.context, info.enctype, &text, &salt, &parameters, &key)
                : krb5_c_string_to_key_with_params(context.context, info.enctype, &text, &salt, nil, &key)
        }
        guard code == 0 else {
            throw KerberosTokenError("The key of \(principal.name) cannot be made from its password: \(context.message(code))",
                                     fix: "The KDC uses an enctype this host's libkrb5 does not allow: export a keytab instead.")
        }
        var entry = krb5_keytab_entry()
        entry.principal = principal.principal
        entry.vno = kvno
        entry.key = key
        let added = krb5_kt_add_entry(context.context, keytab, &entry)
        guard added == 0 else { throw KerberosTokenError("libkrb5 cannot keep the key: \(context.message(added))", fix: "Report this.") }
        entries.append((kvno, info.enctype))
        enctypes.append(Self.enctypeName(info.enctype))
    }

    static func enctypeName(_ enctype: krb5_enctype) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        guard krb5_enctype_to_name(enctype, 0, &buffer, buffer.count) == 0 else { return "enctype \(enctype)" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func loginError(_ code: krb5_error_code, service: String, message: String) -> KerberosTokenError {
        switch code {
        case krb5_error_code(truncatingIfNeeded: KRB5KDC_ERR_PREAUTH_FAILED), krb5_error_code(truncatingIfNeeded: KRB5KRB_AP_ERR_BAD_INTEGRITY):
            KerberosTokenError("The KDC refuses the service password for \(service): \(message)",
                               fix: "Put the principal's current password in the policy (wssconsole apply --service SERVICE --scenario 16 --principal \(service) --password-env NAME), or give the service a keytab.")
        case krb5_error_code(truncatingIfNeeded: KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN):
            KerberosTokenError("The KDC does not know the service principal \(service): \(message)",
                               fix: "Create it (kadmin: addprinc \(service)) or correct service.principal.name in the policy.")
        default:
            KerberosTokenError("The service \(service) cannot log in with its password: \(message)",
                               fix: "wssconsole jaas check runs the service's login step by step (it contacts the KDC unless --offline).")
        }
    }
}
