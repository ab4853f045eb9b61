import WSSecurity

/// Finds and reads the service definitions of a home.
struct ServiceCatalogue {
    let home: Home

    func load() -> [Service] {
        var services: [Service] = []
        for folder in home.layout.serviceFolders {
            let dir = FileSystem.join(home.root, folder.path)
            for file in FileSystem.list(dir) where file.hasSuffix("." + folder.ext) && !file.hasPrefix(".") {
                services.append(read(path: folder.path + "/" + file, kind: folder.kind))
            }
        }
        let paths = Dictionary(grouping: services, by: \.name).mapValues { $0.map(\.path) }
        for index in services.indices {
            services[index].alsoDefinedIn = (paths[services[index].name] ?? []).filter { $0 != services[index].path }
        }
        if home.layout == .microIntegrator {
            let dir = "repository/deployment/server/carbonapps"
            for file in FileSystem.list(FileSystem.join(home.root, dir)) where file.hasSuffix(".car") {
                services.append(Service(name: String(file.dropLast(4)), kind: .carbonApp, path: dir + "/" + file, security: .unsecured,
                                        readOnlyReason: "Packaged in a Carbon app: secure its services in the integration project and redeploy the .car"))
            }
        }
        return services.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    func read(path: String, kind: ServiceKind) -> Service {
        let fallbackName = String(path.split(separator: "/").last!.split(separator: ".").first!)
        guard let bytes = FileSystem.read(FileSystem.join(home.root, path)) else {
            return Service(name: fallbackName, kind: kind, path: path, security: .unsecured, problem: "cannot read the file")
        }
        let definition: ServiceDefinition
        do { definition = try ServiceDefinition(bytes: bytes, kind: kind) } catch {
            return Service(name: fallbackName, kind: kind, path: path, security: .unsecured, problem: error.message)
        }
        var service = Service(name: definition.name, kind: kind, path: path, security: security(of: definition))
        service.policyKeys = definition.policyKeys
        return service
    }

    private func security(of definition: ServiceDefinition) -> ServiceSecurity {
        guard definition.securityEnabled, let key = definition.policyKeys.first else { return .unsecured }
        let policyPath: String
        do { policyPath = try home.layout.policyPath(forKey: key, root: home.root) } catch {
            return .unreadable(policyKey: key, problem: error.message)
        }
        guard let bytes = FileSystem.read(FileSystem.join(home.root, policyPath)) else {
            return .unreadable(policyKey: key, problem: "\(policyPath): missing, or not readable")
        }
        let policy: SecurityPolicy
        // A PolicyError says the line and column of a parse error, and quotes none of the file.
        do { policy = try PolicyReader.read(LocalEntry.unwrap(bytes)) } catch { return .unreadable(policyKey: key, problem: "\(policyPath): \(error)") }
        guard let scenario = ScenarioCatalogue.scenario(wsuId: policy.id) else { return .custom(policyKey: key, policyId: policy.id) }
        return .scenario(scenario.number, policyKey: key)
    }
}
