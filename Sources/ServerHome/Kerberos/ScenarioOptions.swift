import Foundation
import KerberosConfig
import KeyMaterial
import WSSecurity

/// What applying a scenario needs beyond the home's settings: scenario 16's service principal, the allowed roles, the
/// RampartConfig's freshness numbers.
public struct ScenarioOptions: Sendable {
    /// Scenario 16: the service principal, as `HTTP/host@REALM`.
    public var servicePrincipal: String?
    /// Scenario 16: the keytab the service logs in with, as the runtime sees the path (relative paths start at the
    /// server home). Nil with a password.
    public var serviceKeytab: String?
    /// Scenario 16: the principal's password, when there is no keytab. WSO2 reads it from the policy
    /// (`service.principal.password`); the change path then writes the policy file owner-only (`FileEdit.secret`).
    public var servicePassword: Secret?
    /// UsernameToken scenarios: the roles allowed to call; empty lets every authenticated user call; nil keeps those
    /// the service's policy already grants.
    public var allowedRoles: [String]?
    /// `rampart:timestampTTL`, `timestampMaxSkew` and `nonceLifeTime` in seconds; nil keeps the service's policy's
    /// (WSO2's 300 for a service without one). Checked by ``FreshnessSetting``.
    public var timestampTTL: Int?
    public var timestampMaxSkew: Int?
    public var nonceLifeTime: Int?

    public init(servicePrincipal: String? = nil, serviceKeytab: String? = nil, servicePassword: Secret? = nil, allowedRoles: [String]? = nil,
                timestampTTL: Int? = nil, timestampMaxSkew: Int? = nil, nonceLifeTime: Int? = nil) {
        self.servicePrincipal = servicePrincipal
        self.serviceKeytab = serviceKeytab
        self.servicePassword = servicePassword
        self.allowedRoles = allowedRoles
        self.timestampTTL = timestampTTL
        self.timestampMaxSkew = timestampMaxSkew
        self.nonceLifeTime = nonceLifeTime
    }
}

/// Scenario 16's part of applying a scenario: the principal and password in the policy, the service entry of
/// jaas.conf.
enum KerberosScenario {
    /// Puts the password where Rampart and WSO2 read it (``SecurityPolicy/setKerberosServicePassword(_:)``); without
    /// a new password or a keytab, the password the service's current policy holds is kept.
    static func apply(_ options: ScenarioOptions, to policy: inout SecurityPolicy, home: Home, service: Service) {
        guard policy.carbon?.kerberos != nil || policy.rampart?.kerberos != nil else { return }
        var text: String?
        if let password = options.servicePassword {
            text = password.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        } else if options.serviceKeytab == nil, service.security.policyKey != nil,
                  let current = try? home.policyText(of: service), let existing = try? PolicyReader.read(Array(current.utf8)) {
            text = existing.kerberosServicePassword
        }
        guard let text, !text.isEmpty else { return }
        policy.setKerberosServicePassword(text)
    }

    static let passwordProperty = "service.principal.password"

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
}
