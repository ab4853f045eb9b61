import CKerberos
import Foundation

/// A libkrb5 context made from one krb5.conf only: the home's file, never `/etc/krb5.conf` or `$KRB5_CONFIG`.
///
/// A context belongs to one thread at a time; every live check makes its own on the thread that runs it.
final class KerberosContext {
    let context: krb5_context
    private let profile: profile_t

    /// Loads `configPath` into a profile and builds a context from it; nil makes a context with no settings at
    /// all (enough to read a keytab).
    init(configPath: String?) throws(KerberosConfigError) {
        var profile: profile_t?
        let opened: Int
        if let configPath {
            opened = configPath.withCString { file in
                var files: [UnsafePointer<CChar>?] = [file, nil]
                return files.withUnsafeMutableBufferPointer { profile_init($0.baseAddress, &profile) }
            }
        } else {
            var files: [UnsafePointer<CChar>?] = [nil]
            opened = files.withUnsafeMutableBufferPointer { profile_init($0.baseAddress, &profile) }
        }
        guard opened == 0, let profile else {
            throw .syntaxError("\(configPath ?? "(no file)"): \(Krb5ProfileCheck.message(nil, opened))")
        }
        var context: krb5_context?
        // Not KRB5_INIT_CONTEXT_SECURE: KRB5_TRACE stays available for operators who debug a failing check.
        // The configuration itself comes only from the profile given here.
        let code = krb5_init_context_profile(profile, 0, &context)
        guard code == 0, let context else {
            profile_release(profile)
            throw .libraryFailure("\(configPath ?? "(no file)"): \(Krb5ProfileCheck.message(nil, Int(code)))")
        }
        self.profile = profile
        self.context = context
    }

    deinit {
        krb5_free_context(context)
        profile_release(profile)
    }

    /// libkrb5's message for `code`, with the detail it recorded for the last failure on this context.
    func message(_ code: krb5_error_code) -> String { Krb5ProfileCheck.message(context, Int(code)) }

    /// The realm `[libdefaults] default_realm` names, if any.
    var defaultRealm: String? {
        var realm: UnsafeMutablePointer<CChar>?
        guard krb5_get_default_realm(context, &realm) == 0, let realm else { return nil }
        defer { krb5_free_default_realm(context, realm) }
        return String(cString: realm)
    }

    /// Parses a principal name (`HTTP/host@REALM`; the default realm is added when there is none).
    func principal(_ name: String) throws(KerberosLiveError) -> Principal {
        var principal: krb5_principal?
        let code = name.withCString { krb5_parse_name(context, $0, &principal) }
        guard code == 0, let principal else { throw KerberosLiveError(code, message(code)) }
        return Principal(context: self, principal: principal)
    }
}

/// A parsed principal, freed with its context still alive (unless it is borrowed from a structure that owns it).
final class Principal {
    let context: KerberosContext
    let principal: krb5_principal
    private let owned: Bool

    init(context: KerberosContext, principal: krb5_principal) {
        self.context = context
        self.principal = principal
        owned = true
    }

    /// Wraps a principal owned by something else (a keytab entry, credentials) for reading only.
    init(context: KerberosContext, borrowing principal: krb5_principal) {
        self.context = context
        self.principal = principal
        owned = false
    }

    deinit { if owned { krb5_free_principal(context.context, principal) } }

    /// The full name, realm included.
    var name: String {
        var text: UnsafeMutablePointer<CChar>?
        guard krb5_unparse_name(context.context, principal, &text) == 0, let text else { return "?" }
        defer { krb5_free_unparsed_name(context.context, text) }
        return String(cString: text)
    }

    /// The principal's realm.
    var realm: String {
        let data = principal.pointee.realm
        return String(decoding: UnsafeRawBufferPointer(start: data.data, count: Int(data.length)), as: UTF8.self)
    }
}

/// A libkrb5 failure of a live check: its code (compared by callers) and libkrb5's message.
struct KerberosLiveError: Error {
    let code: krb5_error_code
    let message: String

    init(_ code: krb5_error_code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// True when the error is one the KDC sent back, which proves the KDC answered.
    var cameFromKDC: Bool {
        let base = krb5_error_code(truncatingIfNeeded: KRB5KDC_ERR_NONE)
        return code >= base && code < base + 128
    }
}
