import Foundation
import WSSecurity

/// The self-test of scenarios 9-15: the service acts as its own STS. The client asks for a SecurityContextToken
/// under the bootstrap policy, both sides compute its key, a request and a response travel under it, the client
/// cancels it, and a request under the cancelled token is refused.
extension SelfTest {
    static let serviceAddress = "https://localhost/services/selftest"

    func conversationFindings(client: SecurityContext, service: SecurityContext, steps start: [Finding]) -> [Finding] {
        var steps = start
        func step(_ text: String) { steps.append(Finding(.info, SelfTestCodes.step, text)) }
        func failed(_ stage: String, _ fault: SecurityFault) -> [Finding] { steps + [Self.failure(stage, fault)] }
        let sts = SecureConversationService(policy: policy, store: SecurityContextStore())
        let requester = SecureConversationClient(policy: policy, serviceAddress: Self.serviceAddress)
        let engine = SecurityEngine(policy: policy)
        do {
            let pending = try requester.issueRequest(context: client)
            step("Client asked for a SecurityContextToken (RST, client entropy) under the bootstrap policy: " + pending.secured.actions.joined(separator: "; "))
            let issued = try sts.issue(pending.secured.envelope, context: service)
            step("Service, as STS, accepted the RST" + (issued.verified.principal.map { " from \($0)" } ?? "") + ": "
                 + issued.verified.checks.joined(separator: "; ") + "; " + issued.actions.joined(separator: "; "))
            let (token, _) = try requester.accept(issued.response, for: pending, context: client)
            step("Client accepted the RSTR and computed the same \(token.secret.count * 8)-bit key for \(token.identifier)")

            var clientContext = client
            clientContext.conversation = token
            let secured = try engine.secured(requestMessage, context: clientContext)
            step("Client secured the request under the token: " + secured.actions.joined(separator: "; "))
            let verified = try sts.verify(secured.envelope, context: service)
            step("Service accepted the request: " + verified.checks.joined(separator: "; "))
            var serviceResponse = service
            (serviceResponse.direction, serviceResponse.requestContext) = (.response, verified.requestContext)
            let response = try engine.secured(responseMessage, context: serviceResponse)
            var clientResponse = clientContext
            (clientResponse.direction, clientResponse.requestContext) = (.response, secured.requestContext)
            let accepted = try engine.verify(response.envelope, context: clientResponse)
            step("Client accepted the response: " + accepted.checks.joined(separator: "; "))

            let cancel = try requester.cancelRequest(token, context: client)
            let cancelled = try sts.cancel(cancel.envelope, context: service)
            _ = try requester.acceptCancel(cancelled.response, for: cancel, token: token, context: client)
            step("Client cancelled the token; the service answered RequestedTokenCancelled")
            let late = try engine.secured(requestMessage, context: clientContext)
            do {
                _ = try sts.verify(late.envelope, context: service)
                return steps + [Finding(.error, SelfTestCodes.failed, "Self-test: the service accepted a request under a cancelled token",
                                        fix: "This is a bug in wssconsole's engine; please report it.")]
            } catch let fault where fault.code == .invalidSecurityToken {
                step("A request under the cancelled token is refused (\(fault.faultCode))")
            }
        } catch {
            return failed("the SecureConversation exchange", error)
        }
        return steps + [Finding(.info, SelfTestCodes.passed,
                                "Self-test passed: token issued, a request and a response exchanged and the token cancelled under \(needs.label)")]
    }
}
