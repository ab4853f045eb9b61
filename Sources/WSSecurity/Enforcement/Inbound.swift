import Foundation

/// `verify`: processes the Security header (crypto first), then checks conformance to the policy.
struct Inbound {
    let policy: SecurityPolicy
    let context: SecurityContext

    func run(_ envelope: Data) throws(SecurityFault) -> VerifiedMessage {
        throw SecurityFault(.notImplemented, "verify is not implemented yet")
    }
}
