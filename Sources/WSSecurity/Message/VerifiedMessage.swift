import Foundation
import KeyMaterial

/// A message the engine accepted: who sent it, what was checked, the envelope with its encrypted parts
/// decrypted, and what the response needs.
public struct VerifiedMessage: Sendable {
    /// The authenticated user, or the subject of the certificate that signed; nil when the policy asks for neither.
    public var principal: String?
    /// The user's roles (UsernameToken scenarios).
    public var roles: [String]
    /// What was checked, one line each, for people: "Body signed by CN=client (rsa-sha1, sha1)". Kept printable, as a
    /// fault's text is (`SecurityFault`): a check quotes the message (a user name, a certificate's subject), and a line
    /// break there would forge a line of the verdict.
    public var checks: [String] {
        get { printableChecks }
        set { printableChecks = newValue.map(PrintableText.escaped) }
    }
    private var printableChecks: [String]
    /// The envelope after decryption (the Security header is kept). A decrypted envelope is written from the verified
    /// tree when first read.
    public var envelope: Data {
        get { verifiedEnvelope.bytes }
        set { verifiedEnvelope = VerifiedEnvelope(newValue) }
    }
    /// What the response to this request needs (service side), or what the request carried (client side).
    public var requestContext: RequestContext
    var verifiedEnvelope: VerifiedEnvelope

    public init(principal: String?, roles: [String], checks: [String], envelope: Data, requestContext: RequestContext) {
        self.init(principal: principal, roles: roles, checks: checks, verifiedEnvelope: VerifiedEnvelope(envelope), requestContext: requestContext)
    }

    init(principal: String?, roles: [String], checks: [String], verifiedEnvelope: VerifiedEnvelope, requestContext: RequestContext) {
        self.principal = principal
        self.roles = roles
        self.printableChecks = checks.map(PrintableText.escaped)
        self.verifiedEnvelope = verifiedEnvelope
        self.requestContext = requestContext
    }
}

/// The bytes of a verified envelope. Decrypting changed the tree, so its bytes are the tree written out: done when the
/// caller first asks, not by verify, so a caller that acts on the result alone (the principal, the checks) pays no
/// serialisation, as WSS4J's verify returns its DOM unwritten. Once verify returns, the tree is this value's alone, so
/// the bytes are those of the tree that was verified; the lock lets copies of one message be read from any thread.
final class VerifiedEnvelope: @unchecked Sendable {
    private let lock = NSLock()
    private var written: Data?
    private var tree: SOAPEnvelope?

    init(_ bytes: Data) { written = bytes }

    /// The decrypted tree, kept (about ten times the message's size) until it is written or the message dropped.
    init(tree: SOAPEnvelope) { self.tree = tree }

    var bytes: Data {
        lock.lock()
        defer { lock.unlock() }
        if let written { return written }
        let bytes = tree?.serialized() ?? Data()
        (written, tree) = (bytes, nil)
        return bytes
    }
}

/// A message the engine secured, with what its response will be checked against (client side) .
public struct SecuredMessage: Sendable {
    /// The envelope with its Security header.
    public var envelope: Data
    /// What was done, one line each, for people.
    public var actions: [String]
    /// For a request: what the response's verification needs (the session key, the signature values).
    public var requestContext: RequestContext

    public init(envelope: Data, actions: [String], requestContext: RequestContext) {
        self.envelope = envelope
        self.actions = actions
        self.requestContext = requestContext
    }
}
