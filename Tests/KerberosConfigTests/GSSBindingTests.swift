import Testing
import Foundation
import CKerberos
import CShims

/// Exercises the MIT GSS-API binding directly (the Kerberos token itself is later work): name import and
/// display through the shimmed OIDs, and a clean "no credentials" status without a ticket cache.
@Suite struct GSSBindingTests {
    func status(_ major: OM_uint32, _ minor: OM_uint32) -> String {
        var text = ""
        for (code, type) in [(major, GSS_C_GSS_CODE), (minor, GSS_C_MECH_CODE)] {
            var context: OM_uint32 = 0, m: OM_uint32 = 0
            var buffer = gss_buffer_desc()
            _ = gss_display_status(&m, code, Int32(type), nil, &context, &buffer)
            text += String(decoding: UnsafeRawBufferPointer(start: buffer.value, count: buffer.length), as: UTF8.self) + "; "
            _ = gss_release_buffer(&m, &buffer)
        }
        return text
    }

    @Test func importsAndDisplaysAHostBasedServiceName() throws {
        var minor: OM_uint32 = 0
        var name: gss_name_t?
        var input = Array("HTTP@localhost".utf8)
        let major = input.withUnsafeMutableBytes { bytes in
            var buffer = gss_buffer_desc(length: bytes.count, value: bytes.baseAddress)
            return gss_import_name(&minor, &buffer, cs_GSS_C_NT_HOSTBASED_SERVICE(), &name)
        }
        #expect(major == GSS_S_COMPLETE)
        defer { _ = gss_release_name(&minor, &name) }
        var shown = gss_buffer_desc()
        var type: gss_OID?
        #expect(gss_display_name(&minor, name, &shown, &type) == GSS_S_COMPLETE)
        #expect(String(decoding: UnsafeRawBufferPointer(start: shown.value, count: shown.length), as: UTF8.self) == "HTTP@localhost")
        _ = gss_release_buffer(&minor, &shown)
    }

    @Test func noTicketCacheIsAReadableError() throws {
        setenv("KRB5CCNAME", "FILE:/nonexistent/wssconsole-ccache", 1)
        var minor: OM_uint32 = 0
        var credential: gss_cred_id_t?
        let major = gss_acquire_cred(&minor, nil, GSS_C_INDEFINITE, nil, Int32(GSS_C_INITIATE), &credential, nil, nil)
        #expect(cs_GSS_ERROR(major) == 1)
        #expect(status(major, minor).contains("No credentials"))
    }
}
