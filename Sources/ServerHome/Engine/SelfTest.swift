import Foundation
import SecureXML
import WSSecurity

/// The self-test: an in-process client and service, built from the home's configuration, exchange a request and a
/// response under the service's policy. Each step is an information finding; a failure is an error with the fault.
struct SelfTest {
    let home: Home
    let service: Service
    let policy: SecurityPolicy
    let needs: PolicyNeeds
    let loader: KeystoreLoader

    static let request = Data(#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><m:echo xmlns:m="urn:wssconsole:selftest"><m:text>self-test request</m:text></m:echo></soapenv:Body></soapenv:Envelope>"#.utf8)
    static let response = Data(#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><m:echoResponse xmlns:m="urn:wssconsole:selftest"><m:text>self-test response</m:text></m:echoResponse></soapenv:Body></soapenv:Envelope>"#.utf8)

    /// What the self-test exchanges: its request and response with the headers the policy names.
    var requestMessage: Data { Self.withNamedHeaders(Self.request, policy: policy) }
    var responseMessage: Data { Self.withNamedHeaders(Self.response, policy: policy) }

    /// `envelope` with a header for each one the policy names by name (signed, encrypted or required), so that their
    /// protection is tried too.
    static func withNamedHeaders(_ envelope: Data, policy: SecurityPolicy) -> Data {
        let alternative = policy.alternative
        var names: [QualifiedName] = []
        for name in (alternative.signedParts?.headers ?? []) + (alternative.encryptedParts?.headers ?? []) + alternative.elements.requiredHeaders
            where !name.name.isEmpty && !names.contains(name) { names.append(name) }
        // Every header signed: one of the self-test's own is tried.
        if alternative.signedParts?.allHeaders == true { names.append(QualifiedName(namespace: "urn:wssconsole:self-test", name: "Trace")) }
        guard !names.isEmpty, let document = try? XMLDocument.parse(Array(envelope)), let header = document.root?.children.first else { return envelope }
        for (index, name) in names.enumerated() {
            header.appendElement(name.name, namespace: name.namespace, prefix: "h\(index + 1)", text: "self-test \(name.name)")
        }
        return Data(document.serialized())
    }

    func findings(after checks: [Finding]) -> [Finding] {
        guard !checks.contains(where: { $0.severity == .error }) else {
            return [Finding(.info, SelfTestCodes.skipped, "The self-test did not run: the errors above must be fixed first")]
        }
        var steps: [Finding] = []
        func step(_ text: String) { steps.append(Finding(.info, SelfTestCodes.step, text)) }
        func failed(_ stage: String, _ fault: SecurityFault) -> [Finding] { steps + [Self.failure(stage, fault)] }
        func setupFailed(_ failure: FindingFailure) -> [Finding] {
            steps + [Finding(.error, SelfTestCodes.failed, "Self-test: \(failure.finding.message)", fix: failure.finding.fix)]
        }

        let untried = untriedElements
        let notTried: (String) -> Finding = { reason in
            Finding(.warning, SelfTestCodes.untried, reason + ": " + untried.map { "\($0.expression.text) (sp:\($0.assertion))" }.joined(separator: ", "),
                    fix: "Try the policy with a real message: wssconsole message secure --service \(service.name) --role client, then message verify.")
        }
        if untried.contains(where: { $0.assertion == "RequiredElements" }) {
            return [notTried("The self-test did not run: its message has no element the policy requires or chooses")]
        }

        // Over HTTPS where the policy needs it or the proxy accepts nothing else, as its callers will.
        let transport: TransportKind = needs.requirements.contains(.https) || !home.acceptsPlainHTTP(service) ? .https : .http
        var parties = EngineParties(home: home, policy: policy, needs: needs, transport: transport, loader: loader)
        parties.clientMayBeTheService = true
        let engine = SecurityEngine(policy: policy)
        let clientRequest: SecurityContext, serviceRequest: SecurityContext
        switch (parties.client(direction: .request), parties.service(direction: .request)) {
        case (.failure(let failure), _), (_, .failure(let failure)): return setupFailed(failure)
        case (.success(let client), .success(let service)):
            (clientRequest, serviceRequest) = (client.0, service.0)
            step("Client: " + (client.1.isEmpty ? "no keys or user" : client.1.joined(separator: ", ")))
            step("Service: " + (service.1.isEmpty ? "no keys or users" : service.1.joined(separator: ", ")))
        }
        if needs.requirements.contains(.secureConversation) {
            return conversationFindings(client: clientRequest, service: serviceRequest, steps: steps)
        }

        let secured: SecuredMessage
        do { secured = try engine.secured(requestMessage, context: clientRequest) } catch { return failed("securing the request (client)", error) }
        step("Client secured the request over \(transport.rawValue): " + secured.actions.joined(separator: "; "))
        let verified: VerifiedMessage
        do { verified = try engine.verify(secured.envelope, context: serviceRequest) } catch { return failed("verifying the request (service)", error) }
        step("Service accepted the request" + (verified.principal.map { " from \($0)" } ?? "") + ": " + verified.checks.joined(separator: "; "))

        let serviceResponse: SecurityContext, clientResponse: SecurityContext
        switch (parties.service(direction: .response, requestContext: verified.requestContext),
                parties.client(direction: .response, requestContext: secured.requestContext)) {
        case (.failure(let failure), _), (_, .failure(let failure)): return setupFailed(failure)
        case (.success(let service), .success(let client)): (serviceResponse, clientResponse) = (service.0, client.0)
        }
        let response: SecuredMessage
        do { response = try engine.secured(responseMessage, context: serviceResponse) } catch { return failed("securing the response (service)", error) }
        step("Service secured the response: " + response.actions.joined(separator: "; "))
        let accepted: VerifiedMessage
        do { accepted = try engine.verify(response.envelope, context: clientResponse) } catch { return failed("verifying the response (client)", error) }
        step("Client accepted the response: " + accepted.checks.joined(separator: "; "))

        return steps + [Finding(.info, SelfTestCodes.passed, "Self-test passed: a request and a response exchanged under \(needs.label)")]
            + (untried.isEmpty ? [] : [notTried("The self-test's messages have no element at these paths, so their protection was not tried")])
    }

    /// The policy's XPath expressions that select nothing in the self-test's request, with their assertion's name.
    var untriedElements: [(expression: XPathExpression, assertion: String)] {
        let elements = policy.alternative.elements
        guard let document = try? XMLDocument.parse(Array(requestMessage)) else { return [] }
        return [(elements.signed, "SignedElements"), (elements.encrypted, "EncryptedElements"),
                (elements.contentEncrypted, "ContentEncryptedElements"), (elements.required, "RequiredElements")].flatMap { list, assertion in
            list.filter { (try? document.select($0).isEmpty) ?? true }.map { (expression: $0, assertion: assertion) }
        }
    }

    /// A failed step: an error, or a warning when the engine does not implement what the policy asks (it refuses
    /// such a policy whole), since the runtime still enforces it.
    static func failure(_ stage: String, _ fault: SecurityFault) -> Finding {
        if fault.code == .notImplemented {
            // Skipped, not failed: nothing was tried, and a script must not read it as the exchange failing.
            return Finding(.warning, SelfTestCodes.skipped,
                           "Self-test not run, wssconsole's engine refuses this policy: \(fault.message). Micro Integrator's runtime (Rampart) still enforces it",
                           fix: "The other findings still apply; try the service with a client that supports this policy.")
        }
        return Finding(.error, SelfTestCodes.failed, "Self-test: \(stage) failed with \(fault.faultCode): \(fault.message)", fix: fix(for: fault, stage: stage))
    }

    static func fix(for fault: SecurityFault, stage: String) -> String {
        if let fix = fault.fix { return fix }
        return switch fault.code {
        case .failedAuthentication where fault.refused == .certificate:
            // Which side refused the certificate: the service a request's (the client's), the client a response's.
            stage.hasSuffix("(client)")
                ? "Import the service's certificate (or its CA) as a trusted entry into the client's keystore (wssconsole client show names it)."
                : "Import the client's certificate (or its CA) as a trusted entry into the service's truststore (wssconsole keystore import --entry keystore --alias ALIAS --file CERT), or name another client keystore (wssconsole client set)."
        case .failedAuthentication where fault.refused == .userStore:
            // Not the client's credentials: nothing was asked about them.
            "Make the user store answer: wssconsole userstore test tries an LDAP directory step by step (userstore show lists "
                + "its settings); wssconsole users list reads the embedded store."
        case .failedAuthentication where fault.refused == .user:
            "Check the client user and password (wssconsole client show) against the user store, and that the user has an allowed role."
        case .failedAuthentication:
            "The credentials the client presents were refused; see the message, and the client settings ([client] in the settings)."
        case .invalidSecurityToken, .securityTokenUnavailable:
            "Check that the service trusts the client's certificate and that the client holds the service's certificate."
        case .failedCheck:
            "A signature or decryption failed: the certificates each side holds may not match the other side's key pair."
        case .messageExpired:
            "Check this host's clock and the policy's timestamp TTL and skew."
        case .notImplemented:
            "The message engine does not cover this yet; the other findings still apply."
        case .misconfigured:
            "The configuration lacks what the policy needs; see the message."
        default:
            "wssconsole message secure and verify show each step of the exchange."
        }
    }
}
