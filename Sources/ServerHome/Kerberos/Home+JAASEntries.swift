import KerberosConfig

extension Home {
    /// The change that makes jaas.conf's service entry log in as `principal` with `keytab` (a path as the runtime
    /// sees it), or with a password when `keytab` is nil.
    public func planJaasService(principal: String, keytab: String?, entry: String = "Server") throws -> Change {
        try planJaasEdit("jaas.conf: \(entry) logs in as \(principal) with \(keytab == nil ? "a password" : "keytab \(keytab!)")") {
            (document: inout JAASDocument) throws(KerberosConfigError) in
            try document.configureService(entry: entry, principal: principal, keytab: keytab)
        }
    }

    /// The change that makes jaas.conf's client entry log in as `principal` (with `keytab`, or a password the
    /// caller gives).
    public func planJaasClient(principal: String?, keytab: String?, entry: String = "Client") throws -> Change {
        try planJaasEdit("jaas.conf: \(entry) logs in" + (principal.map { " as \($0)" } ?? "") + (keytab.map { " with keytab \($0)" } ?? "")) {
            (document: inout JAASDocument) throws(KerberosConfigError) in
            try document.configureClient(entry: entry, principal: principal, keytab: keytab)
        }
    }
}
