import Foundation

/// The WS-Security engine of one policy: secures outbound messages and verifies inbound ones, for the client
/// and the service side, request and response. A value: share it freely; the per-message state is the context.
public struct SecurityEngine: Sendable {
    /// The policy it enforces.
    public let policy: SecurityPolicy

    public init(policy: SecurityPolicy) {
        self.policy = policy
    }

    /// Adds the Security header the policy demands (timestamp, tokens, signature, encryption).
    public func secure(_ envelope: Data, context: SecurityContext) throws(SecurityFault) -> Data {
        try secured(envelope, context: context).envelope
    }

    /// Like ``secure(_:context:)``, and also returns what was done and what verifying the response needs.
    public func secured(_ envelope: Data, context: SecurityContext) throws(SecurityFault) -> SecuredMessage {
        try Outbound(policy: policy, context: context).run(envelope)
    }

    /// Processes the Security header (crypto first), then checks the message conforms to the policy.
    public func verify(_ envelope: Data, context: SecurityContext) throws(SecurityFault) -> VerifiedMessage {
        try Inbound(policy: policy, context: context).run(envelope)
    }
}
