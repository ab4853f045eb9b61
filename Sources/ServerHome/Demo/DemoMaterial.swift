import Foundation
import KeyMaterial
import UserStores

/// Generates the demo home's keystores and user store: published passwords, marked as demo everywhere.
///
/// Every certificate subject carries `OU=DEMO - NOT FOR PRODUCTION`, the user store file has
/// `demo="true"`, and validation warns about any service that relies on them.
public enum DemoMaterial {
    /// The service keystore's file name (in the home's `keystores/`).
    public static let serviceKeystoreFile = "wssdemo-service.p12"
    /// The alias of the service key pair, and of the service certificate in the client keystore.
    public static let serviceAlias = "service"
    /// The service keystore's store and key password (demo, published).
    public static let servicePassword = "demo-service-pass"
    /// The service certificate's subject.
    public static let serviceSubject = "CN=wssconsole demo service,OU=DEMO - NOT FOR PRODUCTION,O=wssconsole"

    /// The client keystore's file name (in the home's `keystores/`).
    public static let clientKeystoreFile = "wssdemo-client.p12"
    /// The alias of the client key pair, and of the client certificate in the service keystore.
    public static let clientAlias = "client"
    /// The client keystore's store and key password (demo, published).
    public static let clientPassword = "demo-client-pass"
    /// The client certificate's subject.
    public static let clientSubject = "CN=wssconsole demo client,OU=DEMO - NOT FOR PRODUCTION,O=wssconsole"

    /// Key type of both demo key pairs.
    public static let keyAlgorithm = KeyAlgorithm.rsa(bits: 2048)
    /// Validity of the demo certificates: ten years, so a checked-out demo does not expire under anyone.
    public static let validityDays = 3650
    /// The subject alternative names of both certificates.
    public static let subjectAltNames: [SubjectAlternativeName] = [.dnsName("localhost")]

    /// A demo user with its published password.
    public struct User: Sendable, Hashable {
        /// The user name.
        public let name: String
        /// The published password.
        public let password: String
        /// The roles assigned.
        public let roles: [String]
    }

    /// The demo roles, in file order.
    public static let roles = ["admin", "operator", "everyone"]
    /// The demo users.
    public static let users = [
        User(name: "alice", password: "alice-demo-pass", roles: ["admin", "everyone"]),
        User(name: "bob", password: "bob-demo-pass", roles: ["operator", "everyone"]),
        User(name: "carol", password: "carol-demo-pass", roles: ["everyone"]),
    ]

    /// Writes fresh service and client keystores into `dir`, each trusting the other's certificate.
    public static func generateKeystores(into dir: String) throws {
        let serviceKey = try PrivateKey.generate(keyAlgorithm)
        let service = try Certificate.selfSigned(
            key: serviceKey, subject: serviceSubject, validityDays: validityDays, subjectAltNames: subjectAltNames)
        let clientKey = try PrivateKey.generate(keyAlgorithm)
        let client = try Certificate.selfSigned(
            key: clientKey, subject: clientSubject, validityDays: validityDays, subjectAltNames: subjectAltNames)

        let serviceStore = PKCS12Keystore(entries: [
            .privateKey(alias: serviceAlias, key: serviceKey, chain: [service]),
            .trustedCertificate(alias: clientAlias, certificate: client),
        ])
        let clientStore = PKCS12Keystore(entries: [
            .privateKey(alias: clientAlias, key: clientKey, chain: [client]),
            .trustedCertificate(alias: serviceAlias, certificate: service),
        ])
        // Encode both before writing either, so a failure never leaves a mismatched pair behind.
        let serviceBytes = try serviceStore.serialized(password: Secret(servicePassword))
        let clientBytes = try clientStore.serialized(password: Secret(clientPassword))
        try writeSecretFile(FileSystem.join(dir, serviceKeystoreFile), serviceBytes)
        try writeSecretFile(FileSystem.join(dir, clientKeystoreFile), clientBytes)
    }

    /// Writes a fresh demo user store (``users`` and ``roles``) to `path`.
    public static func generateUserStore(at path: String) throws {
        var store = EmbeddedUserStore(isDemo: true)
        for role in roles {
            try store.addRole(role)
        }
        for user in users {
            try store.addUser(user.name, password: Secret(user.password), roles: user.roles)
        }
        try writeSecretFile(path, store.serialized())
    }

    /// Atomic, owner-only write through the home's durable write path (temp file, fsync, rename, fsync folder).
    private static func writeSecretFile(_ path: String, _ data: Data) throws {
        let temporary = try FileSystem.writeTemporary(besides: path, bytes: Array(data), mode: 0o600)
        try FileSystem.replace(path, with: temporary)
    }
}
