/// Where a home keeps its services, policies and settings: wssconsole's own layout or a Micro Integrator 4.x home.
public enum HomeLayout: String, Sendable {
    case native
    case microIntegrator = "micro-integrator"

    static func detect(root: String) -> HomeLayout? {
        if FileSystem.isDirectory(FileSystem.join(root, "repository/deployment/server")) { return .microIntegrator }
        if FileSystem.isDirectory(FileSystem.join(root, "conf/services")) { return .native }
        return nil
    }

    /// Folders (relative to the root) that hold service definitions, with the kind each file extension means.
    var serviceFolders: [(path: String, ext: String, kind: ServiceKind)] {
        switch self {
        case .native:
            [("conf/services", "xml", .proxy), ("conf/services", "dbs", .dataService)]
        case .microIntegrator:
            [("repository/deployment/server/synapse-configs/default/proxy-services", "xml", .proxy),
             ("repository/deployment/server/dataservices", "dbs", .dataService)]
        }
    }

    /// Registry prefixes and the folders they map to (MI: `MicroIntegratorRegistry`); the native layout keeps
    /// `conf:` for its own conf/ folder so its definitions read like MI's.
    private var registryRoots: [(prefix: String, folder: String)] {
        switch self {
        case .native: [("conf:", "conf/"), ("file:", "")]
        case .microIntegrator: [("conf:", "registry/config/"), ("gov:", "registry/governance/"), ("local:", "registry/local/"), ("file:", "")]
        }
    }

    /// The file (relative to the root) a `<policy key=...>` refers to.
    func policyPath(forKey key: String, root: String) throws(HomeError) -> String {
        for (prefix, folder) in registryRoots where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count).drop { $0 == "/" }
            guard !rest.split(separator: "/").contains("..") else {
                throw HomeError(.policyUnreadable, "The policy key \(key) leaves the home", fix: "Use a key inside the registry.")
            }
            return folder + rest
        }
        // On Micro Integrator a key without a registry prefix names a local entry (`<localEntry key=...>`).
        if self == .microIntegrator, !key.contains(":"), !key.contains("/"), !key.isEmpty {
            return Self.localEntriesFolder + "/" + key + ".xml"
        }
        throw HomeError(.policyUnreadable, "The policy key \(key) is a local entry or an unknown registry prefix",
                        fix: "wssconsole reads policies from conf: or gov: keys (and local entries on Micro Integrator); re-apply a scenario to write one.")
    }

    /// Micro Integrator's local entries, one `<localEntry key="KEY">` per file, named after its key.
    static let localEntriesFolder = "repository/deployment/server/synapse-configs/default/local-entries"

    /// Whether the policy `key` names a local entry rather than a registry resource.
    func isLocalEntry(_ key: String) -> Bool {
        self == .microIntegrator && (try? policyPath(forKey: key, root: ""))?.hasPrefix(Self.localEntriesFolder + "/") == true
    }

    /// Key and path of the policy wssconsole writes for a service.
    func policyLocation(forService name: String) -> (key: String, path: String) {
        switch self {
        case .native: ("conf:policies/\(name).policy.xml", "conf/policies/\(name).policy.xml")
        case .microIntegrator: ("conf:wssconsole/policies/\(name).policy.xml", "registry/config/wssconsole/policies/\(name).policy.xml")
        }
    }

    /// The console's own settings file (relative to the root).
    public var settingsPath: String {
        switch self {
        case .native: "conf/console.toml"
        case .microIntegrator: "wssconsole/console.toml"
        }
    }
}
