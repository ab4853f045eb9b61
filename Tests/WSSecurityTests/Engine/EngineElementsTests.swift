import Foundation
import SecureXML
import Testing
@testable import WSSecurity

/// Headers in sp:SignedParts and sp:EncryptedParts, elements by XPath in sp:SignedElements, sp:EncryptedElements and
/// sp:ContentEncryptedElements, and sp:RequiredParts / sp:RequiredElements: protected by `secure`, and held to the
/// policy by `verify` on the message as it stands after decryption.
@Suite struct EngineElementsTests {
    typealias F = EngineFixture
    static let addressing = "http://www.w3.org/2005/08/addressing"
    static let to = QualifiedName(namespace: addressing, name: "To")
    static let bindings = ["m": "urn:example:orders", "wsa": addressing, "soapenv": "http://schemas.xmlsoap.org/soap/envelope/"]

    static func xpath(_ text: String) -> XPathExpression { try! XPathExpression(text, namespaces: bindings) }

    /// A request whose To header is marked mustUnderstand, beside a second header left alone.
    static func envelope(soap12: Bool = false) -> Data {
        let ns = soap12 ? "http://www.w3.org/2003/05/soap-envelope" : "http://schemas.xmlsoap.org/soap/envelope/"
        return Data("""
        <soapenv:Envelope xmlns:soapenv="\(ns)"><soapenv:Header>\
        <a:To xmlns:a="\(addressing)" soapenv:mustUnderstand="\(soap12 ? "true" : "1")">https://localhost/services/Orders</a:To>\
        <a:Action xmlns:a="\(addressing)">urn:placeOrder</a:Action></soapenv:Header>\
        <soapenv:Body>\(F.payload)</soapenv:Body></soapenv:Envelope>
        """.utf8)
    }

    /// Scenario `scenario` with the To header signed and encrypted whole.
    static func headerPolicy(_ scenario: Int) -> SecurityPolicy {
        var policy = F.policy(scenario)
        policy.alternative.signedParts?.headers = [to]
        policy.alternative.encryptedParts = MessageParts(body: policy.alternative.encryptedParts?.body ?? false, headers: [to])
        return policy
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let scenario: Int
        let soap12: Bool
        var testDescription: String { "scenario \(scenario), SOAP \(soap12 ? "1.2" : "1.1")" }
    }

    @Test(arguments: [Case(scenario: 5, soap12: false), Case(scenario: 8, soap12: false), Case(scenario: 8, soap12: true),
                      Case(scenario: 2, soap12: false), Case(scenario: 3, soap12: false)])
    func aHeaderTravelsAsAnEncryptedHeaderAndComesBackSigned(_ c: Case) throws {
        let engine = SecurityEngine(policy: Self.headerPolicy(c.scenario))
        let request = try engine.secured(Self.envelope(soap12: c.soap12), context: F.client())
        let text = String(decoding: request.envelope, as: UTF8.self)
        #expect(!text.contains("services/Orders"), "the header is encrypted: \(text)")
        #expect(text.contains("<wsse11:EncryptedHeader") && text.contains("urn:placeOrder"), "\(text)")
        let wrapper = try #require(text.range(of: "<wsse11:EncryptedHeader")).lowerBound
        let wrapperTag = text[wrapper...].prefix { $0 != ">" }
        #expect(wrapperTag.contains(c.soap12 ? #"mustUnderstand="true""# : #"mustUnderstand="1""#), "mustUnderstand kept: \(wrapperTag)")
        #expect(request.actions.contains { $0.hasPrefix("Header To encrypted") }, "\(request.actions)")

        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(verified.checks.contains("header To encrypted and decrypted"), "\(verified.checks)")
        #expect(verified.checks.contains { $0.contains("header To") && $0.contains("signed by") }, "\(verified.checks)")
        let clear = String(decoding: verified.envelope, as: UTF8.self)
        #expect(clear.contains("services/Orders</a:To>") && !clear.contains("EncryptedHeader"), "\(clear)")
    }

    /// The same header sent in clear, or only its sibling encrypted, is refused under the policy.
    @Test(arguments: [5, 8])
    func aHeaderInClearIsRefused(scenario: Int) throws {
        var signedOnly = F.policy(scenario)
        signedOnly.alternative.signedParts?.headers = [Self.to]
        let inClear = try SecurityEngine(policy: signedOnly).secure(Self.envelope(), context: F.client())
        do {
            _ = try SecurityEngine(policy: Self.headerPolicy(scenario)).verify(inClear, context: F.service())
            Issue.record("a header in clear accepted")
        } catch {
            #expect(error.code == .invalidSecurity && error.message == "The header To is not encrypted, as the policy requires", "\(error)")
        }
    }

    @Test func elementsChosenByXPathAreSignedAndOthersAreNot() throws {
        var policy = F.policy(2)
        policy.alternative.signedParts = MessageParts(body: false)
        // The Timestamp, signed anyway, is referenced once.
        policy.alternative.elements.signed = [Self.xpath("//m:item"), Self.xpath("/soapenv:Envelope/soapenv:Header/wsa:Action"),
                                              try XPathExpression("//wsu:Timestamp", namespaces: ["wsu": "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"])]
        let engine = SecurityEngine(policy: policy)
        let request = try engine.secure(Self.envelope(), context: F.client())
        #expect(String(decoding: request, as: UTF8.self).components(separatedBy: "<ds:Reference ").count - 1 == 3, "item, Action, Timestamp")
        let verified = try engine.verify(request, context: F.service())
        let signed = try #require(verified.checks.first { $0.contains("signed by") })
        #expect(signed.contains("element item (sp:SignedElements)") && signed.contains("element Action (sp:SignedElements)"), "\(signed)")
        #expect(!signed.contains("Body"), "\(signed)")

        // Signed without the XPath (the Body only): the item inside the signed Body is covered, Action is not.
        let bodyOnly = try SecurityEngine(policy: F.policy(2)).secure(Self.envelope(), context: F.client())
        do {
            _ = try engine.verify(bodyOnly, context: F.service())
            Issue.record("an unsigned Action header accepted")
        } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("element Action (sp:SignedElements) is not signed"), "\(error)")
        }
    }

    @Test func elementsAndContentChosenByXPathAreEncrypted() throws {
        var policy = F.policy(3)
        policy.alternative.elements.encrypted = [Self.xpath("//m:item")]
        policy.alternative.elements.contentEncrypted = [Self.xpath("//wsa:Action"), Self.xpath("//m:item")]
        let engine = SecurityEngine(policy: policy)
        let request = try engine.secured(Self.envelope(), context: F.client())
        let text = String(decoding: request.envelope, as: UTF8.self)
        #expect(!text.contains("two boxes") && !text.contains("urn:placeOrder") && text.contains("<a:Action"), "\(text)")
        #expect(request.actions.contains("Element item encrypted (aes256-cbc)") && request.actions.contains("Content of Action encrypted (aes256-cbc)"),
                "item whole wins over its content: \(request.actions)")
        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(verified.checks.contains("element item, the content of Action, the content of item encrypted and decrypted"), "\(verified.checks)")
        #expect(F.payloadText(verified.envelope)?.contains("two boxes") == true)

        let plain = try SecurityEngine(policy: F.policy(3)).secure(Self.envelope(), context: F.client())
        do {
            _ = try engine.verify(plain, context: F.service())
            Issue.record("elements in clear accepted")
        } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("The element item is not encrypted"), "\(error)")
        }
    }

    /// Under sp:ContentEncryptedElements alone, an element whose content arrives in clear is refused.
    @Test func contentInClearIsRefused() throws {
        var policy = F.policy(3)
        policy.alternative.elements.contentEncrypted = [Self.xpath("//wsa:Action")]
        let plain = try SecurityEngine(policy: F.policy(3)).secure(Self.envelope(), context: F.client())
        do { _ = try SecurityEngine(policy: policy).verify(plain, context: F.service()); Issue.record("content in clear accepted") } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("The content of Action is not encrypted"), "\(error)")
        }
    }

    /// A wsse11:EncryptedHeader moved out of the SOAP Header (into the Body) is refused once decrypted, not unwrapped there.
    /// (Scenario 2 leaves the Body in clear: beside an encrypted Body's content, the wrapper would be refused as that.)
    @Test func anEncryptedHeaderOutsideTheHeaderIsRefused() throws {
        let engine = SecurityEngine(policy: Self.headerPolicy(2))
        let text = String(decoding: try engine.secure(Self.envelope(), context: F.client()), as: UTF8.self)
        let start = try #require(text.range(of: "<wsse11:EncryptedHeader")), end = try #require(text.range(of: "</wsse11:EncryptedHeader>"))
        let wrapper = String(text[start.lowerBound..<end.upperBound])
        var moved = text.replacingOccurrences(of: wrapper, with: "")
        let body = try #require(moved.range(of: "<soapenv:Body"))
        let bodyTagEnd = try #require(moved[body.upperBound...].firstIndex(of: ">"))
        moved.insert(contentsOf: #"<x:in xmlns:x="urn:x">"# + wrapper + "</x:in>", at: moved.index(after: bodyTagEnd))
        #expect(!moved.prefix(upTo: body.lowerBound).contains("EncryptedHeader") && moved.contains("<x:in"))
        do { _ = try engine.verify(Data(moved.utf8), context: F.service()); Issue.record("a misplaced EncryptedHeader accepted") } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("must stand in the SOAP Header"), "\(error)")
        }
    }

    @Test func requiredHeadersAndElementsMustBeThere() throws {
        var policy = F.policy(3)
        policy.alternative.elements.requiredHeaders = [QualifiedName(namespace: "urn:trace", name: "Trace")]
        do { _ = try SecurityEngine(policy: policy).secure(Self.envelope(), context: F.client()); Issue.record("sent without Trace") } catch {
            #expect(error.code == .misconfigured && error.message.contains("the header Trace (sp:RequiredParts)"), "\(error)")
        }
        let without = try SecurityEngine(policy: F.policy(3)).secure(Self.envelope(), context: F.client())
        do { _ = try SecurityEngine(policy: policy).verify(without, context: F.service()); Issue.record("accepted without Trace") } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("lacks the header Trace"), "\(error)")
        }
        var elements = F.policy(3)
        elements.alternative.elements.required = [Self.xpath("//wsa:Action")]
        #expect(try SecurityEngine(policy: elements).verify(without, context: F.service()).principal == nil)
        elements.alternative.elements.required = [Self.xpath("//wsa:ReplyTo")]
        do { _ = try SecurityEngine(policy: elements).verify(without, context: F.service()); Issue.record("accepted without ReplyTo") } catch {
            #expect(error.message.contains("an element at //wsa:ReplyTo (sp:RequiredElements)"), "\(error)")
        }
    }

    @Test func whatCannotBeEncryptedIsRefusedByName() throws {
        var body = F.policy(3)
        body.alternative.elements.encrypted = [Self.xpath("/soapenv:Envelope/soapenv:Body")]
        do { _ = try SecurityEngine(policy: body).secure(Self.envelope(), context: F.client()); Issue.record("encrypted the Body whole") } catch {
            #expect(error.code == .misconfigured && error.message.contains("SOAP Body itself"), "\(error)")
        }
        var first = Self.headerPolicy(8)
        first.alternative.binding.common.protectionOrder = .encryptBeforeSigning
        do { _ = try SecurityEngine(policy: first).secure(Self.envelope(), context: F.client()); Issue.record("secured") } catch {
            #expect(error.code == .notImplemented && error.message.contains("sp:EncryptBeforeSigning"), "\(error)")
        }
    }

    /// A policy file with every kind of these assertions reads into the model, writes back, and is summarised.
    @Test func thePolicyFileReadsWritesBackAndIsSummarised() throws {
        var policy = Self.headerPolicy(8)
        policy.alternative.elements.signed = [Self.xpath("//m:item[@sku]")]
        policy.alternative.elements.encrypted = [Self.xpath("//wsa:Action")]
        policy.alternative.elements.contentEncrypted = [Self.xpath("//m:order")]
        policy.alternative.elements.required = [Self.xpath("/soapenv:Envelope/soapenv:Header/wsa:To")]
        policy.alternative.elements.requiredHeaders = [QualifiedName(namespace: "urn:trace", name: "Trace")]
        let text = PolicyWriter.write(policy)
        #expect(try PolicyReader.read(text) == policy, "\(String(decoding: text, as: UTF8.self))")
        let protects = try #require(PolicySummary(policy).lines.first { $0.label == "Protects" }).text
        #expect(protects.contains("elements at //m:item[@sku] signed") && protects.contains("the content of //m:order encrypted")
                && protects.contains("header Trace present") && protects.contains("header To signed and encrypted"), "\(protects)")

        let unbound = String(decoding: text, as: UTF8.self).replacingOccurrences(of: "//wsa:Action", with: "//x:Action")
        #expect(throws: PolicyError.self) { try PolicyReader.read(Array(unbound.utf8)) }
        let xpath2 = String(decoding: text, as: UTF8.self).replacingOccurrences(of: "<sp:EncryptedElements>", with: #"<sp:EncryptedElements XPathVersion="urn:xpath2">"#)
        #expect(throws: PolicyError.self) { try PolicyReader.read(Array(xpath2.utf8)) }
    }

    /// An empty sp:SignedParts signs the Body and every header, an empty sp:EncryptedParts encrypts the Body: a
    /// header added or changed after signing is refused, as is a Body left in clear.
    @Test(arguments: [5, 8])
    func emptyPartsSignEveryHeaderAndEncryptTheBody(scenario: Int) throws {
        var policy = F.policy(scenario)
        policy.alternative.signedParts = MessageParts(body: true, allHeaders: true)
        policy.alternative.encryptedParts = MessageParts(body: true)
        let engine = SecurityEngine(policy: policy)
        let request = try engine.secured(Self.envelope(), context: F.client())
        let text = String(decoding: request.envelope, as: UTF8.self)
        #expect(!text.contains("two boxes"), "the Body is encrypted: \(text)")
        let verified = try engine.verify(request.envelope, context: F.service())
        for header in ["To", "Action"] {
            #expect(verified.checks.contains { $0.contains("header \(header)") && $0.contains("signed by") }, "\(verified.checks)")
        }

        let added = text.replacingOccurrences(of: "</soapenv:Header>", with: "<x:Extra xmlns:x=\"urn:x\">not signed</x:Extra></soapenv:Header>")
        #expect(added != text)
        let error = #expect(throws: SecurityFault.self) { try engine.verify(Data(added.utf8), context: F.service()) }
        #expect(error?.code == .invalidSecurity && error?.message.contains("header Extra is not signed") == true, "\(String(describing: error))")

        var clearBody = policy
        clearBody.alternative.encryptedParts = nil
        let inClear = try SecurityEngine(policy: clearBody).secure(Self.envelope(), context: F.client())
        let refused = #expect(throws: SecurityFault.self) { try engine.verify(inClear, context: F.service()) }
        #expect(refused?.code == .invalidSecurity, "\(String(describing: refused))")
    }
}
