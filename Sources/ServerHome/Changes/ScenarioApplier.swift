import WSSecurity

/// Plans the change that applies one of the 16 scenarios to a service: the policy file and the edited definition.
struct ScenarioApplier {
    let home: Home

    func plan(scenario number: Int, service: Service) throws(HomeError) -> Change {
        guard let scenario = ScenarioCatalogue.scenario(number) else {
            throw HomeError(.unknownScenario, "There is no scenario \(number); scenarios are numbered 1 to 16",
                            fix: "`wssconsole scenarios` lists them.")
        }
        if let problem = service.problem {
            throw HomeError(.serviceUnreadable, "\(service.path): \(problem)", fix: "Fix the service definition first.")
        }
        let definitionPath = FileSystem.join(home.root, service.path)
        guard let before = FileSystem.read(definitionPath) else {
            throw HomeError(.serviceUnreadable, "Cannot read \(service.path)")
        }
        let definition = try ServiceDefinition(bytes: before, kind: service.kind)
        let settings = try home.settings()
        let location = home.layout.policyLocation(forService: service.name)
        let policy = scenario.policy(for: hostSettings(settings, keepingRolesOf: service))
        definition.attach(policyKey: location.key)

        let policyBefore = FileSystem.read(FileSystem.join(home.root, location.path))
        return Change(summary: "apply scenario \(number) (\(scenario.name)) to \(service.name)", edits: [
            FileEdit(path: location.path, before: policyBefore, after: PolicyWriter.write(policy)),
            FileEdit(path: service.path, before: before, after: definition.serialized()),
        ])
    }

    /// Host settings from the console settings, keeping the allowed roles an existing policy already grants.
    private func hostSettings(_ settings: ConsoleSettings, keepingRolesOf service: Service) -> HostSettings {
        let keystore = settings.serviceKeystoreSettings
        let file = keystore.map { String($0.file.split(separator: "/").last ?? "") } ?? "wso2carbon.jks"
        var roles: [String] = []
        if service.security.policyKey != nil, let text = try? home.policyText(for: service.name),
           let existing = try? PolicyReader.read(Array(text.utf8)) {
            roles = existing.carbon?.allowedRoles ?? []
        }
        return HostSettings(runtime: settings.runtime, keyAlias: keystore?.alias ?? "wso2carbon", keystore: file,
                            truststore: file, allowedRoles: roles)
    }
}
