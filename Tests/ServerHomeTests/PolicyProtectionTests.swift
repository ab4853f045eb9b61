import Testing
import Foundation
import WSSecurity
@testable import ServerHome

/// What a policy leaves open whatever the home (policy.bodyUnprotected, policy.noTimestamp) and SHA-1 in its suite
/// (policy.sha1, told, not warned of). The 16 scenarios get none of the warnings.
@Suite struct PolicyProtectionTests {
    /// Scenario `number`'s policy as the home writes it, edited by `edit` and applied to OrderProxy as a custom policy
    /// (apply --policy); OrderProxy's report, without the self-test.
    private func custom(_ t: TestHome, scenario number: Int, _ edit: (String) -> String) throws -> ValidationReport {
        let options = number == 16 ? ScenarioOptions(servicePrincipal: "HTTP/orders@EXAMPLE.COM", serviceKeytab: "keystores/service.keytab") : ScenarioOptions()
        try t.home.commit(t.home.planApply(scenario: number, to: "StockQuoteProxy", options: options))
        let written = try #require(t.text("conf/policies/StockQuoteProxy.policy.xml"))
        let id = try #require(ScenarioCatalogue.scenario(number)).wsuId
        let text = edit(written).replacingOccurrences(of: "wsu:Id=\"\(id)\"", with: "wsu:Id=\"Custom\(id)\"")
        #expect(!text.contains("wsu:Id=\"\(id)\"") && text.replacingOccurrences(of: "Custom", with: "") != written, "the edit changed the policy")
        let plan = try t.home.planApplyPolicy(bytes: Array(text.utf8), to: "OrderProxy")
        try t.home.commit(plan.change)
        return t.home.validate(try t.home.service(named: "OrderProxy"))
    }

    private static func removing(_ element: String, from text: String) -> String {
        text.replacingOccurrences(of: "(?s)<sp:\(element)[^>]*>.*?</sp:\(element)>", with: "", options: .regularExpression)
    }

    /// The reviewer's policy: scenario 5 without SignedParts and EncryptedParts signs the Timestamp alone.
    @Test func aPolicyThatProtectsNoBodyIsWarned() throws {
        let t = try TestHome()
        let report = try custom(t, scenario: 5) { Self.removing("EncryptedParts", from: Self.removing("SignedParts", from: $0)) }
        let finding = try #require(report.findings.first { $0.code == "policy.bodyUnprotected" }, "\(report.findings)")
        #expect(finding.severity == .warning && finding.message.contains("neither signs nor encrypts the SOAP Body: anyone on the path"), "\(finding)")
        #expect(finding.fix.contains("<sp:SignedParts><sp:Body/></sp:SignedParts>") && finding.fix.contains("<sp:EncryptedParts><sp:Body/></sp:EncryptedParts>"))
        // apply --policy and the console's confirmation say it before writing.
        let text = try #require(t.text("conf/policies/OrderProxy.policy.xml"))
        let plan = try t.home.planApplyPolicy(bytes: Array(text.utf8), to: "EchoProxy")
        #expect(plan.warnings.contains { $0.hasPrefix(finding.message) }, "\(plan.warnings)")
        // Encrypted only is protected: nobody on the path reads it.
        let encrypted = try custom(t, scenario: 5) { Self.removing("SignedParts", from: $0) }
        #expect(!encrypted.findings.contains { $0.code == "policy.bodyUnprotected" }, "\(encrypted.findings)")
    }

    /// sp:SignedElements: one that selects the Body signs it; one that selects an element in it protects that alone.
    @Test func signedElementsCountWhenTheySelectTheBody() throws {
        let t = try TestHome()
        // Scenario 3 signs the Body and encrypts nothing: its sp:SignedParts becomes sp:SignedElements.
        let elements = { (xpath: String) in { (text: String) in
            text.replacingOccurrences(of: "(?s)<sp:SignedParts[^>]*>.*?</sp:SignedParts>", with:
                "<sp:SignedElements xmlns:sp=\"http://schemas.xmlsoap.org/ws/2005/07/securitypolicy\" xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<sp:XPath>\(xpath)</sp:XPath></sp:SignedElements>", options: .regularExpression)
        } }
        let body = try custom(t, scenario: 3, elements("/s:Envelope/s:Body"))
        #expect(!body.findings.contains { $0.code == "policy.bodyUnprotected" }, "\(body.findings)")
        let part = try custom(t, scenario: 3, elements("/s:Envelope/s:Body/*[1]"))
        let finding = try #require(part.findings.first { $0.code == "policy.bodyUnprotected" }, "\(part.findings)")
        #expect(finding.message.contains("(only the elements its XPath expressions select are: /s:Envelope/s:Body/*[1])"), "\(finding.message)")
    }

    /// Without a Timestamp: what limits a replay is said as the engine and Micro Integrator have it.
    @Test func aPolicyWithoutATimestampSaysWhatStillEndsAReplay() throws {
        let t = try TestHome()
        let noTimestamp = { (text: String) in text.replacingOccurrences(of: "<sp:IncludeTimestamp/>", with: "") }
        func finding(_ report: ValidationReport) throws -> Finding {
            try #require(report.findings.first { $0.code == "policy.noTimestamp" }, "\(report.findings)")
        }
        let x509 = try finding(try custom(t, scenario: 5, noTimestamp))
        #expect(x509.severity == .warning && x509.message.contains("a captured request is accepted again at any later time"), "\(x509.message)")
        #expect(x509.fix.hasPrefix("Add <sp:IncludeTimestamp/> to the policy's binding"))

        // A UsernameToken's nonce holds a replay off for nonceLifeTime only; this finding says so, in place of replay.window's.
        let username = try custom(t, scenario: 8, noTimestamp)
        let nonce = try finding(username)
        #expect(nonce.severity == .warning && nonce.message.contains("once its UsernameToken's nonce is forgotten, nonceLifeTime 300 s after it first arrived")
                && nonce.message.contains("from a client that sends no Nonce"), "\(nonce.message)")
        #expect(!username.findings.contains { $0.code.hasPrefix("replay.") }, "\(username.findings.map(\.code))")

        // HTTPS keeps requests from being read, not replayed.
        let transport = try finding(try custom(t, scenario: 1, noTimestamp))
        #expect(transport.message.contains("HTTPS keeps a request from being read on the way, not from being replayed"), "\(transport.message)")

        // Under a SecureConversation token until it ends; the bootstrap policy keeps its own Timestamp.
        let conversation = try custom(t, scenario: 9) { text in
            text.replacingCharacters(in: text.range(of: "<sp:IncludeTimestamp/>", options: .backwards)!, with: "")
        }
        #expect(try finding(conversation).message.contains("until its SecureConversation token expires or is cancelled"))

        // A Kerberos AP-REQ is refused a second time by the acceptor: told, not warned of.
        let kerberos = try finding(try custom(t, scenario: 16, noTimestamp))
        #expect(kerberos.severity == .info && kerberos.message.contains("Kerberos AP-REQ is refused a second time"), "\(kerberos.message)")
    }

    /// Every scenario as the home would apply it: none of these warnings, SHA-1 told for all but the transport-bound 1,
    /// and the states what they were without it.
    @Test func theSixteenScenariosGetNoNewWarning() throws {
        let t = try TestHome()
        let service = try t.home.service(named: "OrderProxy")
        for number in 1...16 {
            let report = t.home.validate(service, scenario: number, selfTest: false)
            let new = report.findings.filter { ["policy.bodyUnprotected", "policy.noTimestamp", "policy.sha1", "truststore.trustsCA"].contains($0.code) }
            #expect(new.map(\.code) == (number == 1 ? [] : ["policy.sha1"]), "scenario \(number): \(report.findings.map(\.code))")
            #expect(new.allSatisfy { $0.severity == .info }, "scenario \(number)")
            #expect(ValidationReport(findings: report.findings.filter { !new.contains($0) }, secured: true).state == report.state, "scenario \(number)")
        }
    }

    /// SHA-1 is named with what replaces it; a Sha256 suite and a transport binding without an endorsing token get nothing.
    @Test func sha1IsToldWithTheSuiteThatMovesDigestsToSHA256() throws {
        let t = try TestHome()
        let report = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: 2, selfTest: false)
        let sha1 = try #require(report.findings.first { $0.code == "policy.sha1" })
        #expect(sha1.severity == .info && sha1.message.hasPrefix("SHA-1 in every signature: the algorithm suite Basic256 digests what is signed with SHA-1, and signs with RSA-SHA1")
                && sha1.message.contains("WSO2's built-in scenarios all require it"), "\(sha1.message)")
        #expect(sha1.fix.contains("<sp:Basic256Sha256/>") && sha1.fix.contains("the digests become SHA-256; the signatures stay RSA-SHA1"), "\(sha1.fix)")
        let symmetric = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: 3, selfTest: false)
        #expect(symmetric.findings.first { $0.code == "policy.sha1" }?.message.contains("signs with HMAC-SHA1;") == true)
        let sha256 = try custom(t, scenario: 5) { $0.replacingOccurrences(of: "<sp:Basic256/>", with: "<sp:Basic256Sha256/>") }
        #expect(!sha256.findings.contains { $0.code == "policy.sha1" }, "\(sha256.findings)")
    }
}
