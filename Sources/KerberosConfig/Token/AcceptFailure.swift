import CKerberos

extension GSSStatus {
    /// A token the service refused, with what the operator can do about it, by libkrb5's error code. MIT's
    /// mechanism glue hands the krb5 mechanism's code on as the minor status (it renumbers a code only when another
    /// mechanism of the process used the same number first, and this process uses only krb5).
    static func acceptFailure(_ major: OM_uint32, _ minor: OM_uint32, token: [UInt8], keytab: String, service: String?) -> KerberosTokenError {
        let message = "The service cannot accept the Kerberos token: " + text(major, minor)
        let principal = service ?? "the service principal"
        let inMemory = keytab.hasPrefix("MEMORY:")
        // What the token itself says comes first: a ticket for another principal or realm, or no AP-REQ at all,
        // whatever code libkrb5 reports for it.
        guard let server = APRequestOutline.ticketServer(token) else {
            return KerberosTokenError(message, fix: "The token is damaged or not a Kerberos AP-REQ: the client must send the GSS-API token "
                                      + "of a ticket for \(principal) (Base64 in a #GSS_Kerberosv5_AP_REQ BinarySecurityToken).")
        }
        if let service, !sameService(server, service) {
            return KerberosTokenError(message, fix: "The token is a ticket for \(server), not for \(service): the client must ask its KDC for a "
                                      + "ticket to \(service) (the policy's service.principal.name), or this service must use \(server)'s keytab.")
        }
        switch krb5_error_code(truncatingIfNeeded: Int32(bitPattern: minor)) {
        case Krb5Code.badKeyVersion, Krb5Code.keytabNoVersion:
            let ticket = APRequestOutline.ticketKeyVersion(token).map { "key version \($0)" } ?? "a newer key version"
            if inMemory {
                return KerberosTokenError(message, fix: "The KDC's key for \(principal) changed (\(ticket)) since the service logged in with its password: run again.",
                                          reason: .keytabOutdated)
            }
            let held = service.flatMap { keytabVersions(keytab, principal: $0) }.map { " (it holds version \($0))" } ?? ""
            return KerberosTokenError(message, fix: "The keytab \(keytab) is older than the KDC's key for \(principal), \(ticket)\(held): "
                                      + "export it again, \(Keytab.export(keytab, principal)), then `wssconsole jaas check` confirms it.",
                                      reason: .keytabOutdated)
        case Krb5Code.noKey, Krb5Code.keytabNoKey:
            return KerberosTokenError(message, fix: "The keytab \(keytab) holds no key for \(principal) in the ticket's encryption type: export it "
                                      + "\(Keytab.export(keytab, principal)), or name the principal the keytab holds.")
        case Krb5Code.badIntegrity, Krb5Code.modified:
            // The same code for a ticket the keys do not open and an authenticator altered on its way.
            return KerberosTokenError(message, fix: inMemory
                                      ? "The token was altered on its way, or the keys made from the service password do not open it: check service.principal.password."
                                      : "The token was altered on its way, or the keytab's key for \(principal) is not the KDC's (same version, another key): "
                                      + "`wssconsole jaas check` tells which; export the key again, \(Keytab.export(keytab, principal)).")
        case Krb5Code.enctypeNotPermitted:
            let enctype = APRequestOutline.ticketEnctype(token).map { Keytab.enctypeName(krb5_enctype($0)) } ?? "its encryption type"
            return KerberosTokenError(message, fix: "The ticket is encrypted with \(enctype), which krb5.conf's permitted_enctypes leaves out; "
                                      + "Micro Integrator reads the same file and refuses it too. Add \(enctype) to permitted_enctypes, or have the "
                                      + "KDC issue tickets for \(principal) in a permitted type (its keys' encryption types).")
        case Krb5Code.skew:
            return KerberosTokenError(message, fix: "The clocks of the client, the KDC and this host differ by more than the allowed skew: synchronise them (NTP).")
        case Krb5Code.replay:
            return KerberosTokenError(message, fix: "This token was accepted before: a client makes a new one for every request.")
        default:
            if (major >> 16) & 0xff == 9 {    // GSS_S_DEFECTIVE_TOKEN
                return KerberosTokenError(message, fix: "The token is damaged or not a Kerberos AP-REQ.")
            }
            // The ticket names this service (checked above): the principal is not what to check.
            return KerberosTokenError(message, fix: "The ticket is for \(principal), as it should be, and GSS-API refused it all the same: the token may "
                                      + "have been damaged on its way (bytes added or lost), or the keytab may not open it (`wssconsole jaas check` tests the keytab).")
        }
    }

    /// True when the ticket's server `server` (realm included) is `service`, which may omit its realm.
    private static func sameService(_ server: String, _ service: String) -> Bool {
        service.contains("@") ? server == service : server.split(separator: "@").first.map(String.init) == service
    }

    /// The key versions a keytab file holds for `principal`, newest first ("2", "2 and 1").
    private static func keytabVersions(_ path: String, principal: String) -> String? {
        guard case .success(let entries) = Keytab.entries(path: path) else { return nil }
        let versions = Set(entries.filter { $0.principal == principal }.map(\.kvno)).sorted(by: >).map(String.init)
        return versions.isEmpty ? nil : versions.joined(separator: " and ")
    }
}

/// The few fields of a GSS-API Kerberos initial context token (RFC 4121 §4.1: the mechanism OID, the token id, then
/// the AP-REQ of RFC 4120 §5.5.1) that explain a refusal, read without decrypting anything.
enum APRequestOutline {
    /// The key version the ticket's enc-part names: the KDC's key of the service when it issued the ticket.
    static func ticketKeyVersion(_ token: [UInt8]) -> Int? {
        guard let kvno = content(field(content(field(ticket(token), 3), 0x30), 1), 0x02), !kvno.isEmpty, kvno.count <= 4 else { return nil }
        return kvno.reduce(0) { $0 << 8 | Int($1) }
    }

    /// The encryption type of the ticket's enc-part (RFC 3961 number): the type of the service key it is sealed with.
    static func ticketEnctype(_ token: [UInt8]) -> Int? {
        guard let etype = content(field(content(field(ticket(token), 3), 0x30), 0), 0x02), !etype.isEmpty, etype.count <= 4 else { return nil }
        return etype.reduce(0) { $0 << 8 | Int($1) }
    }

    /// The service principal the ticket is for (`HTTP/host@REALM`), or nil when the token is no GSS-API Kerberos AP-REQ.
    static func ticketServer(_ token: [UInt8]) -> String? {
        let ticket = ticket(token)
        guard let realm = content(field(ticket, 1), 0x1B) else { return nil }
        var names = DERReader(content(field(content(field(ticket, 2), 0x30), 1), 0x30) ?? [])
        var parts: [String] = []
        while let part = names.element(0x1B) { parts.append(String(decoding: part, as: UTF8.self)) }
        guard !parts.isEmpty, names.bytes.isEmpty else { return nil }
        return parts.joined(separator: "/") + "@" + String(decoding: realm, as: UTF8.self)
    }

    /// The Ticket SEQUENCE of the token: the GSS-API header (RFC 2743 3.1: [APPLICATION 0], the mechanism OID, then
    /// TOK_ID 01 00), the AP-REQ's field [3], its [APPLICATION 1].
    private static func ticket(_ token: [UInt8]) -> ArraySlice<UInt8>? {
        guard var inner = content(token[...], 0x60).map(DERReader.init), inner.element(0x06) != nil, inner.bytes.count > 2 else { return nil }
        let request = content(content(inner.bytes.dropFirst(2), 0x6E), 0x30)
        return content(content(field(request, 3), 0x61), 0x30)
    }

    private static func content(_ bytes: ArraySlice<UInt8>?, _ tag: UInt8) -> ArraySlice<UInt8>? {
        bytes.flatMap { var reader = DERReader($0); return reader.element(tag) }
    }

    private static func field(_ bytes: ArraySlice<UInt8>?, _ number: UInt8) -> ArraySlice<UInt8>? {
        bytes.flatMap { var reader = DERReader($0); return reader.field(number) }
    }
}

/// Reads DER elements one after another from a slice; nil for anything unexpected.
private struct DERReader {
    var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    /// The content of the next element when its tag is `tag`.
    mutating func element(_ tag: UInt8) -> ArraySlice<UInt8>? {
        guard let (found, content) = next(), found == tag else { return nil }
        return content
    }

    /// The content of the context-specific field `[number]` of a SEQUENCE, skipping the fields before it.
    mutating func field(_ number: UInt8) -> ArraySlice<UInt8>? {
        while let (tag, content) = next() {
            if tag == 0xA0 | number { return content }
        }
        return nil
    }

    private mutating func next() -> (UInt8, ArraySlice<UInt8>)? {
        guard bytes.count >= 2 else { return nil }
        var index = bytes.startIndex
        let tag = bytes[index]
        index += 1
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 4, bytes.endIndex - index >= count else { return nil }
            length = bytes[index..<index + count].reduce(0) { $0 << 8 | Int($1) }
            index += count
        }
        guard length <= bytes.endIndex - index else { return nil }
        defer { bytes = bytes[(index + length)...] }
        return (tag, bytes[index..<index + length])
    }
}
