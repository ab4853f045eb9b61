import WSSecurity

extension SecurityPolicy {
    /// The first host property that keeps a password (Kerberos `service.principal.password`, a keystore password in
    /// a crypto block), or nil. The one rule for a policy file that holds a secret: the change path writes it
    /// owner-only, and validation warns when other users can read it.
    var passwordProperty: String? {
        let properties = (rampart?.kerberos ?? []) + (rampart?.signatureCrypto?.properties ?? [])
            + (rampart?.encryptionCrypto?.properties ?? []) + (carbon?.kerberos ?? []) + (carbon?.trust ?? [])
        return properties.first { $0.name.lowercased().contains("password") && !$0.value.isEmpty }?.name
    }
}
