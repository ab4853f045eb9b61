/// The two entries scenario 16 needs, written the way Java's Krb5LoginModule wants them.
extension JAASDocument {
    /// Makes `entry` the service side: it accepts tickets for `principal` with the key from `keytab`, or logs in
    /// with a password (given to the runtime elsewhere) when `keytab` is nil.
    public mutating func configureService(entry: String = "Server", principal: String, keytab: String?) throws(KerberosConfigError) {
        guard !principal.isEmpty else { throw .invalidValue("the service principal is empty (write it as HTTP/host@REALM)") }
        var options: [(name: String, value: String)] = [("useKeyTab", keytab == nil ? "false" : "true")]
        if let keytab { options.append(("keyTab", keytab)) }
        options += [("principal", principal), ("storeKey", "true"), ("useTicketCache", "false"), ("isInitiator", "false")]
        try configure(entry: entry, options: options, removing: keytab == nil ? ["keyTab"] : [])
    }

    /// Makes `entry` the client side: it logs in as `principal` (or whoever the caller names, when nil) with a keytab,
    /// or with a password the calling program supplies, never from a ticket cache.
    public mutating func configureClient(entry: String = "Client", principal: String?, keytab: String?) throws(KerberosConfigError) {
        var options: [(name: String, value: String)] = [("useTicketCache", "false")]
        var removing: [String] = []
        if let keytab {
            options += [("useKeyTab", "true"), ("keyTab", keytab)]
        } else {
            removing += ["useKeyTab", "keyTab"]
        }
        if let principal { options.append(("principal", principal)) } else { removing.append("principal") }
        try configure(entry: entry, options: options, removing: removing)
    }
}
