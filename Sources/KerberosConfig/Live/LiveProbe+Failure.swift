import CKerberos

/// libkrb5's error codes as `krb5_error_code` values (the header spells them as `long` constants).
enum Krb5Code {
    static func of(_ value: Int) -> krb5_error_code { krb5_error_code(truncatingIfNeeded: value) }
    static let kdcUnreachable = of(KRB5_KDC_UNREACH)
    static let realmUnknown = of(KRB5_REALM_UNKNOWN)
    static let realmCantResolve = of(KRB5_REALM_CANT_RESOLVE)
    static let wrongRealm = of(KRB5KDC_ERR_WRONG_REALM)
    static let clientUnknown = of(KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN)
    static let serverUnknown = of(KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN)
    static let preauthFailed = of(KRB5KDC_ERR_PREAUTH_FAILED)
    static let badIntegrity = of(KRB5KRB_AP_ERR_BAD_INTEGRITY)
    static let clientPreauthFailed = of(KRB5_PREAUTH_FAILED)
    static let keytabNoKey = of(KRB5_KT_NOTFOUND)
    static let keytabNoVersion = of(KRB5_KT_KVNONOTFOUND)
    static let skew = of(KRB5KRB_AP_ERR_SKEW)
    static let modified = of(KRB5KRB_AP_ERR_MODIFIED)
    /// What libkrb5 makes of KRB5_KT_KVNONOTFOUND and KRB5_KT_NOTFOUND when it reads a request (krb5_rd_req).
    static let badKeyVersion = of(KRB5KRB_AP_ERR_BADKEYVER)
    static let noKey = of(KRB5KRB_AP_ERR_NOKEY)
    static let replay = of(KRB5KRB_AP_ERR_REPEAT)
    static let noCommonEnctype = of(KRB5KDC_ERR_ETYPE_NOSUPP)
    static let badFormat = of(KRB5_CONFIG_BADFORMAT)
    /// A ticket in an encryption type krb5.conf's permitted_enctypes leaves out.
    static let enctypeNotPermitted = of(KRB5_NOPERM_ETYPE)
}

extension LiveProbe {
    /// Turns a failed exchange into a finding that says what it means for this setup and what to do.
    func failure(_ code: krb5_error_code, _ message: String, step: String, principal: String?, realm: String?,
                 credential: KerberosCredential?) -> KerberosFinding {
        let realmText = realm ?? "the realm"
        let detail = "\(message) (libkrb5 \(code))"
        switch code {
        case Krb5Code.kdcUnreachable:
            return KerberosFinding(.error, "kdc.unreachable", "no KDC of \(realmText) answered: \(detail)",
                                   fix: "Start the KDC, or correct the kdc lines of [realms] \(realmText); \(kdcAddresses(realm)) must be open (TCP and UDP).")
        case Krb5Code.realmUnknown, Krb5Code.realmCantResolve:
            return KerberosFinding(.error, "kdc.notFound", "krb5.conf names no KDC for \(realmText): \(detail)",
                                   fix: "Add \(realmText) to [realms] with its kdc (wssconsole krb5 realm set \(realmText) --kdc HOST:PORT), or correct the realm of the principal.")
        case Krb5Code.wrongRealm:
            return KerberosFinding(.error, "kdc.wrongRealm", "the KDC named for \(realmText) does not serve that realm (it has no krbtgt/\(realmText)): \(detail)",
                                   fix: "Point [realms] \(realmText) at that realm's own KDC, or use the KDC's realm in the principal and default_realm.")
        case Krb5Code.clientUnknown, Krb5Code.serverUnknown:
            return KerberosFinding(.error, "\(step).principalUnknown", "the KDC has no principal \(principal ?? "?"): \(detail)",
                                   fix: "Create it on the KDC (kadmin: addprinc), or correct the principal's name and realm.")
        case Krb5Code.preauthFailed, Krb5Code.badIntegrity, Krb5Code.clientPreauthFailed:
            if case .keytab(let path)? = credential {
                return KerberosFinding(.error, "\(step).wrongKey", "the key in \(path) for \(principal ?? "?") is not the KDC's: \(detail)",
                                       fix: "The keytab is stale or for another principal: export the current key, \(Keytab.export(path, principal ?? "PRINCIPAL")).")
            }
            return KerberosFinding(.error, "\(step).wrongKey", "the KDC refused the password of \(principal ?? "?"): \(detail)",
                                   fix: "Give the principal's current password.")
        case Krb5Code.keytabNoKey, Krb5Code.keytabNoVersion:
            var keytabPath = "FILE"
            if case .keytab(let path)? = credential { keytabPath = path }
            return KerberosFinding(.error, "\(step).keytabLacksKey", "the keytab holds no key for \(principal ?? "?"): \(detail)",
                                   fix: "Export the principal's key into the keytab, \(Keytab.export(keytabPath, principal ?? "PRINCIPAL")), or name the principal the keytab holds.")
        case Krb5Code.skew:
            return KerberosFinding(.error, "clock.skew", "this host's clock and the KDC's differ too much: \(detail)",
                                   fix: "Synchronise the clocks (NTP); Kerberos allows 5 minutes.")
        case Krb5Code.noCommonEnctype:
            return KerberosFinding(.error, "enctype.mismatch", "the KDC and this configuration share no encryption type: \(detail)",
                                   fix: "List aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 in krb5.conf and give the principal AES keys.")
        default:
            return KerberosFinding(.error, "\(step).failed", "\(principal.map { "\($0): " } ?? "")\(detail)",
                                   fix: "Run the check with KRB5_TRACE=/dev/stderr to see libkrb5's exchange.")
        }
    }
}
