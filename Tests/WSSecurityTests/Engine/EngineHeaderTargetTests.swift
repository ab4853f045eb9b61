import Foundation
import Testing
@testable import WSSecurity

/// Which wsse:Security header is the service's: the one with no actor (SOAP 1.1) or role (SOAP 1.2), or SOAP 1.2's
/// ultimateReceiver role; headers for other actors are left alone, and two for us are refused.
@Suite struct EngineHeaderTargetTests {
    typealias F = EngineFixture
    static let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"

    func secured(_ scenario: Int, soap12: Bool = false) throws -> String {
        String(decoding: try SecurityEngine(policy: F.policy(scenario)).secure(F.envelope(soap12: soap12), context: F.client()), as: UTF8.self)
    }

    func verify(_ scenario: Int, _ text: String) throws(SecurityFault) -> VerifiedMessage {
        try SecurityEngine(policy: F.policy(scenario)).verify(Data(text.utf8), context: F.service())
    }

    /// `text` with `attribute` added to its (only) Security start tag.
    func targeting(_ text: String, _ attribute: String) throws -> String {
        let tag = try #require(text.range(of: "<wsse:Security "))
        return text.replacingCharacters(in: tag, with: "<wsse:Security \(attribute) ")
    }

    @Test func ourHeaderIsMarkedMustUnderstandAndNamesNoActor() throws {
        let soap11 = try secured(2), soap12 = try secured(2, soap12: true)
        #expect(soap11.contains(#"soapenv:mustUnderstand="1""#) && soap12.contains(#"soapenv:mustUnderstand="true""#))
        #expect(!soap11.contains(":actor=") && !soap12.contains(":role="))
    }

    @Test func aHeaderForAnotherActorIsNotOurs() throws {
        let elsewhere = try targeting(try secured(2), #"soapenv:actor="http://example.com/next-hop""#)
        do {
            _ = try verify(2, elsewhere)
            Issue.record("accepted a header addressed to another actor")
        } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("no wsse:Security header for this receiver (one is addressed to http://example.com/next-hop)"), "\(error)")
        }
    }

    @Test func anotherActorsHeaderBesideOursIsLeftAlone() throws {
        let other = #"<wsse:Security xmlns:wsse="\#(Self.wsse)" soapenv:actor="http://example.com/next-hop"><wsse:UsernameToken><wsse:Username>hop</wsse:Username></wsse:UsernameToken></wsse:Security>"#
        let text = try secured(2).replacingOccurrences(of: "</soapenv:Header>", with: other + "</soapenv:Header>")
        #expect(text.contains("next-hop"))
        let verified = try verify(2, text)
        #expect(verified.principal?.contains("CN=client") == true)
    }

    @Test func twoHeadersForUsAreRefused() throws {
        let second = #"<wsse:Security xmlns:wsse="\#(Self.wsse)"/>"#
        let text = try secured(2).replacingOccurrences(of: "</soapenv:Header>", with: second + "</soapenv:Header>")
        do {
            _ = try verify(2, text)
            Issue.record("accepted two Security headers for the same receiver")
        } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("2 Security headers"), "\(error)")
        }
    }

    @Test func soap12UltimateReceiverRoleIsOursAndNextIsNot() throws {
        let soap = "http://www.w3.org/2003/05/soap-envelope/role/"
        let ultimate = try targeting(try secured(2, soap12: true), #"soapenv:role="\#(soap)ultimateReceiver""#)
        #expect(try verify(2, ultimate).principal != nil)
        let next = try targeting(try secured(2, soap12: true), #"soapenv:role="\#(soap)next""#)
        do {
            _ = try verify(2, next)
            Issue.record("accepted a header for the next SOAP node as ours")
        } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("no wsse:Security header for this receiver (one is addressed to \(soap)next)"), "\(error)")
        }
    }
}
