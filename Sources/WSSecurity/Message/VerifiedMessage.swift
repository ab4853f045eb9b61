import Foundation

/// A message the engine accepted: who sent it, what was checked, the envelope with its encrypted parts
/// decrypted, and what the response needs.
public struct VerifiedMessage: Sendable {
    /// The authenticated user, or the subject of the certificate that signed; nil when the policy asks for neither.
    public var principal: String?
    /// The user's roles (UsernameToken scenarios).
    public var roles: [String]
    /// What was checked, one line each, for people: "Body signed by CN=client (rsa-sha1, sha1)".
    public var checks: [String]
    /// The envelope after decryption (the Security header is kept).
    public var envelope: Data
    /// What the response to this request needs (service side), or what the request carried (client side).
    public var requestContext: RequestContext

    public init(principal: String?, roles: [String], checks: [String], envelope: Data, requestContext: RequestContext) {
        self.principal = principal
        self.roles = roles
        self.checks = checks
        self.envelope = envelope
        self.requestContext = requestContext
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
