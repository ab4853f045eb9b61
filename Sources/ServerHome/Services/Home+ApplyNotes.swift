extension Home {
    /// What applying a scenario or a policy to the service changes beyond the policy it references, one sentence
    /// each, for the operator to read before the change is written.
    public func applyNotes(for serviceName: String) -> [String] {
        guard let service = try? service(named: serviceName), service.readOnlyReason == nil,
              let bytes = FileSystem.read(FileSystem.join(root, service.path)),
              let definition = try? ServiceDefinition(bytes: bytes, kind: service.kind) else { return [] }
        var notes = definition.scopedPolicies.map { scoped in
            "drops \(scoped.attributes) from <policy key=\"\(scoped.key)\"/> in \(service.path): "
                + "the policy will cover \(service.name)'s requests and responses of every operation"
        }
        let written = layout.policyLocation(forService: service.name).key
        for key in definition.policyKeys where layout.isLocalEntry(key) {
            let path = (try? layout.policyPath(forKey: key, root: root)) ?? key
            notes.append("\(service.name) will no longer use the local entry \(key) (\(path)): it will reference \(written); "
                         + "the entry stays deployed for whatever else uses it")
        }
        return notes
    }
}
