/// What a host contributes to a scenario's policy: key alias and stores, runtime class names, roles, principal, and
/// the RampartConfig's freshness numbers.
public struct HostSettings: Sendable, Equatable {
    /// The runtime that reads the policy; it decides the class names Rampart loads.
    public enum Runtime: String, Sendable {
        /// WSO2 Micro Integrator 4.x (`org.wso2.micro.integrator.security...`); the Carbon names fail there.
        case microIntegrator
        /// Carbon-based servers (ESB 4.x, EI 6.x).
        case carbon
    }

    public var runtime: Runtime
    /// Alias of the service's key pair in its keystore.
    public var keyAlias: String
    /// Keystore file name as the runtime's crypto provider names it.
    public var keystore: String
    public var truststore: String
    public var allowedRoles: [String]
    public var servicePrincipal: String
    /// `rampart:timestampTTL`, `timestampMaxSkew` and `nonceLifeTime`, in seconds (WSO2's files: 300 each).
    public var timestampTTL: Int
    public var timestampMaxSkew: Int
    public var nonceLifeTime: Int

    public init(runtime: Runtime = .microIntegrator, keyAlias: String = "wso2carbon", keystore: String = "wso2carbon.jks",
                truststore: String = "wso2carbon.jks", allowedRoles: [String] = [], servicePrincipal: String = "",
                timestampTTL: Int = 300, timestampMaxSkew: Int = 300, nonceLifeTime: Int = 300) {
        self.runtime = runtime
        self.keyAlias = keyAlias
        self.keystore = keystore
        self.truststore = truststore
        self.allowedRoles = allowedRoles
        self.servicePrincipal = servicePrincipal
        self.timestampTTL = timestampTTL
        self.timestampMaxSkew = timestampMaxSkew
        self.nonceLifeTime = nonceLifeTime
    }

    var cryptoProvider: String {
        switch runtime {
        case .microIntegrator: "org.wso2.micro.integrator.security.util.ServerCrypto"
        case .carbon: "org.wso2.carbon.security.util.ServerCrypto"
        }
    }

    var tokenStoreClass: String {
        switch runtime {
        case .microIntegrator: "org.wso2.micro.integrator.security.extensions.SecurityTokenStore"
        case .carbon: "org.wso2.carbon.security.util.SecurityTokenStore"
        }
    }

    static let cryptoPrefix = "org.wso2.carbon.security.crypto."

    func crypto() -> CryptoConfig {
        CryptoConfig(provider: cryptoProvider, cryptoKey: Self.cryptoPrefix + "privatestore", properties: [
            Property(Self.cryptoPrefix + "alias", keyAlias),
            Property(Self.cryptoPrefix + "privatestore", keystore),
            Property("org.wso2.stratos.tenant.id", "-1234"),
            Property(Self.cryptoPrefix + "truststores", truststore),
            Property("rampart.config.user", keyAlias),
        ])
    }

    func rampartConfig(for scenario: Scenario) -> RampartConfig {
        if scenario.requirements.contains(.kerberos) {
            return RampartConfig(timestampTTL: timestampTTL, timestampMaxSkew: timestampMaxSkew, nonceLifeTime: nonceLifeTime,
                                 kerberos: [Property("service.principal.name", servicePrincipal)])
        }
        let usesKeys = scenario.requirements.contains(.serviceKeyPair)
        return RampartConfig(user: keyAlias, encryptionUser: "useReqSigCert", timestampTTL: timestampTTL, timestampMaxSkew: timestampMaxSkew,
                             tokenStoreClass: tokenStoreClass, nonceLifeTime: nonceLifeTime,
                             encryptionCrypto: usesKeys ? crypto() : nil, signatureCrypto: usesKeys ? crypto() : nil)
    }

    func carbonConfig(for scenario: Scenario) -> CarbonSecConfig? {
        // No roles: no property at all. Micro Integrator reads an empty one as a role no user has, and refuses everyone.
        let roles = scenario.usesAllowedRoles && !allowedRoles.isEmpty ? allowedRoles : nil
        let trust = scenario.requirements.contains(.secureConversation)
            ? [Property(Self.cryptoPrefix + "truststores", truststore), Property(Self.cryptoPrefix + "privatestore", keystore),
               Property(Self.cryptoPrefix + "alias", keyAlias)]
            : nil
        let kerberos = scenario.requirements.contains(.kerberos)
            ? [Property("service.principal.password", ""), Property("service.principal.name", servicePrincipal)] : nil
        if roles == nil && trust == nil && kerberos == nil { return nil }
        return CarbonSecConfig(allowedRoles: roles, trust: trust, kerberos: kerberos)
    }
}

extension RampartConfig {
    /// The Carbon class names this block makes Rampart load (crypto providers, token store), each with the Micro
    /// Integrator class that replaces it: Micro Integrator 4.x cannot load the Carbon ones.
    public var carbonClasses: [(carbon: String, microIntegrator: String)] {
        let carbon = HostSettings(runtime: .carbon), integrator = HostSettings(runtime: .microIntegrator)
        let replacements = [carbon.cryptoProvider: integrator.cryptoProvider, carbon.tokenStoreClass: integrator.tokenStoreClass]
        var seen = Set<String>()
        return [tokenStoreClass, signatureCrypto?.provider, encryptionCrypto?.provider].compactMap { $0 }
            .filter { $0.hasPrefix("org.wso2.carbon.") && seen.insert($0).inserted }
            .map { ($0, replacements[$0] ?? "its org.wso2.micro.integrator counterpart") }
    }
}
