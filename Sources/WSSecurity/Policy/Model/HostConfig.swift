/// Rampart's configuration block (`rampart:RampartConfig`): keys, users and timestamp rules for the host.
public struct RampartConfig: Sendable, Equatable {
    public var user: String?
    /// `rampart:userCertAlias`: the alias Rampart signs with, before `user`.
    public var userCertAlias: String?
    public var encryptionUser: String?
    public var timestampPrecisionInMilliseconds: Bool
    public var timestampTTL: Int
    public var timestampMaxSkew: Int
    public var timestampStrict: Bool
    /// `rampart:enableTTLCheck` (WSO2's Rampart): refuse a Timestamp whose Created to Expires outlasts
    /// timestampTTL; only where WSS4J is strict (see ``Timestamp/checkFresh(now:rampart:ttlCheck:)``).
    public var enableTTLCheck: Bool
    public var tokenStoreClass: String?
    public var nonceLifeTime: Int
    public var encryptionCrypto: CryptoConfig?
    public var signatureCrypto: CryptoConfig?
    /// `rampart:kerberosConfig` properties, in file order.
    public var kerberos: [Property]?

    public init(user: String? = nil, encryptionUser: String? = nil, timestampPrecisionInMilliseconds: Bool = true,
                timestampTTL: Int = 300, timestampMaxSkew: Int = 300, timestampStrict: Bool = false,
                tokenStoreClass: String? = nil, nonceLifeTime: Int = 300, encryptionCrypto: CryptoConfig? = nil,
                signatureCrypto: CryptoConfig? = nil, kerberos: [Property]? = nil, userCertAlias: String? = nil,
                enableTTLCheck: Bool = false) {
        self.user = user
        self.userCertAlias = userCertAlias
        self.encryptionUser = encryptionUser
        self.timestampPrecisionInMilliseconds = timestampPrecisionInMilliseconds
        self.timestampTTL = timestampTTL
        self.timestampMaxSkew = timestampMaxSkew
        self.timestampStrict = timestampStrict
        self.enableTTLCheck = enableTTLCheck
        self.tokenStoreClass = tokenStoreClass
        self.nonceLifeTime = nonceLifeTime
        self.encryptionCrypto = encryptionCrypto
        self.signatureCrypto = signatureCrypto
        self.kerberos = kerberos
    }
}

extension RampartConfig {
    /// The skew Rampart allows: a negative one counts as none (RampartUtil.getTimestampMaxSkew).
    var effectiveMaxSkew: Int { max(0, timestampMaxSkew) }

    /// Whether WSS4J's own Timestamp check runs (Expires passed, no skew). Rampart 1.7.0-wso2v1 never hands the
    /// WSSConfig it builds to the engine (RampartEngine.java:117), which uses the process-wide default
    /// (WSSecurityEngine.java:162), strict from the start (WSSConfig.java:194). A RampartConfig with timestampStrict
    /// false and timestampPrecisionInMilliseconds true switches that default off (RampartMessageData.java:370-376);
    /// any other only clones it. So, for an MI whose secured services share this config: strict unless both are
    /// the defaults. (One service with the defaults in the same MI switches it off for all of them.)
    var wss4jTimestampStrict: Bool { timestampStrict || !timestampPrecisionInMilliseconds }

    /// Whether WSS4J caps the Timestamp's lifetime at timestampTTL: strict, rampart:enableTTLCheck, outside the
    /// symmetric binding (`ttlCheck`), and only for a positive TTL (TimestampProcessor.java:103).
    func wss4jCapsLifetime(ttlCheck: Bool) -> Bool { wss4jTimestampStrict && ttlCheck && enableTTLCheck && timestampTTL > 0 }

    /// Why ``wss4jTimestampStrict`` holds, for a fault.
    var strictReason: String {
        switch (timestampStrict, timestampPrecisionInMilliseconds) {
        case (true, true): "rampart:timestampStrict is true"
        case (true, false): "rampart:timestampStrict is true and rampart:timestampPrecisionInMilliseconds is false"
        default: "rampart:timestampPrecisionInMilliseconds is false, which leaves WSS4J's strict default in place"
        }
    }

    /// The settings that would make ``wss4jTimestampStrict`` false: every one that keeps it true.
    var unstrictSettings: String {
        [timestampStrict ? "rampart:timestampStrict false" : nil, timestampPrecisionInMilliseconds ? nil : "rampart:timestampPrecisionInMilliseconds true"]
            .compactMap { $0 }.joined(separator: " and ")
    }
}

/// A `rampart:crypto` element: which provider class loads which keystore.
public struct CryptoConfig: Sendable, Equatable {
    public var provider: String
    public var cryptoKey: String?
    public var properties: [Property]
    public init(provider: String, cryptoKey: String?, properties: [Property]) {
        self.provider = provider
        self.cryptoKey = cryptoKey
        self.properties = properties
    }
}

/// A named property, as the configuration blocks hold them.
public struct Property: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// WSO2's `sec:CarbonSecConfig` block.
public struct CarbonSecConfig: Sendable, Equatable {
    /// Roles allowed to call (UsernameToken scenarios), each name as Micro Integrator compares it (not trimmed); nil
    /// when the block has no Authorization element, empty when it has no allowed-roles property (every authenticated
    /// user may call), `[""]` when the property names no role (Micro Integrator lets nobody in).
    public var allowedRoles: [String]?
    public var trust: [Property]?
    public var kerberos: [Property]?
    public init(allowedRoles: [String]? = nil, trust: [Property]? = nil, kerberos: [Property]? = nil) {
        self.allowedRoles = allowedRoles
        self.trust = trust
        self.kerberos = kerberos
    }
}

extension SecurityPolicy {
    /// The policy with a proxy's `allowRoles` parameter joined to its allowed roles, as Micro Integrator's
    /// SecurityDeploymentInterceptor joins them: appended to the property's roles, or in their place when the property
    /// names none (or is absent).
    public func joiningProxyRoles(_ value: String?) -> SecurityPolicy {
        guard let value, !value.isEmpty else { return self }
        var joined = self
        var carbon = carbon ?? CarbonSecConfig()
        let own = (carbon.allowedRoles ?? []).filter { !$0.isEmpty }
        carbon.allowedRoles = own + RampartReader.allowedRoles(value).filter { !$0.isEmpty }
        joined.carbon = carbon
        return joined
    }
}
