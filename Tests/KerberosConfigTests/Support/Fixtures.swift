/// The test suite's own krb5.conf and jaas.conf samples, shaped like the files operators meet.
enum Fixtures {
    /// Shaped like the sample an old WSO2 release shipped: tab/space mix, RC4 only, DNS lookup on, the closing
    /// brace out of line, and no newline at the end.
    static let legacyKrb5 = "[libdefaults]\n        default_realm = LEGACY.ORG\n        default_tkt_enctypes = rc4-hmac\n"
        + "        default_tgs_enctypes = rc4-hmac\n        dns_lookup_kdc = true\n        dns_lookup_realm = false\n\n"
        + "[realms]\n        LEGACY.ORG = {\n            kdc = 127.0.0.1\n   }"

    /// Everything the profile grammar allows: comments of both kinds, a directive, final markers, a brace on
    /// its own line, nested blocks, quoted values, CR LF line endings on one line.
    static let richKrb5 = """
        # A comment
        ; another comment
        module /usr/lib/x86_64-linux-gnu/krb5/plugins/preauth/otp.so:residual

        [libdefaults]*
        \tdefault_realm = EXAMPLE.COM
            ticket_lifetime* = 10h
            default_ccache_name = "FILE:/tmp/krb5cc_%{uid}"
            udp_preference_limit = 1\r

        [realms]
            EXAMPLE.COM =
            {
                kdc = kdc1.example.com:88
                kdc = kdc2.example.com
                admin_server = kdc1.example.com:749
                auth_to_local = RULE:[1:$1@$0](.*@OTHER.ORG)s/@.*//
                auth_to_local = DEFAULT
            }*
            OTHER.ORG = {
              kdc = [::1]:88
            }

        [capaths]
            EXAMPLE.COM = {
                OTHER.ORG = .
            }

        [domain_realm]
            .example.com = EXAMPLE.COM

        """

    /// A service and a client entry as the demo home writes them.
    static let demoJaas = """
        /*
         * jaas.conf for a test home.
         */

        // The service side.
        Server {
            com.sun.security.auth.module.Krb5LoginModule required
                useKeyTab=true
                keyTab="keystores/service.keytab"
                principal="HTTP/localhost@EXAMPLE.COM"
                storeKey=true
                useTicketCache=false
                isInitiator=false;
        };

        /* The client side. */
        Client {
            com.sun.security.auth.module.Krb5LoginModule required
                useTicketCache=false;
        };

        """

    /// Shaped like an old WSO2 sample: no indentation, a misspelt boolean, no newline at the end.
    static let legacyJaas = "Server {\ncom.sun.security.auth.module.Krb5LoginModule required\nuseKeyTab=tfalse\nstoreKey=true\n"
        + "useTicketCache=false\nisInitiator=false;\n};\nClient {\ncom.sun.security.auth.module.Krb5LoginModule required\n"
        + "useTicketCache=false;\n};"
}
