import KerberosConfig

extension Home {
    /// The change that makes jaas.conf's service entry log in as `principal` with `keytab` (a path as the runtime
    /// sees it), or with a password when `keytab` is nil; the scenario 16 policies that name another principal
    /// are rewritten to name this one, so the policy and the host agree.
    public func planJaasService(principal: String, keytab: String?, entry: String = "Server") throws -> Change {
        var change = try planJaasEdit("jaas.conf: \(entry) logs in as \(principal) with \(keytab == nil ? "a password" : "keytab \(keytab!)")") {
            (document: inout JAASDocument) throws(KerberosConfigError) in
            try document.configureService(entry: entry, principal: principal, keytab: keytab)
        }
        let options = ScenarioOptions(servicePrincipal: principal, serviceKeytab: keytab)
        var renamed: [String] = []
        for settings in kerberosServices() where settings.principal != principal {
            let service = try service(named: settings.service)
            let location = layout.policyLocation(forService: service.name)
            // Only the scenario 16 policies wssconsole writes; another file, or a custom policy, is the operator's.
            guard case .scenario(16, _) = service.security, service.security.policyKey == location.key else { continue }
            let planned = try ScenarioApplier(home: self).plan(scenario: 16, service: service, options: options)
            change.edits += planned.edits.filter { $0.path == location.path }
            renamed.append(service.name)
        }
        if !renamed.isEmpty { change.summary += "; the policies of \(renamed.joined(separator: ", ")) name it" }
        return change
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
