import Foundation
import KeyMaterial
import UserStores

/// Who is acting: the client secures requests and verifies responses, the service the other way round.
public enum MessageRole: String, Sendable, CaseIterable {
    case client, service
}

/// Which message of the exchange.
public enum MessageDirection: String, Sendable, CaseIterable {
    case request, response
}

/// How the message travels; the transport binding (scenario 1) refuses plain HTTP.
public enum TransportKind: String, Sendable, CaseIterable {
    case http, https
}

/// What the engine needs from its environment, as values: keys, trust anchors, credentials, the user store,
/// the replay cache and the clock. No files: the caller (ServerHome, a test) loads them.
public struct SecurityContext: Sendable {
    /// Who is acting.
    public var role: MessageRole
    /// Which message of the exchange.
    public var direction: MessageDirection
    /// How the message travels.
    public var transport: TransportKind
    /// Our private key and certificate chain (first: our certificate): signs, and decrypts what was encrypted for us.
    public var ownKey: (key: PrivateKey, chain: [Certificate])?
    /// The other side's certificate: whom we encrypt for, and the expected signer when it sends no certificate.
    public var peerCertificate: Certificate?
    /// Trust anchors for certificates that sign inbound messages: a signer must chain to one (`ChainVerifier`).
    public var trusted: [Certificate]
    /// Certificates that may link a signer to `trusted` (a truststore's CA chains); never trusted themselves.
    public var intermediates: [Certificate] = []
    /// The client's user name, for UsernameToken scenarios.
    public var username: String?
    /// The client's password, for UsernameToken scenarios.
    public var password: Secret?
    /// Send the password as a digest (`#PasswordDigest`) instead of text.
    public var passwordDigest: Bool
    /// Where the service authenticates UsernameTokens; the allowed roles come from the policy.
    public var userStore: (any UserStore)?
    /// Role names compared ignoring case (MI's `case_insensitive_role_name_check`).
    public var caseInsensitiveRoles: Bool
    /// Nonces seen, shared by every message of a service (and across nodes, through a shared store).
    public var replayCache: any ReplayCache
    /// The clock.
    public var now: @Sendable () -> Date
    /// For a response: what the request carried (the client's certificate, the session key, signature values).
    public var requestContext: RequestContext?
    /// The client's SecurityContextToken (scenarios 9-15), established by ``SecureConversationClient``: its secret
    /// keys the messages.
    public var conversation: SecurityContextToken?
    /// The service's issued SecurityContextTokens (scenarios 9-15), shared by all its messages.
    public var contextStore: SecurityContextStore?
    /// The client's Kerberos token for this request (scenario 16).
    public var kerberosTicket: KerberosTicket?
    /// How the service opens Kerberos tokens (scenario 16): its keytab.
    public var kerberosAcceptor: (any KerberosAcceptor)?

    /// A context; only the role is required, everything else depends on the scenario.
    public init(role: MessageRole, direction: MessageDirection = .request, transport: TransportKind = .https,
                ownKey: (key: PrivateKey, chain: [Certificate])? = nil, peerCertificate: Certificate? = nil,
                trusted: [Certificate] = [], username: String? = nil, password: Secret? = nil, passwordDigest: Bool = false,
                userStore: (any UserStore)? = nil, caseInsensitiveRoles: Bool = false,
                replayCache: any ReplayCache = NonceCache(), now: @escaping @Sendable () -> Date = { Date() },
                requestContext: RequestContext? = nil) {
        self.role = role
        self.direction = direction
        self.transport = transport
        self.ownKey = ownKey
        self.peerCertificate = peerCertificate
        self.trusted = trusted
        self.username = username
        self.password = password
        self.passwordDigest = passwordDigest
        self.userStore = userStore
        self.caseInsensitiveRoles = caseInsensitiveRoles
        self.replayCache = replayCache
        self.now = now
        self.requestContext = requestContext
    }

    /// True when this message travels from the initiator (client) to the recipient (service).
    var isRequest: Bool { direction == .request }

    /// True when we are the sender of this message (securing it).
    func isSender(_ role: MessageRole) -> Bool { role == self.role }
}

/// What a request carried that its response needs: the service encrypts the response for the client's
/// certificate, reuses the symmetric session key, and confirms the request's signatures; the client checks them.
public struct RequestContext: Sendable {
    /// The certificate that signed the request (Rampart's `useReqSigCert`).
    public var requesterCertificate: Certificate?
    /// The symmetric binding's key, and how the response refers to it.
    public var sessionKey: SessionKey?
    /// The request's ds:SignatureValue texts, for wsse11:SignatureConfirmation.
    public var signatureValues: [String]
    /// The authenticated user, when the request carried a UsernameToken.
    public var user: String?

    public init(requesterCertificate: Certificate? = nil, sessionKey: SessionKey? = nil, signatureValues: [String] = [],
                user: String? = nil) {
        self.requesterCertificate = requesterCertificate
        self.sessionKey = sessionKey
        self.signatureValues = signatureValues
        self.user = user
    }
}

/// A symmetric key shared by client and service for one exchange: the protection token's key.
public struct SessionKey: Sendable {
    /// Where the key came from and how a message refers to it.
    public enum Source: Sendable, Equatable {
        /// An EncryptedKey of the request (scenarios 3, 4, 6, 7, 8); responses name it by its EncryptedKeySHA1.
        case encryptedKey(id: String, sha1: String)
        /// A SecurityContextToken the service issued (scenarios 9-15), by its wsc:Identifier; each message carries
        /// the token and names it by a direct reference.
        case securityContextToken(identifier: String)
        /// A Kerberos token of the request (scenario 16), by the Base64 SHA-1 of its bytes, which names it in the
        /// response.
        case kerberos(sha1: String)
    }

    /// The key bytes.
    public let secret: Secret
    /// Where the key came from.
    public let source: Source

    public init(secret: Secret, source: Source) {
        self.secret = secret
        self.source = source
    }
}
