import Foundation
import Testing
@testable import SecureXML

/// XPath from a policy (sp:SignedElements and its kin), evaluated on a message.
@Suite struct XPathTests {
    let message = """
    <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>\
    <a:To xmlns:a="urn:addressing">urn:orders</a:To><a:MessageID xmlns:a="urn:addressing">m-1</a:MessageID>\
    <b:Audit xmlns:b="urn:audit" b:level="2">x</b:Audit></s:Header>\
    <s:Body><o:order xmlns:o="urn:orders"><o:total>12</o:total></o:order></s:Body></s:Envelope>
    """
    let bindings = ["soap": "http://schemas.xmlsoap.org/soap/envelope/", "wsa": "urn:addressing", "o": "urn:orders"]

    func select(_ text: String, _ namespaces: [String: String]? = nil) throws -> [String] {
        let document = try XMLDocument.parse(Array(message.utf8))
        return try document.select(XPathExpression(text, namespaces: namespaces ?? bindings)).map(\.name)
    }

    @Test func selectsElementsByThePolicysPrefixesNotTheMessages() throws {
        #expect(try select("/soap:Envelope/soap:Header/wsa:*") == ["To", "MessageID"])
        #expect(try select("//o:total") == ["total"])
        // The message's own prefix means nothing to the policy's expression.
        #expect(throws: XMLError.self) { try select("//a:To") }
    }

    @Test func leavesOutWhatIsNotAnElement() throws {
        #expect(try select("//o:total/text() | //o:total") == ["total"])
        #expect(try select("/soap:Envelope/soap:Header/*[@*]") == ["Audit"])
        #expect(try select("//o:missing").isEmpty)
    }

    @Test func refusesAMalformedExpressionOrAValue() throws {
        #expect(throws: XMLError.self) { try XPathExpression("//o:total[", namespaces: bindings) }
        let error = #expect(throws: XMLError.self) { try select("count(//o:total)") }
        #expect(error?.code == .xpathFailed)
        #expect(error?.message.contains("value") == true)
    }

    @Test func refusesAnUnboundPrefixWhenReadNotWhenRun() throws {
        let error = #expect(throws: XMLError.self) { try XPathExpression("/soap:Envelope/x:Header", namespaces: bindings) }
        #expect(error?.message.contains("x:") == true)
        // Axes and string literals are not prefixes.
        _ = try XPathExpression("/child::soap:Envelope[@id = 'a:b']", namespaces: bindings)
        #expect(XPathExpression.prefixes(in: "descendant-or-self::o:total | $v:x | \"p:q\"") == ["o"])
    }

    @Test func namespacesInScopeGiveTheInnermostBinding() throws {
        let document = try XMLDocument.parse(Array("""
        <p:a xmlns:p="urn:outer" xmlns="urn:default"><b xmlns:p="urn:inner"><c/></b></p:a>
        """.utf8))
        let c = document.root!.children[0].children[0]
        #expect(c.namespacesInScope == ["p": "urn:inner", "": "urn:default"])
    }
}
