import Foundation

/// `secure`: builds the Security header the policy demands for this role and direction.
struct Outbound {
    let policy: SecurityPolicy
    let context: SecurityContext

    func run(_ envelope: Data) throws(SecurityFault) -> SecuredMessage {
        throw SecurityFault(.notImplemented, "secure is not implemented yet")
    }
}
