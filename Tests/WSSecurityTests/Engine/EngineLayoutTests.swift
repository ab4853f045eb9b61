import Foundation
import Testing
@testable import WSSecurity

/// sp:Layout, both directions: the order `secure` writes, an order the layout forbids refused after the crypto
/// (InvalidSecurity, naming what is out of place), and Lax accepting the same reordered messages.
@Suite struct EngineLayoutTests {
    typealias F = EngineFixture

    /// Scenario `scenario`'s policy with its binding's layout replaced.
    static func policy(_ scenario: Int, _ layout: Layout) -> SecurityPolicy {
        var policy = F.policy(scenario)
        switch policy.alternative.binding {
        case .transport(var b): b.properties.layout = layout; policy.alternative.binding = .transport(b)
        case .symmetric(var b): b.properties.layout = layout; policy.alternative.binding = .symmetric(b)
        case .asymmetric(var b): b.properties.layout = layout; policy.alternative.binding = .asymmetric(b)
        }
        return policy
    }

    /// A secured request (or, with `response`, the response to it) and the context that verifies it.
    static func message(_ scenario: Int, _ layout: Layout, response: Bool) throws -> (Data, SecurityContext) {
        let engine = SecurityEngine(policy: policy(scenario, layout))
        let request = try engine.secured(F.envelope(), context: F.client())
        guard response else { return (request.envelope, F.service()) }
        let verified = try engine.verify(request.envelope, context: F.service())
        let secured = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        return (secured, F.client(.response, request: request.requestContext))
    }

    /// The local names of the Security header's children, in order.
    static func headerOrder(_ message: Data) throws -> [String] {
        try #require(try SOAPEnvelope(message).securityHeaders.first).children.map(\.name)
    }

    /// The message with the header child named `name` moved (the signatures stay valid: they cover content, not place).
    static func moving(_ name: String, in message: Data, to place: (XMLElementPlace)) throws -> Data {
        let soap = try SOAPEnvelope(message)
        let security = try #require(soap.securityHeaders.first)
        let element = try #require(security.children.first { $0.name == name })
        switch place {
        case .first: element.move(to: .firstChild(of: security))
        case .last: element.move(to: .lastChild(of: security))
        case .after(let other): element.move(to: .after(try #require(security.children.first { $0.name == other })))
        }
        return soap.serialized()
    }

    enum XMLElementPlace { case first, last, after(String) }

    func verify(_ scenario: Int, _ layout: Layout, _ message: Data, _ context: SecurityContext) throws(SecurityFault) {
        _ = try SecurityEngine(policy: Self.policy(scenario, layout)).verify(message, context: context)
    }

    func expectMisplaced(_ scenario: Int, _ layout: Layout, _ message: Data, _ context: SecurityContext, naming what: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try verify(scenario, layout, message, context)
            Issue.record("accepted out of \(layout.rawValue) order", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .invalidSecurity, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains("\(layout.rawValue) layout") && error.message.contains(what), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [1, 2, 5, 6, 8], [false, true])
    func builtOrderFollowsTheLayout(scenario: Int, response: Bool) throws {
        guard !(response && scenario == 1) else { return }   // scenario 1's response is plain
        for layout in Layout.allCases {
            let (message, context) = try Self.message(scenario, layout, response: response)
            let order = try Self.headerOrder(message)
            if layout == .laxTimestampLast {
                #expect(order.last == "Timestamp", "\(layout): \(order)")
            } else {
                #expect(order.first == "Timestamp", "\(layout): \(order)")
            }
            let verified = try SecurityEngine(policy: Self.policy(scenario, layout)).verify(message, context: context)
            #expect(verified.checks.contains("Security header in the \(layout.rawValue) layout") == (layout != .lax), "\(verified.checks)")
        }
    }

    @Test(arguments: [false, true])
    func timestampOutOfPlaceIsRefusedByLaxTsFirstAndLast(response: Bool) throws {
        for scenario in [2, 6] {
            let (first, firstContext) = try Self.message(scenario, .laxTimestampFirst, response: response)
            expectMisplaced(scenario, .laxTimestampFirst, try Self.moving("Timestamp", in: first, to: .last), firstContext,
                            naming: "Timestamp must be the first element")
            let (last, lastContext) = try Self.message(scenario, .laxTimestampLast, response: response)
            expectMisplaced(scenario, .laxTimestampLast, try Self.moving("Timestamp", in: last, to: .first), lastContext,
                            naming: "Timestamp must be the last element")
        }
    }

    /// Strict: a signed element after its Signature, a token after the Signature using its key.
    @Test(arguments: [false, true])
    func declareBeforeUseIsEnforcedByStrict(response: Bool) throws {
        let (message, context) = try Self.message(2, .strict, response: response)
        expectMisplaced(2, .strict, try Self.moving("Timestamp", in: message, to: .last), context, naming: "that signs it")
        if !response {
            expectMisplaced(2, .strict, try Self.moving("BinarySecurityToken", in: message, to: .last), context,
                            naming: "the BinarySecurityToken (element 3 of 3) comes after the Signature (element 2 of 3) that uses its key")
        }
        let (symmetric, symmetricContext) = try Self.message(6, .strict, response: response)
        if response {
            expectMisplaced(6, .strict, try Self.moving("SignatureConfirmation", in: symmetric, to: .last), symmetricContext,
                            naming: "the SignatureConfirmation")
        } else {
            expectMisplaced(6, .strict, try Self.moving("EncryptedKey", in: symmetric, to: .last), symmetricContext,
                            naming: "the EncryptedKey")
        }
    }

    /// The same reordered messages, under Lax: any order WS-Security can process is accepted.
    @Test(arguments: [false, true])
    func laxAcceptsAnyOrder(response: Bool) throws {
        let (message, context) = try Self.message(2, .lax, response: response)
        try verify(2, .lax, try Self.moving("Timestamp", in: message, to: .last), context)
        if !response { try verify(2, .lax, try Self.moving("BinarySecurityToken", in: message, to: .last), context) }
        let (symmetric, symmetricContext) = try Self.message(6, .lax, response: response)
        let moved = try Self.moving(response ? "SignatureConfirmation" : "EncryptedKey", in: symmetric, to: .last)
        try verify(6, .lax, moved, symmetricContext)
    }

    /// A confirmation carries the request's signature value unwrapped (as WSS4J writes it), while the request's
    /// ds:SignatureValue wraps every 76 characters: the values are compared as bytes.
    @Test func signatureConfirmationIsComparedAsBytes() throws {
        let engine = SecurityEngine(policy: F.policy(5))
        let request = try engine.secured(F.envelope(), context: F.client())
        #expect(request.requestContext.signatureValues.allSatisfy { $0.contains("\n") }, "an RSA-2048 value wraps")
        var service = try engine.verify(request.envelope, context: F.service()).requestContext
        service.signatureValues = service.signatureValues.map { $0.filter { !$0.isWhitespace } }
        let response = try engine.secure(F.envelope(), context: F.service(.response, request: service))
        let accepted = try engine.verify(response, context: F.client(.response, request: request.requestContext))
        #expect(accepted.checks.contains("SignatureConfirmation matches the request's signatures"))

        var other = service
        other.signatureValues = [Data(repeating: 7, count: 256).base64EncodedString()]
        let wrong = try engine.secure(F.envelope(), context: F.service(.response, request: other))
        #expect(throws: SecurityFault.self) { try engine.verify(wrong, context: F.client(.response, request: request.requestContext)) }
    }
}
