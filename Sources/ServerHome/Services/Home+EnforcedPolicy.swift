import WSSecurity

extension Home {
    /// A service's policy as Micro Integrator enforces it: `text` read, with the proxy's `allowRoles` parameter joined
    /// to its allowed roles (validation, the self-test and `message` all check what the server will).
    func enforcedPolicy(of service: Service, text: String) throws -> SecurityPolicy {
        enforced(try PolicyReader.read(Array(text.utf8)), of: service)
    }

    /// `policy` (read, or a scenario about to be applied) as Micro Integrator would enforce it for `service`.
    func enforced(_ policy: SecurityPolicy, of service: Service) -> SecurityPolicy {
        guard service.kind == .proxy, let bytes = FileSystem.read(FileSystem.join(root, service.path)),
              let definition = try? ServiceDefinition(bytes: bytes, kind: .proxy) else { return policy }
        return policy.joiningProxyRoles(definition.allowRolesParameter)
    }
}
