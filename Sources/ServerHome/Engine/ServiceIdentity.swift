import KeyMaterial
import UserStores
import WSSecurity

/// The service side of an exchange, loaded from the home: its key pair (the policy's alias in the service
/// keystore), the certificates it trusts (the truststore), and the user store UsernameTokens are checked against.
struct ServiceIdentity {
    var key: (key: PrivateKey, chain: [Certificate])?
    var trusted: [Certificate] = []
    /// The CA certificates of the truststore's key chains: links from a client to a trusted root, not anchors.
    var intermediates: [Certificate] = []
    var userStore: (any UserStore)?
    var caseInsensitiveRoles = false
    /// Where each part came from, for reports.
    var sources: [String] = []

    static func load(home: Home, loader: KeystoreLoader, settings: ConsoleSettings, policy: SecurityPolicy, needs: PolicyNeeds) -> Result<ServiceIdentity, FindingFailure> {
        var identity = ServiceIdentity(caseInsensitiveRoles: settings.caseInsensitiveRoleNames)
        let requirements = needs.requirements
        if requirements.contains(.serviceKeyPair), let keystore = settings.serviceKeystoreSettings {
            let store: Keystore
            switch loader.open(keystore) {
            case .success(let opened): store = opened
            case .failure(let failure): return .failure(failure)
            }
            let alias = policy.serviceKeyAlias ?? keystore.alias
            switch loader.keyPair(alias, in: store, of: keystore, namedIn: policy.serviceKeyAlias == nil ? home.layout.settingsPath : "the policy") {
            case .success(let pair): identity.key = pair
            case .failure(let failure): return .failure(failure)
            }
            identity.sources.append("key pair \(alias) in \(keystore.file)")
            var trustStore = store
            var trustFile = keystore.file
            if let trust = settings.trustKeystoreSettings, trust.name != keystore.name {
                switch loader.open(trust) {
                case .success(let opened): (trustStore, trustFile) = (opened, trust.file)
                case .failure(let failure): return .failure(failure)
                }
            }
            identity.trust(trustStore, file: trustFile)
        } else if requirements.contains(.trustedClients), let trust = settings.trustKeystoreSettings ?? settings.serviceKeystoreSettings {
            // No key pair of its own (an endorsing client certificate over HTTPS), but the clients it trusts.
            switch loader.open(trust) {
            case .success(let opened): identity.trust(opened, file: trust.file)
            case .failure(let failure): return .failure(failure)
            }
        }
        if requirements.contains(.userStore) {
            do {
                identity.userStore = try home.userStore()
                identity.sources.append("user store: \(home.userStoreDescription())")
            } catch let error as HomeError {
                return .failure(FindingFailure(.error, "userstore.unavailable", error.message, fix: error.fix))
            } catch {
                return .failure(FindingFailure(.error, "userstore.unavailable", "The user store: \(error)"))
            }
        }
        return .success(identity)
    }

    /// The trusted certificates of `store`, and its key chains' CA certificates as intermediates.
    private mutating func trust(_ store: Keystore, file: String) {
        trusted = store.certificatesTrustedByService
        intermediates = store.entries.flatMap { $0.chain.dropFirst() }
        sources.append("\(trusted.count) certificate\(trusted.count == 1 ? "" : "s") trusted in \(file)")
    }
}
