import Foundation
import KerberosConfig
import KeyMaterial
import WSSecurity

/// What applying a scenario needs beyond the home's settings (today: scenario 16's service principal).
public struct ScenarioOptions: Sendable {
    /// Scenario 16: the service principal, as `HTTP/host@REALM`.
    public var servicePrincipal: String?
    /// Scenario 16: the keytab the service logs in with, as the runtime sees the path (relative paths start at the
    /// server home). Nil with a password.
    public var serviceKeytab: String?
    /// Scenario 16: the principal's password, when there is no keytab. WSO2 reads it from the policy
    /// (`service.principal.password`); wssconsole then keeps the policy file readable by its owner only.
    public var servicePassword: Secret?

    public init(servicePrincipal: String? = nil, serviceKeytab: String? = nil, servicePassword: Secret? = nil) {
        self.servicePrincipal = servicePrincipal
        self.serviceKeytab = serviceKeytab
        self.servicePassword = servicePassword
    }
}

/// Scenario 16's part of applying a scenario: the principal and password in the policy, the service entry of
/// jaas.conf.
enum KerberosScenario {
    /// Puts the password where WSO2 reads it, in the policy's Kerberos properties.
    static func apply(_ options: ScenarioOptions, to policy: inout SecurityPolicy) {
        guard let password = options.servicePassword, var properties = policy.carbon?.kerberos else { return }
        let text = password.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        if let index = properties.firstIndex(where: { $0.name == "service.principal.password" }) {
            properties[index].value = text
        } else {
            properties.insert(Property("service.principal.password", text), at: 0)
        }
        policy.carbon?.kerberos = properties
    }

    /// The jaas.conf edit that makes the service entry log in as the principal, or nil without a principal.
    static func jaasEdit(_ options: ScenarioOptions, home: Home, settings: ConsoleSettings) throws(HomeError) -> FileEdit? {
        guard let principal = options.servicePrincipal, !principal.isEmpty else { return nil }
        let before = FileSystem.read(FileSystem.join(home.root, settings.jaasConf))
        var document = JAASDocument(bytes: before ?? [])
        do {
            try document.configureService(principal: principal, keytab: options.serviceKeytab)
        } catch {
            throw HomeError(.writeFailed, "\(settings.jaasConf): \(error.reason)", fix: "Fix jaas.conf first: wssconsole jaas check.")
        }
        guard document.bytes != before else { return nil }
        return FileEdit(path: settings.jaasConf, before: before, after: document.bytes)
    }
}

extension Home {
    /// The change that applies scenario `number` to the service with `options` (scenario 16: principal, keytab or
    /// password, and jaas.conf's service entry).
    public func planApply(scenario number: Int, to serviceName: String, options: ScenarioOptions) throws(HomeError) -> Change {
        try ScenarioApplier(home: self).plan(scenario: number, service: service(named: serviceName), options: options)
    }

    /// Before committing a scenario 16 change that puts a password in the policy: the policy file is made readable
    /// by its owner only first (created empty with mode 0600 when new), so the change path, which keeps a file's
    /// mode, never writes the password into a file others can read. Not for dry runs.
    public func preparingPolicyPassword(_ change: Change, service serviceName: String, options: ScenarioOptions) throws(HomeError) -> Change {
        guard options.servicePassword != nil else { return change }
        let policyPath = layout.policyLocation(forService: serviceName).path
        var prepared = change
        for (index, edit) in change.edits.enumerated() where edit.path == policyPath {
            let path = FileSystem.join(root, edit.path)
            if edit.isNewFile {
                try FileSystem.createDirectories(forFile: path)
                let temporary = try FileSystem.writeTemporary(besides: path, bytes: [], mode: 0o600)
                guard link(temporary, path) == 0 else {
                    unlink(temporary)
                    throw HomeError(.writeFailed, "\(edit.path) appeared while the change was prepared", fix: "Review it and try again.")
                }
                unlink(temporary)
                FileSystem.syncDirectory((path as NSString).deletingLastPathComponent)
                prepared.edits[index].before = []
            } else if chmod(path, 0o600) != 0 {
                throw HomeError(.writeFailed, "Cannot make \(edit.path) private: \(FileSystem.errnoText())", fix: "Check its owner.")
            }
        }
        return prepared
    }
}
