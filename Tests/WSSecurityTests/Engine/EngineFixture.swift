import Foundation
import KeyMaterial
import Testing
import UserStores
@testable import WSSecurity

/// Fresh keys, a user store and contexts for the engine tests: one client and one service identity per run.
enum EngineFixture {
    static let clientKey = try! PrivateKey.generate(.rsa(bits: 2048))
    static let clientCertificate = try! Certificate.selfSigned(key: clientKey, subject: "CN=client,O=wssconsole tests", validityDays: 30)
    static let serviceKey = try! PrivateKey.generate(.rsa(bits: 2048))
    static let serviceCertificate = try! Certificate.selfSigned(key: serviceKey, subject: "CN=service,O=wssconsole tests", validityDays: 30)
    static let strangerKey = try! PrivateKey.generate(.rsa(bits: 2048))
    static let strangerCertificate = try! Certificate.selfSigned(key: strangerKey, subject: "CN=stranger,O=elsewhere", validityDays: 30)

    static let users: EmbeddedUserStore = {
        var store = EmbeddedUserStore(passwordIterations: 1_000)
        try! store.addRole("ops")
        try! store.addRole("guest")
        try! store.addUser("alice", password: Secret("alice-secret"), roles: ["ops"], allowDigest: true)
        try! store.addUser("bob", password: Secret("bob-secret"), roles: ["guest"])
        return store
    }()

    static let host = HostSettings(allowedRoles: ["ops"])

    static func policy(_ scenario: Int) -> SecurityPolicy {
        ScenarioCatalogue.scenario(scenario)!.policy(for: host)
    }

    static let payload = "<m:order xmlns:m=\"urn:example:orders\"><m:item sku=\"A-1\">two boxes &amp; a crate</m:item></m:order>"

    static func envelope(soap12: Bool = false, payload: String = payload) -> Data {
        let ns = soap12 ? "http://www.w3.org/2003/05/soap-envelope" : "http://schemas.xmlsoap.org/soap/envelope/"
        return Data("""
        <soapenv:Envelope xmlns:soapenv="\(ns)">
          <soapenv:Header><a:To xmlns:a="http://www.w3.org/2005/08/addressing">https://localhost/services/Orders</a:To></soapenv:Header>
          <soapenv:Body>\(payload)</soapenv:Body>
        </soapenv:Envelope>
        """.utf8)
    }

    static func client(_ direction: MessageDirection = .request, user: String = "alice", password: String = "alice-secret",
                       transport: TransportKind = .https, request: RequestContext? = nil,
                       now: @escaping @Sendable () -> Date = { Date() }) -> SecurityContext {
        SecurityContext(role: .client, direction: direction, transport: transport,
                        ownKey: (clientKey, [clientCertificate]), peerCertificate: serviceCertificate,
                        trusted: [serviceCertificate], username: user, password: Secret(password),
                        now: now, requestContext: request)
    }

    static func service(_ direction: MessageDirection = .request, transport: TransportKind = .https, trusted: [Certificate] = [clientCertificate],
                        cache: NonceCache = NonceCache(), request: RequestContext? = nil) -> SecurityContext {
        SecurityContext(role: .service, direction: direction, transport: transport,
                        ownKey: (serviceKey, [serviceCertificate]), trusted: trusted, userStore: users,
                        replayCache: cache, requestContext: request)
    }

    /// The text of the Body's payload in an envelope (what decryption must give back).
    static func payloadText(_ envelope: Data) -> String? {
        let text = String(decoding: envelope, as: UTF8.self)
        guard let start = text.range(of: "<m:order"), let end = text.range(of: "</m:order>") else { return nil }
        return String(text[start.lowerBound..<end.upperBound])
    }

    /// The local names of the Security header's children, in order.
    static func headerNames(_ message: Data) throws -> [String] {
        try #require(try SOAPEnvelope(message).securityHeaders.first).children.map(\.name)
    }
}
