import Foundation
import KeyMaterial
@testable import WSSecurity

/// One client and one service of a scenario 9-15 policy, with the service's token store, for the exchange tests.
struct SecureConversationFixture {
    typealias F = EngineFixture
    let scenario: Int
    let policy: SecurityPolicy
    let store = SecurityContextStore()
    let service: SecureConversationService
    let client: SecureConversationClient

    /// `adjust` changes the application messages' policy (the bootstrap policy inside it stays the scenario's).
    init(_ scenario: Int, tokenLifetime: TimeInterval = 300, adjust: (inout SecurityPolicy) -> Void = { _ in }) {
        self.scenario = scenario
        var policy = F.policy(scenario)
        adjust(&policy)
        self.policy = policy
        service = SecureConversationService(policy: policy, store: store, tokenLifetime: tokenLifetime)
        client = SecureConversationClient(policy: policy, serviceAddress: "https://localhost/services/Orders")
    }

    /// Issue: the RST under the bootstrap policy, the RSTR back, the token with the key computed on both sides.
    func establish() throws -> SecurityContextToken {
        let pending = try client.issueRequest(context: F.client())
        let answer = try service.issue(pending.secured.envelope, context: F.service())
        return try client.accept(answer.response, for: pending, context: F.client()).0
    }

    /// The client's context for requests under `token`.
    func clientContext(_ token: SecurityContextToken) -> SecurityContext {
        var context = F.client()
        context.conversation = token
        return context
    }

    /// An application request under `token`.
    func request(_ token: SecurityContextToken) throws -> SecuredMessage {
        try SecurityEngine(policy: policy).secured(F.envelope(), context: clientContext(token))
    }
}
