import WSSecurity

extension Home {
    /// A service's policy as Micro Integrator enforces it: `text` read, with the proxy's `allowRoles` parameter joined
    /// to its allowed roles (validation, the self-test and `message` all check what the server will).
    func enforcedPolicy(of service: Service, text: String) throws -> SecurityPolicy {
        enforced(try PolicyReader.read(Array(text.utf8)), of: service)
    }

    /// `policy` (read, or a scenario about to be applied) as Micro Integrator would enforce it for `service`.
    func enforced(_ policy: SecurityPolicy, of service: Service) -> SecurityPolicy {
        policy.joiningProxyRoles(proxyAllowRoles(of: service))
    }

    /// The proxy's `allowRoles` parameter as its definition writes it; nil for other services or without one.
    func proxyAllowRoles(of service: Service) -> String? {
        proxyDefinition(of: service)?.allowRolesParameter
    }

    /// Whether the service may be called over plain HTTP: a proxy's `transports` (both when it does not say);
    /// other services, both.
    func acceptsPlainHTTP(_ service: Service) -> Bool {
        (proxyDefinition(of: service)?.transports ?? ["http", "https"]).contains("http")
    }

    private func proxyDefinition(of service: Service) -> ServiceDefinition? {
        guard service.kind == .proxy, let bytes = FileSystem.read(FileSystem.join(root, service.path)) else { return nil }
        return try? ServiceDefinition(bytes: bytes, kind: .proxy)
    }

    /// The service's policy as its file holds it; nil without a policy, or when it does not read.
    func writtenPolicy(of service: Service) -> SecurityPolicy? {
        guard service.security.policyKey != nil, let text = try? policyText(of: service) else { return nil }
        return try? PolicyReader.read(Array(text.utf8))
    }
}
