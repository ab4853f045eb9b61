import CKerberos
import CShims
import Foundation
import KeyMaterial

/// A GSS-API security context, deleted with its handle.
final class GSSContext {
    var handle: gss_ctx_id_t?

    deinit {
        var minor: OM_uint32 = 0
        _ = gss_delete_sec_context(&minor, &handle, nil)
    }

    /// The session key of the established context (the authenticator's subkey when the client sent one), copied into
    /// a Secret and wiped from the library's buffer.
    func sessionKey() throws(KerberosTokenError) -> Secret {
        var minor: OM_uint32 = 0
        var set: gss_buffer_set_t?
        let major = gss_inquire_sec_context_by_oid(&minor, handle, cs_GSS_C_INQ_SSPI_SESSION_KEY(), &set)
        defer { _ = gss_release_buffer_set(&minor, &set) }
        guard major == GSS_S_COMPLETE, let set, set.pointee.count >= 1, let key = set.pointee.elements?.pointee,
              let value = key.value, key.length > 0 else {
            throw KerberosTokenError("GSS-API gives no session key for the context: " + GSSStatus.text(major, minor),
                                     fix: "The Kerberos library is too old for WS-Security's Kerberos token (MIT 1.9 or later is needed).")
        }
        let secret = Secret(bytes: UnsafeRawBufferPointer(start: value, count: key.length))
        explicit_bzero(value, key.length)
        return secret
    }
}

/// A GSS-API credential, released with its handle.
final class GSSCredential {
    var handle: gss_cred_id_t?

    private init() {}

    deinit {
        var minor: OM_uint32 = 0
        _ = gss_release_cred(&minor, &handle)
    }

    /// The client's credential: the tickets in `cache` (which must outlive it).
    static func initiator(cache: krb5_ccache) throws(KerberosTokenError) -> GSSCredential {
        let credential = GSSCredential()
        var minor: OM_uint32 = 0
        let major = gss_krb5_import_cred(&minor, cache, nil, nil, &credential.handle)
        guard major == GSS_S_COMPLETE else {
            throw KerberosTokenError("GSS-API cannot use the client's tickets: " + GSSStatus.text(major, minor),
                                     fix: "wssconsole krb5 check runs the login and the ticket request step by step.")
        }
        return credential
    }

    /// The service's credential: the keys of `keytab` (a file, or a `MEMORY:` keytab of this process), for `service`
    /// or for whichever principal a token names.
    static func acceptor(keytab: String, service: String?) throws(KerberosTokenError) -> GSSCredential {
        let inMemory = keytab.hasPrefix("MEMORY:")
        guard inMemory || FileManager.default.isReadableFile(atPath: keytab) else {
            throw KerberosTokenError("The service keytab \(keytab) cannot be read",
                                     fix: "Check the keyTab path of the service's jaas.conf entry and the file's owner and mode.")
        }
        let name = try service.map { name throws(KerberosTokenError) in try GSSName.principal(name) }
        let credential = GSSCredential()
        var minor: OM_uint32 = 0
        // The keytab is named in the call (gss_acquire_cred_from), not through the process-wide KRB5_KTNAME.
        let major = "keytab".withCString { key in
            (inMemory ? keytab : "FILE:" + keytab).withCString { value in
                var element = gss_key_value_element_desc(key: key, value: value)
                var mech = cs_gss_mech_krb5()!.pointee
                // The sets point at the element and the OID only for as long as these closures run.
                return withUnsafeMutablePointer(to: &element) { element in
                    withUnsafeMutablePointer(to: &mech) { mech in
                        var store = gss_key_value_set_desc(count: 1, elements: element)
                        var mechs = gss_OID_set_desc(count: 1, elements: mech)
                        return gss_acquire_cred_from(&minor, name?.handle, GSS_C_INDEFINITE, &mechs, Int32(GSS_C_ACCEPT), &store,
                                                     &credential.handle, nil, nil)
                    }
                }
            }
        }
        // libkrb5 reads krb5.conf first: a syntax error there is no fault of the keytab's.
        if major != GSS_S_COMPLETE, krb5_error_code(truncatingIfNeeded: minor) == Krb5Code.badFormat {
            throw KerberosTokenError("libkrb5 cannot read the home's krb5.conf: " + GSSStatus.text(major, minor),
                                     fix: "wssconsole krb5 check names the line to correct.")
        }
        guard major == GSS_S_COMPLETE else {
            throw KerberosTokenError("GSS-API cannot use the service keytab \(keytab): " + GSSStatus.text(major, minor),
                                     fix: "Export the service principal's key into the keytab, \(Keytab.export(keytab, service ?? "PRINCIPAL")).")
        }
        return credential
    }
}

/// A GSS-API name, released with its handle.
final class GSSName {
    var handle: gss_name_t?

    private init() {}

    deinit {
        var minor: OM_uint32 = 0
        _ = gss_release_name(&minor, &handle)
    }

    /// A Kerberos principal name (`HTTP/host@REALM`), taken as written: no host name canonicalisation.
    static func principal(_ text: String) throws(KerberosTokenError) -> GSSName {
        let name = GSSName()
        var minor: OM_uint32 = 0
        var bytes = Array(text.utf8)
        let major = bytes.withUnsafeMutableBytes { raw in
            var buffer = gss_buffer_desc(length: raw.count, value: raw.baseAddress)
            return gss_import_name(&minor, &buffer, cs_GSS_KRB5_NT_PRINCIPAL_NAME(), &name.handle)
        }
        guard major == GSS_S_COMPLETE else {
            throw KerberosTokenError("\"\(text)\" is not a Kerberos principal name: " + GSSStatus.text(major, minor),
                                     fix: "Write it as service/host@REALM, e.g. HTTP/www.example.com@EXAMPLE.COM.")
        }
        return name
    }

    /// The text of a name the library returned.
    static func display(_ name: gss_name_t?) throws(KerberosTokenError) -> String {
        var minor: OM_uint32 = 0
        var buffer = gss_buffer_desc()
        defer { _ = gss_release_buffer(&minor, &buffer) }
        let major = gss_display_name(&minor, name, &buffer, nil)
        guard major == GSS_S_COMPLETE else {
            throw KerberosTokenError("GSS-API cannot name the client: " + GSSStatus.text(major, minor), fix: "Report this with the token.")
        }
        return String(decoding: UnsafeRawBufferPointer(start: buffer.value, count: buffer.length), as: UTF8.self)
    }
}

/// GSS-API's own words for a status: the generic part, then Kerberos's.
enum GSSStatus {
    static func text(_ major: OM_uint32, _ minor: OM_uint32) -> String {
        var parts: [String] = []
        for (code, type, mech) in [(major, GSS_C_GSS_CODE, nil), (minor, GSS_C_MECH_CODE, cs_gss_mech_krb5())] where code != 0 {
            var more: OM_uint32 = 0
            repeat {
                var ignored: OM_uint32 = 0
                var buffer = gss_buffer_desc()
                guard gss_display_status(&ignored, code, Int32(type), mech, &more, &buffer) == GSS_S_COMPLETE else { break }
                parts.append(String(decoding: UnsafeRawBufferPointer(start: buffer.value, count: buffer.length), as: UTF8.self))
                _ = gss_release_buffer(&ignored, &buffer)
            } while more != 0
        }
        // A minor code the mechanism glue renumbered for a failure of its own displays as "Success"; and "Unspecified
        // GSS failure. Minor code may provide more information" says nothing once a minor part is there.
        if parts.count > 1 { parts.removeAll { $0 == "Success" } }
        if parts.count > 1, parts[0].hasPrefix("Unspecified GSS failure") { parts.removeFirst() }
        return parts.joined(separator: ": ")
    }
}
