import Foundation
import KeyMaterial
import WSSecurity

/// Who the client is when `wssconsole message` is not to use the home's `[client]` settings: any field given
/// replaces the configured one. Secrets come from the caller (environment or file), never from the command line.
public struct ClientIdentityOptions: Sendable {
    /// The UsernameToken user.
    public var user: String?
    /// The user's password.
    public var password: Secret?
    /// Where `password` came from, for a fix that names it ("--password-env ALICE_PW").
    public var passwordOrigin: String?
    /// A PKCS#12 keystore holding the client's key pair and the service certificate.
    public var keystore: String?
    /// The alias of the client's key pair in it.
    public var alias: String?
    /// The keystore's password.
    public var storePassword: Secret?
    /// The alias of the service certificate in it (nil: the only trusted certificate).
    public var serviceAlias: String?

    public init(user: String? = nil, password: Secret? = nil, keystore: String? = nil, alias: String? = nil,
                storePassword: Secret? = nil, serviceAlias: String? = nil) {
        self.user = user
        self.password = password
        self.keystore = keystore
        self.alias = alias
        self.storePassword = storePassword
        self.serviceAlias = serviceAlias
    }
}

/// The client side of an exchange, loaded: its key pair, the service certificate it encrypts to and trusts, and
/// the user it authenticates as.
struct ClientIdentity {
    var key: (key: PrivateKey, chain: [Certificate])?
    var serviceCertificate: Certificate?
    var trusted: [Certificate] = []
    var user: String?
    var password: Secret?
    /// Where each part came from, for reports ("key pair client in keystores/wssdemo-client.p12").
    var sources: [String] = []

    /// Loads the identity from the home's `[client]` settings, with `options` taking precedence; a scenario's
    /// `requirements` leave out what it does not use (no user for X.509 scenarios, no keys for scenario 1).
    static func load(home: Home, loader: KeystoreLoader, settings: ConsoleSettings, options: ClientIdentityOptions?,
                     requirements: Set<Scenario.Requirement>) -> Result<ClientIdentity, FindingFailure> {
        var identity = ClientIdentity()
        let configured = settings.client
        if requirements.contains(.userStore) { identity.user = options?.user ?? configured?.user }
        if let password = options?.password {
            identity.password = password
        } else if identity.user != nil, let source = configured?.password, source != .none {
            switch source.resolve(homeRoot: home.root) {
            case .success(let secret): identity.password = secret
            case .failure(let error): return .failure(FindingFailure(.error, "client.password", "The client's password: \(error.message)", fix: error.fix))
            }
        }
        if let user = identity.user { identity.sources.append("user \(user)") }
        // Keys for message security, or for a client certificate the service checks (an endorsing token).
        guard requirements.contains(.serviceKeyPair) || requirements.contains(.trustedClients) else { return .success(identity) }
        let store: Keystore, file: String, alias: String
        var pair: Result<(key: PrivateKey, chain: [Certificate]), FindingFailure>?
        if let path = options?.keystore {
            guard let password = options?.storePassword else {
                return .failure(FindingFailure(.error, "client.keystore", "No password for the client keystore \(path)",
                                               fix: "Give it with --storepass-env or --storepass-file."))
            }
            guard let bytes = FileBytes.read(path).map({ Data($0) }) else {
                return .failure(FindingFailure(.error, "client.keystore", "Cannot read the client keystore \(path)", fix: "Check the path."))
            }
            do { store = try Keystore.open(data: bytes, password: password) } catch {
                return .failure(FindingFailure(.error, "client.keystore", "\(path) cannot be opened: \(error)",
                                               fix: "Check the keystore's password; JKS, PKCS#12 and PEM are read."))
            }
            (file, alias) = (path, options?.alias ?? "")
            if let entry = store.entry(alias: alias), entry.kind == .privateKey, let key = try? store.privateKey(alias: alias, password: password) {
                pair = .success((key, entry.chain))
            }
        } else if let keystore = configured?.keystore {
            switch loader.open(keystore) {
            case .success(let opened): store = opened
            case .failure(let failure): return .failure(failure)
            }
            (file, alias) = (keystore.file, options?.alias ?? keystore.alias)
            pair = loader.keyPair(alias, in: store, of: keystore, namedIn: "the client settings")
        } else {
            return .success(identity)
        }
        identity.trusted = store.trustedCertificates
        switch pair {
        case .success(let found)?:
            identity.key = found
            identity.sources.append("key pair \(alias) in \(file)")
        case .failure(let failure)? where options?.alias != nil || failure.finding.code != "keystore.alias":
            return .failure(failure)
        default:
            if let alias = options?.alias {
                return .failure(FindingFailure(.error, "client.alias", "\(file) has no key pair under the alias \(alias)",
                                               fix: "Entries: \(store.entries.map(\.alias).joined(separator: ", "))."))
            }
        }
        let serviceAlias = options?.serviceAlias ?? configured?.serviceAlias
        let trustedEntries = store.entries.filter { $0.kind == .trustedCertificate }
        let serviceEntry = serviceAlias.map { name in trustedEntries.first { $0.alias.lowercased() == name.lowercased() } }
            ?? (trustedEntries.count == 1 ? trustedEntries.first : nil)
        identity.serviceCertificate = serviceEntry?.certificate
        if let serviceEntry { identity.sources.append("service certificate \(serviceEntry.alias) in \(file)") }
        return .success(identity)
    }
}
