import Foundation
import KeyMaterial
import Testing
import WSSecurity
@testable import ServerHome

/// The SecurityContextTokens the home keeps are bound to the service that issued them and to its policy then: no
/// other service, and not the same service after its policy changed, accepts them; tokens kept without a binding
/// (by earlier versions) are refused with the fix.
@Suite struct IssuedTokenBindingTests {
    func token(expiresIn seconds: TimeInterval = 600) -> SecurityContextToken {
        SecurityContextToken(identifier: "urn:uuid:" + UUID().uuidString.lowercased(), secret: Secret(bytes: Data(repeating: 7, count: 32)),
                             created: Date(), expires: Date().addingTimeInterval(seconds))
    }

    func refusal(_ store: SecurityContextStore, _ identifier: String) -> SecurityFault? {
        do { _ = try store.token(identifier, now: Date()) } catch { return error }
        return nil
    }

    @Test func aTokenIsAcceptedOnlyByItsServiceUnderItsPolicy() throws {
        let t = try TestHome()
        let echo = IssuedTokenBinding(service: "EchoProxy", policyText: "<wsp:Policy/>")
        let issued = token()
        try t.home.keepIssuedToken(issued, binding: echo)

        #expect(try t.home.issuedTokens(for: echo).token(issued.identifier, now: Date()).secret.isEqual(to: issued.secret))

        let other = try #require(refusal(t.home.issuedTokens(for: IssuedTokenBinding(service: "OrderProxy", policyText: "<wsp:Policy/>")), issued.identifier))
        #expect(other.code == .invalidSecurityToken)
        #expect(other.message.contains("issued by EchoProxy, not OrderProxy"), "\(other.message)")
        #expect(other.message.contains("wssconsole message token --service OrderProxy"), "\(other.message)")

        let changed = try #require(refusal(t.home.issuedTokens(for: IssuedTokenBinding(service: "EchoProxy", policyText: "<wsp:Policy>changed</wsp:Policy>")),
                                           issued.identifier))
        #expect(changed.code == .invalidSecurityToken)
        #expect(changed.message.contains("under an earlier policy"), "\(changed.message)")

        #expect(try t.home.issuedTokens(for: echo).token(issued.identifier, now: Date()).identifier == issued.identifier,
                "refusing it elsewhere leaves it to its own service")
    }

    @Test func aTokenKeptWithoutItsServiceIsRefusedWithTheFix() throws {
        let t = try TestHome()
        let binding = IssuedTokenBinding(service: "EchoProxy", policyText: "<wsp:Policy/>")
        let unbound = token()
        // As earlier versions kept it: the token alone, in the file the home would name for it.
        try t.home.keepIssuedToken(unbound, binding: binding)
        let folder = t.home.issuedTokensPath
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        try MessageSession(service: nil, token: unbound).write(to: folder + "/" + file)

        let fault = try #require(refusal(t.home.issuedTokens(for: binding), unbound.identifier))
        #expect(fault.code == .invalidSecurityToken)
        #expect(fault.message.contains("did not record which service issued it"), "\(fault.message)")
        #expect(fault.message.contains("wssconsole message token --service EchoProxy"), "\(fault.message)")
    }

    @Test func theBindingComesFromTheServicesPolicyFile() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 12, to: "EchoProxy"))
        try t.home.commit(t.home.planApply(scenario: 12, to: "OrderProxy"))
        let echo = try t.home.messageSetup(service: "EchoProxy", role: .service, direction: .request, transport: .https).tokenBinding
        let order = try t.home.messageSetup(service: "OrderProxy", role: .service, direction: .request, transport: .https).tokenBinding
        #expect(echo.service == "EchoProxy" && order.service == "OrderProxy")
        #expect(echo == IssuedTokenBinding(service: "EchoProxy", policyText: try t.home.policyText(for: "EchoProxy")))
        try t.home.commit(t.home.planApply(scenario: 14, to: "EchoProxy"))
        let changed = try t.home.messageSetup(service: "EchoProxy", role: .service, direction: .request, transport: .https).tokenBinding
        #expect(changed.policyDigest != echo.policyDigest, "applying another scenario changes the policy the tokens are bound to")
    }
}
