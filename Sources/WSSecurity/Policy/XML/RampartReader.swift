import SecureXML

/// Reads the host blocks: `rampart:RampartConfig` and `sec:CarbonSecConfig`.
enum RampartReader {
    private typealias NS = PolicyNamespaces

    static func rampart(_ element: XMLElement) throws(PolicyError) -> RampartConfig {
        // WSO2's files wrap some values over lines ("true\n\t\t"), so values are trimmed.
        func text(_ name: String) -> String? { element.child(name, NS.rampart).map { trimmed($0.text) } }
        func int(_ name: String, _ fallback: Int) throws(PolicyError) -> Int {
            guard let t = text(name) else { return fallback }
            if let v = Int32(t) { return Int(v) }
            // Rampart reads it with Integer.parseInt, which fails beyond 32 bits: MI then refuses every message.
            let digits = t.first == "+" || t.first == "-" ? t.dropFirst() : t[...]
            let integer = !digits.isEmpty && digits.allSatisfy { ("0"..."9").contains($0) }
            throw PolicyError(.unknownValue, "rampart:\(name) is " + (integer ? "out of range: \(t) (Micro Integrator reads a 32-bit number, at most \(Int32.max))"
                                                                           : "not a number: \(t)"), line: element.line)
        }
        // Rampart reads its flags with Boolean.valueOf: "true" in any case is true, anything else false.
        func flag(_ name: String, _ fallback: Bool) -> Bool { text(name).map { $0.lowercased() == "true" } ?? fallback }
        return RampartConfig(
            user: text("user"), encryptionUser: text("encryptionUser"),
            timestampPrecisionInMilliseconds: flag("timestampPrecisionInMilliseconds", true),
            timestampTTL: try int("timestampTTL", 300), timestampMaxSkew: try int("timestampMaxSkew", 300),
            timestampStrict: flag("timestampStrict", false), tokenStoreClass: text("tokenStoreClass"),
            nonceLifeTime: try int("nonceLifeTime", 300),
            encryptionCrypto: element.child("encryptionCrypto", NS.rampart).flatMap(crypto),
            signatureCrypto: element.child("signatureCrypto", NS.rampart).flatMap(crypto),
            kerberos: element.child("kerberosConfig", NS.rampart).map { properties($0) }, userCertAlias: text("userCertAlias"),
            enableTTLCheck: flag("enableTTLCheck", false))
    }

    static func carbon(_ element: XMLElement) -> CarbonSecConfig {
        let roles = element.child("Authorization", NS.carbon).map { auth in
            properties(auth).first { $0.name == NS.allowedRolesProperty }.map { allowedRoles($0.value) } ?? []
        }
        return CarbonSecConfig(allowedRoles: roles, trust: element.child("Trust", NS.carbon).map { properties($0) },
                               kerberos: element.child("Kerberos", NS.carbon).map { properties($0) })
    }

    /// The roles as Micro Integrator reads them (`SecurityDeploymentInterceptor`): the value is trimmed whole and split
    /// at commas, each name kept as written, so " ops" (after "admin, ") is a role no user has. A property naming no
    /// role restricts the service to nobody, which `[""]` stands for.
    static func allowedRoles(_ value: String) -> [String] {
        let names = value.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        return names.isEmpty ? [""] : names
    }

    private static func crypto(_ holder: XMLElement) -> CryptoConfig? {
        guard let c = holder.children.first(where: { $0.name == "crypto" }) else { return nil }
        return CryptoConfig(provider: c.attribute("provider") ?? "", cryptoKey: c.attribute("cryptoKey"), properties: properties(c))
    }

    private static func properties(_ element: XMLElement) -> [Property] {
        element.children.filter { $0.name == "property" }.map { Property($0.attribute("name") ?? "", trimmed($0.text)) }
    }

    static func trimmed(_ s: String) -> String {
        String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
