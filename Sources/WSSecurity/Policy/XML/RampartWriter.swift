import SecureXML

/// Writes the host blocks: `rampart:RampartConfig` and WSO2's `sec:CarbonSecConfig`.
enum RampartWriter {
    private typealias NS = PolicyNamespaces

    static func write(_ config: RampartConfig, into root: XMLElement) {
        let element = root.appendElement("RampartConfig", namespace: NS.rampart, prefix: "rampart")
        func add(_ name: String, _ value: String?) {
            if let value { element.appendElement(name, namespace: NS.rampart, text: value) }
        }
        add("user", config.user)
        add("userCertAlias", config.userCertAlias)
        add("encryptionUser", config.encryptionUser)
        add("timestampPrecisionInMilliseconds", String(config.timestampPrecisionInMilliseconds))
        add("timestampTTL", String(config.timestampTTL))
        add("timestampMaxSkew", String(config.timestampMaxSkew))
        add("timestampStrict", String(config.timestampStrict))
        // Written only when on: MI's own policies leave it out.
        add("enableTTLCheck", config.enableTTLCheck ? "true" : nil)
        add("tokenStoreClass", config.tokenStoreClass)
        add("nonceLifeTime", String(config.nonceLifeTime))
        for (name, crypto) in [("encryptionCrypto", config.encryptionCrypto), ("signatureCrypto", config.signatureCrypto)] {
            guard let crypto else { continue }
            let c = element.appendElement(name, namespace: NS.rampart).appendElement("crypto", namespace: NS.rampart)
            c.setAttribute("provider", crypto.provider)
            if let key = crypto.cryptoKey { c.setAttribute("cryptoKey", key) }
            properties(crypto.properties, into: c, namespace: NS.rampart)
        }
        if let kerberos = config.kerberos {
            properties(kerberos, into: element.appendElement("kerberosConfig", namespace: NS.rampart), namespace: NS.rampart)
        }
    }

    static func write(_ config: CarbonSecConfig, into root: XMLElement) {
        let element = root.appendElement("CarbonSecConfig", namespace: NS.carbon, prefix: "sec")
        if let trust = config.trust { properties(trust, into: element.appendElement("Trust", namespace: NS.carbon), namespace: NS.carbon) }
        if let kerberos = config.kerberos {
            properties(kerberos, into: element.appendElement("Kerberos", namespace: NS.carbon), namespace: NS.carbon)
        }
        if let roles = config.allowedRoles {
            // Empty: an Authorization with no property (every user); `[""]`: the empty property (nobody), as read.
            let authorization = element.appendElement("Authorization", namespace: NS.carbon)
            if !roles.isEmpty { properties([Property(NS.allowedRolesProperty, roles.joined(separator: ","))], into: authorization, namespace: NS.carbon) }
        }
    }

    private static func properties(_ list: [Property], into parent: XMLElement, namespace: String) {
        for p in list { parent.appendElement("property", namespace: namespace, text: p.value).setAttribute("name", p.name) }
    }
}
