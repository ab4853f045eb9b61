import Foundation
import InteropPeer
import KeyMaterial
import UserStores
import WSSecurity

/// The client and the service of `bench message`: fresh RSA-2048 key pairs trusting each other, and a user
/// (alice) in an in-memory store with a low PBKDF2 cost (1,000), which the WSS4J side pays too.
struct MessageParties {
    let clientKey: PrivateKey
    let clientCertificate: Certificate
    let serviceKey: PrivateKey
    let serviceCertificate: Certificate
    let password: String
    let users: EmbeddedUserStore

    init() throws {
        clientKey = try PrivateKey.generate(.rsa(bits: 2048))
        clientCertificate = try Certificate.selfSigned(key: clientKey, subject: "CN=bench client", validityDays: 1)
        serviceKey = try PrivateKey.generate(.rsa(bits: 2048))
        serviceCertificate = try Certificate.selfSigned(key: serviceKey, subject: "CN=bench service", validityDays: 1)
        password = try SecureRandom.bytes(12).base64EncodedString()
        var users = EmbeddedUserStore(passwordIterations: 1_000)
        try users.addUser("alice", password: Secret(password), roles: [])
        self.users = users
    }

    func client() -> SecurityContext {
        SecurityContext(role: .client, transport: .https, ownKey: (clientKey, [clientCertificate]), peerCertificate: serviceCertificate,
                        trusted: [serviceCertificate], username: "alice", password: Secret(password))
    }

    func service() -> SecurityContext {
        SecurityContext(role: .service, transport: .https, ownKey: (serviceKey, [serviceCertificate]), trusted: [clientCertificate],
                        userStore: users)
    }

    /// WSS4J's secure + verify per second for the same scenario, keys and envelope: by the CPU time of its
    /// whole JVM, and of the measuring thread alone (GC and JIT threads left out).
    func wss4j(_ java: WSS4JPeer, scenario: Int, envelope: Data, seconds: Double, warmup: Double) throws -> (jvm: Double, thread: Double) {
        let peer = try BenchPeer(peer: java)
        defer { peer.remove() }
        let client = try peer.keystore("client", prefix: "client-", alias: "client", key: clientKey, certificate: clientCertificate,
                                       trusted: [("service", serviceCertificate)])
        let service = try peer.keystore("service", prefix: "service-", alias: "service", key: serviceKey, certificate: serviceCertificate,
                                        trusted: [("client", clientCertificate)])
        try peer.write(envelope, to: peer.folder + "/envelope.xml")
        try peer.write(Data("\(password)\n".utf8), to: peer.folder + "/alice.pass")
        try peer.write(Data("alice:\(password)\n".utf8), to: peer.folder + "/users")
        // Where the service checks a UsernameToken (1, 7, 8), WSS4J also derives the PBKDF2 hash our store compares.
        let hashing = [1, 7, 8].contains(scenario) ? ["--password-iterations", "\(users.passwordIterations)"] : []
        let figures = try peer.figures(["bench-message", "--scenario", "\(scenario)", "--envelope", peer.folder + "/envelope.xml",
                                        "--seconds", "\(seconds)", "--warmup", "\(warmup)", "--recipient", "service", "--user", "alice",
                                        "--password-file", peer.folder + "/alice.pass", "--users", peer.folder + "/users"] + hashing + client + service,
                                       seconds: seconds + warmup)
        guard let ops = figures["ops_per_second"], let thread = figures["thread_ms"] else {
            throw OperationFailed(message: "the WSS4J peer printed no ops_per_second")
        }
        return (ops, 1000 / thread)
    }
}
