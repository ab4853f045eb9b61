import UserStores

extension Slapd {
    /// A profile for this server as the console would be configured: the read-only service account, WSO2's
    /// default filters and attributes, short timeouts.
    func profile(url: String? = nil, startTLS: Bool = false, ca: String? = nil) -> LDAPProfile {
        var profile = LDAPProfile(url: url ?? ldapURL, bindDN: Self.readerDN, userSearchBase: Self.people, groupSearchBase: Self.groups)
        profile.startTLS = startTLS
        profile.caCertificateFile = ca
        profile.connectTimeout = .seconds(2)
        profile.readTimeout = .seconds(2)
        return profile
    }

    /// A profile for the large directory, bound as `reader` (one of `Large`'s service accounts).
    func largeProfile(reader: String) -> LDAPProfile {
        var profile = LDAPProfile(url: ldapURL, bindDN: reader, userSearchBase: Large.people, groupSearchBase: Large.groups)
        profile.connectTimeout = .seconds(2)
        profile.readTimeout = .seconds(2)
        return profile
    }
}
