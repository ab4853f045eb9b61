/// What krb5.conf may say: the sections, the `[libdefaults]` settings MIT krb5 1.20 and Java 17 read (the file
/// is read by both: libkrb5 for checks, the JVM at run time), realm settings, and the kind of value each takes.
enum Krb5Vocabulary {
    enum ValueKind { case boolean, integer, duration, enctypes, text }

    static let sections = [
        "libdefaults", "realms", "domain_realm", "capaths", "appdefaults", "plugins", "login", "logging",
        "dbdefaults", "dbmodules", "kdcdefaults", "otp", "kdc",
    ]

    static let libdefaults: [String: ValueKind] = [
        "allow_weak_crypto": .boolean, "canonicalize": .boolean, "ccache_type": .integer, "clockskew": .duration,
        "default_ccache_name": .text, "default_client_keytab_name": .text, "default_keytab_name": .text,
        "default_rcache_name": .text, "default_realm": .text, "default_tgs_enctypes": .enctypes,
        "default_tkt_enctypes": .enctypes, "dns_canonicalize_hostname": .text, "dns_lookup_kdc": .boolean,
        "dns_lookup_realm": .boolean, "dns_uri_lookup": .boolean, "enforce_ok_as_delegate": .boolean, "err_fmt": .text,
        "extra_addresses": .text, "forwardable": .boolean, "ignore_acceptor_hostname": .boolean,
        "k5login_authoritative": .boolean, "k5login_directory": .text, "kcm_mach_service": .text, "kcm_socket": .text,
        "kdc_default_options": .text, "kdc_timesync": .integer, "kdc_req_checksum_type": .integer,
        "ap_req_checksum_type": .integer, "safe_checksum_type": .integer, "noaddresses": .boolean,
        "permitted_enctypes": .enctypes, "plugin_base_dir": .text, "preferred_preauth_types": .text,
        "proxiable": .boolean, "qualify_shortname": .text, "rdns": .boolean, "realm_try_domains": .integer,
        "renew_lifetime": .duration, "spake_preauth_groups": .text, "ticket_lifetime": .duration,
        "udp_preference_limit": .integer, "verify_ap_req_nofail": .boolean, "client_aware_channel_bindings": .boolean,
        "disable_encrypted_timestamp": .boolean, "request_timeout": .duration, "dns_fallback": .boolean,
        // Read by Java's Kerberos (sun.security.krb5.Config) only.
        "kdc_timeout": .text, "max_retries": .integer, "renewable": .boolean, "sname_canonicalize": .boolean,
        "default_checksum": .text,
    ]

    static let realm: [String] = [
        "kdc", "admin_server", "kpasswd_server", "master_kdc", "primary_kdc", "default_domain", "auth_to_local",
        "auth_to_local_names", "http_anchors", "v4_instance_convert", "v4_realm", "sitename",
        "disable_encrypted_timestamp",
        // kdc.conf settings, for files that serve both.
        "database_name", "database_module", "key_stash_file", "acl_file", "admin_keytab", "supported_enctypes",
        "master_key_type", "max_life", "max_renewable_life", "kadmind_port", "kpasswd_port", "kdc_ports",
        "kdc_tcp_ports", "kdc_listen", "kdc_tcp_listen", "default_principal_flags", "dict_file", "reject_bad_transit",
    ]

    /// Prefixes of setting families (PKINIT) that are all accepted.
    static let prefixes = ["pkinit_"]

    /// MIT's boolean words; Java only understands `true` and `false` and takes anything else as the default.
    static let mitTrue: Set<String> = ["y", "yes", "true", "t", "1", "on"]
    static let mitFalse: Set<String> = ["n", "no", "false", "nil", "0", "off"]

    /// True for MIT durations: seconds, `1d2h3m4s` parts, or `h:m[:s]`.
    static func isDuration(_ text: String) -> Bool {
        if !text.isEmpty && text.allSatisfy(\.isNumber) { return true }
        let colonParts = text.split(separator: ":", omittingEmptySubsequences: false)
        if colonParts.count == 2 || colonParts.count == 3 {
            return colonParts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        }
        var sawUnit = false, digits = ""
        for c in text {
            if c.isNumber { digits.append(c); continue }
            guard !digits.isEmpty, "dhms".contains(c) else { return false }
            digits = ""
            sawUnit = true
        }
        return sawUnit && digits.isEmpty
    }
}
