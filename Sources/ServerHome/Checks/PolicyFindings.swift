import Foundation
import WSSecurity

/// What the policy itself deserves to be told, whatever the home: alternatives Rampart would not enforce, legacy
/// algorithm suites, replays its numbers let through. `validate` reports them; so does `policy check` on a file not yet
/// applied. `reapply` is the command that applies the service's scenario again ("wssconsole apply --service S
/// --scenario N"), for fixes that command makes; nil for a custom policy or a file, which is edited.
public enum PolicyFindings {
    public static func of(_ policy: SecurityPolicy, reapply: String? = nil) -> [Finding] {
        (missingId(policy).map { [$0] } ?? []) + alternatives(policy) + protection(policy) + suite(policy) + encryptionUser(policy)
            + refusedWhenSent(policy) + replay(policy, reapply: reapply)
    }

    /// A policy without a wsu:Id, which `apply --policy` refuses.
    static func missingId(_ policy: SecurityPolicy) -> Finding? {
        guard policy.id.isEmpty else { return nil }
        return Finding(.error, "policy.noId", "The policy has no wsu:Id; Micro Integrator's runtime references policies by it",
                       fix: "Add wsu:Id=\"YourPolicyName\" (xmlns:wsu=\"\(PolicyNamespaces.wsu)\") to the <wsp:Policy> element.")
    }

    /// Strict, with rampart:enableTTLCheck outside the symmetric binding, WSS4J moves Created on by timestampTTL before
    /// Rampart allows it the skew: a timestampTTL beyond the skew refuses every request as it is sent. The self-test
    /// shows it too, but `policy check` and apply's validation run none, nor does validate without a client.
    private static func refusedWhenSent(_ policy: SecurityPolicy) -> [Finding] {
        guard let wait = policy.requestsRefusedWhenSent, let rampart = policy.rampart else { return [] }
        return [Finding(.error, "rampart.timestampTTL",
                        "Micro Integrator refuses every request as it is sent: WSS4J is strict here, and enableTTLCheck makes it take a Timestamp's Created as Created + timestampTTL \(rampart.timestampTTL) s, beyond timestampMaxSkew \(rampart.timestampMaxSkew) s, so a request is first accepted \(wait) s after it was created",
                        fix: "Keep rampart:timestampTTL at most timestampMaxSkew, or turn rampart:enableTTLCheck off.")]
    }

    /// The replay windows of UsernameToken messages; requests without a Timestamp are `timestamp`'s, which says
    /// what their nonce does and does not stop.
    private static func replay(_ policy: SecurityPolicy, reapply: String?) -> [Finding] {
        replay(policy.replayWindows.filter { $0.hasTimestamp || $0.messages != "Requests" }, reapply: reapply)
    }

    /// A UsernameToken request stays acceptable for its Timestamp's span after it first arrives; its nonce is a replay
    /// for nonceLifeTime only (see ``ReplayWindow``). A nonceLifeTime shorter than the span lets a captured request in
    /// again once its nonce is forgotten: the smallest that closes this is the span itself. A token without a nonce
    /// (Rampart's clients' under a text password) is never replay-checked: only the span limits its replays.
    private static func replay(_ windows: [ReplayWindow], reapply: String?) -> [Finding] {
        windows.flatMap { window -> [Finding] in
            let messages = window.messages.lowercased()
            let captured = "a captured " + (window.messages == "Requests" ? "request" : "token request")
            var findings: [Finding] = []
            if window.isOpen {
                let withNonce = window.everyClientSendsANonce ? "" : " (from a client that sends a Nonce, as wssconsole's does)"
                if let span = window.span {
                    let fix = reapply.map { "\($0) --nonce-lifetime \(span)" } ?? "write <rampart:nonceLifeTime>\(span)</rampart:nonceLifeTime> in the policy file and apply it again"
                    findings.append(Finding(.warning, "replay.window",
                                            "\(window.messages) can stay acceptable up to \(span) s after they first arrive (\(window.reason)), but their UsernameToken's nonce is remembered for \(window.nonceLifeTime) s (nonceLifeTime): \(captured) replayed more than \(window.nonceLifeTime) s and up to \(span) s after it first arrived is accepted again\(withNonce)",
                                            fix: "Set nonceLifeTime to \(span) s, the smallest that covers the span: \(fix); then restart Micro Integrator (Rampart keeps each service's nonce lifetime from the first nonce it saw after starting)."))
                } else {
                    findings.append(Finding(.warning, "replay.window",
                                            "Nothing ends the freshness of \(messages) (\(window.reason)): once rampart:nonceLifeTime (\(window.nonceLifeTime) s) has forgotten a UsernameToken's nonce, \(captured) replayed at any later time is accepted again\(withNonce)",
                                            fix: endless(window, reapply: reapply)))
                }
            }
            if !window.everyClientSendsANonce {
                let span = window.span.map { "up to \($0) s after it first arrived (the Timestamp's span)" } ?? "at any later time (\(window.reason))"
                let fix = window.span == nil ? endless(window, reapply: reapply)
                    : "Smaller timestampTTL and timestampMaxSkew shorten the span" + (reapply.map { ": \($0) --timestamp-ttl SECONDS --timestamp-skew SECONDS" } ?? "")
                        + "; or sp:HashPassword (a custom policy): every client then sends a digest with a Nonce, which needs clear passwords in the user store (not LDAP)."
                findings.append(Finding(window.span == nil ? .warning : .info, "replay.noNonce",
                                        "With a text password Rampart's clients send no Nonce (Rampart adds one only under sp:HashPassword), and Micro Integrator replay-checks only tokens that have one: \(captured) from such a client is accepted again \(span), whatever nonceLifeTime is",
                                        fix: fix))
            }
            return findings
        }
    }

    /// The fix when nothing ends a request's freshness: a Timestamp that expires, which no nonceLifeTime replaces.
    private static func endless(_ window: ReplayWindow, reapply: String?) -> String {
        guard window.hasTimestamp else {
            return "Add sp:IncludeTimestamp to the policy's binding, so that requests expire; no nonceLifeTime closes this."
        }
        return "Give timestampTTL a positive number of seconds" + (reapply.map { ": \($0) --timestamp-ttl 300" } ?? " in the policy file")
            + "; no nonceLifeTime closes this."
    }

    /// Under an asymmetric binding Rampart encrypts the response to `rampart:encryptionUser`: without one it fails
    /// every response (missingEncryptionUser); an alias instead of useReqSigCert encrypts to that certificate, whoever
    /// called.
    private static func encryptionUser(_ policy: SecurityPolicy) -> [Finding] {
        guard case .asymmetric = policy.alternative.binding, let rampart = policy.rampart else { return [] }
        let alternative = policy.alternative
        guard alternative.encryptedParts != nil || !alternative.elements.encrypted.isEmpty || !alternative.elements.contentEncrypted.isEmpty else { return [] }
        let user = rampart.encryptionUser.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        if user.isEmpty {
            return [Finding(.error, "rampart.encryptionUser", "The policy encrypts, and its RampartConfig names no encryptionUser: Rampart fails every response (missingEncryptionUser)",
                            fix: "Add <rampart:encryptionUser>useReqSigCert</rampart:encryptionUser> (the caller's certificate), or re-apply the scenario.")]
        }
        guard user != "useReqSigCert" else { return [] }
        return [Finding(.warning, "rampart.encryptionUser",
                        "Responses are encrypted to the certificate \(user), whoever called: a client without that certificate's key cannot read them",
                        fix: "Write useReqSigCert as the encryptionUser to answer each caller with its own certificate.")]
    }

    /// Carbon class names in the RampartConfig, which Micro Integrator cannot load (ClassNotFoundException when the
    /// service deploys): an error on a Micro Integrator home, a warning where the runtime is not known (`policy check`).
    /// A scenario's policy is re-applied; a custom one is edited, with the classes that replace them named.
    public static func carbonClasses(_ policy: SecurityPolicy, onMicroIntegrator: Bool, isScenario: Bool = false) -> [Finding] {
        guard let classes = policy.rampart?.carbonClasses, !classes.isEmpty else { return [] }
        let names = classes.map(\.carbon).joined(separator: ", ")
        let fix = isScenario ? "Re-apply the scenario: on a Micro Integrator home wssconsole writes the Micro Integrator classes."
            : "In the policy file, write " + classes.map { "\($0.microIntegrator) for \($0.carbon)" }.joined(separator: ", and ")
                + ", then apply it again (wssconsole apply --service NAME --policy FILE)."
        return onMicroIntegrator
            ? [Finding(.error, "policy.carbonClasses", "The policy names Carbon classes that Micro Integrator cannot load: \(names)", fix: fix)]
            : [Finding(.warning, "policy.carbonClasses",
                       "The policy names Carbon classes (\(names)): WSO2 ESB and EI load them, Micro Integrator 4.x cannot (ClassNotFoundException when the service deploys)",
                       fix: "For Micro Integrator: " + fix.prefix(1).lowercased() + fix.dropFirst())]
    }

    /// A policy with several alternatives (wsp:ExactlyOne choices, wsp:Optional assertions) says more than is enforced.
    private static func alternatives(_ policy: SecurityPolicy) -> [Finding] {
        guard policy.alternativesOffered > 1 else { return [] }
        return [Finding(.warning, "policy.alternatives",
                        "The policy offers \(policy.alternativesOffered) alternatives (wsp:ExactlyOne or wsp:Optional); Rampart enforces only the first, and so does wssconsole",
                        fix: "Keep one alternative (and no wsp:Optional), so that the policy says what is enforced.")]
    }

    /// What the policy leaves open whatever the home: the Body, replays without a Timestamp. `apply --policy` warns
    /// of these before writing, as validation does after.
    public static func protection(_ policy: SecurityPolicy) -> [Finding] {
        body(policy) + timestamp(policy) + responses(policy)
    }

    /// Under the asymmetric binding nothing ties a response to its request but sp:RequireSignatureConfirmation (the
    /// symmetric ones answer under the request's own key): without it (scenario 2, sp:Wss10) a client takes the
    /// service's signed answer to another request, its Timestamp fresh, as the answer to its own.
    private static func responses(_ policy: SecurityPolicy) -> [Finding] {
        guard case .asymmetric = policy.alternative.binding, policy.alternative.wss11?.contains(.requireSignatureConfirmation) != true else { return [] }
        return [Finding(.info, "policy.responsesUnbound",
                        "Responses are not bound to their requests: the policy asks for no SignatureConfirmation, so a client accepts the service's signed response to another request (while its Timestamp is fresh) as the answer to its own",
                        fix: "Where every client supports WS-Security 1.1, apply a custom policy with <sp:Wss11><wsp:Policy><sp:RequireSignatureConfirmation/></wsp:Policy></sp:Wss11> in place of <sp:Wss10> (scenario 5 has it).")]
    }

    /// A Body neither signed nor encrypted can be changed or read by anyone on the path, and the service takes it as
    /// sent. Under a transport binding HTTPS protects it (transport.http says when the proxy takes plain HTTP too).
    private static func body(_ policy: SecurityPolicy) -> [Finding] {
        let alternative = policy.alternative
        if case .transport = alternative.binding { return [] }
        guard !alternative.protectsBody else { return [] }
        let chosen = (alternative.elements.signed + alternative.elements.encrypted + alternative.elements.contentEncrypted).map(\.text)
        let partly = chosen.isEmpty ? "" : " (only the elements its XPath expressions select are: \(chosen.joined(separator: ", ")))"
        return [Finding(.warning, "policy.bodyUnprotected",
                        "The policy neither signs nor encrypts the SOAP Body\(partly): anyone on the path can change or read it, and the service accepts it as it arrives",
                        fix: "Add <sp:SignedParts><sp:Body/></sp:SignedParts> to the policy (and <sp:EncryptedParts><sp:Body/></sp:EncryptedParts> to keep it secret), "
                            + "or apply a built-in scenario (2 to 16 sign or encrypt the Body).")]
    }

    /// Without a Timestamp nothing ages a request, and Micro Integrator keeps no record of the requests it took: WSS4J
    /// 1.6 and Rampart remember UsernameToken nonces only (for nonceLifeTime), as the engine does. What else ends a
    /// replay is the protection token's: a Kerberos AP-REQ is refused twice by the acceptor's replay cache (and once
    /// older than the clock skew), a SecureConversation token expires. HTTPS stops reading on the way, not replaying.
    private static func timestamp(_ policy: SecurityPolicy) -> [Finding] {
        let binding = policy.alternative.binding
        guard !binding.common.includeTimestamp else { return [] }
        let fix = "Add <sp:IncludeTimestamp/> to the policy's binding, as every built-in scenario has: Micro Integrator then refuses a request once its Timestamp has expired (timestampTTL, timestampMaxSkew)"
        var what = "The policy has no Timestamp (sp:IncludeTimestamp), so nothing ages a request, and Micro Integrator keeps no record of the requests it took (WSS4J 1.6 and Rampart remember UsernameToken nonces only; so does wssconsole's engine)"
        if case .symmetric(let symmetric) = binding, case .kerberos = symmetric.protectionToken {
            return [Finding(.info, "policy.noTimestamp",
                            what + ": a request is still not taken twice, as its Kerberos AP-REQ is refused a second time by the acceptor's replay cache, and once older than the clock skew; responses are not aged",
                            fix: fix + ".")]
        }
        let window = policy.replayWindows.first { $0.messages == "Requests" }
        if case .symmetric(let symmetric) = binding, case .secureConversation = symmetric.protectionToken {
            what += ": a captured request is accepted again until its SecureConversation token expires or is cancelled"
        } else if let window {
            what += ": a captured request is accepted again once its UsernameToken's nonce is forgotten, nonceLifeTime \(window.nonceLifeTime) s after it first arrived"
                + (window.everyClientSendsANonce ? "" : ", and at any time from a client that sends no Nonce (Rampart's, under a text password)")
        } else {
            what += ": a captured request is accepted again at any later time"
        }
        if case .transport = binding {
            what += ". HTTPS keeps a request from being read on the way, not from being replayed: one taken at either end (a TLS-terminating proxy, a log, the client's host) is accepted over a new connection"
        }
        return [Finding(.warning, "policy.noTimestamp", what,
                        fix: fix + (window == nil ? "." : "; then a nonceLifeTime covering that span closes the rest (replay.window names it)."))]
    }

    /// A legacy algorithm suite works (the engine serves it for this policy alone) but is weaker than the default.
    /// SHA-1 is in every suite WSO2's scenarios use, so it is told, not warned of.
    private static func suite(_ policy: SecurityPolicy) -> [Finding] {
        if case .transport = policy.alternative.binding { return sha1(policy) }
        let suite = policy.alternative.binding.common.algorithmSuite
        var findings: [Finding] = []
        if suite.rawValue.hasPrefix("TripleDes") {
            findings.append(Finding(.warning, "policy.tripledes",
                                    "The algorithm suite \(suite.rawValue) encrypts with Triple DES (64-bit blocks; deprecated, and disallowed for encryption by NIST since 2024)",
                                    fix: "Move to Basic256 (or Basic256Sha256) once every client supports AES; keep \(suite.rawValue) only for a client that cannot."))
        }
        if suite.rawValue.hasSuffix("Rsa15") {
            findings.append(Finding(.warning, "policy.rsa15",
                                    "The algorithm suite \(suite.rawValue) sends keys by RSA PKCS #1 v1.5, open to padding-oracle (Bleichenbacher) attacks; wssconsole answers a bad one with a random key, but a peer may not",
                                    fix: "Use a suite without Rsa15 (RSA-OAEP), e.g. Basic256, once every client supports it."))
        }
        return findings + sha1(policy)
    }

    /// WS-SecurityPolicy 1.1's suites sign with RSA-SHA1 (HMAC-SHA1 with a symmetric key) whatever their name, and
    /// digest with SHA-1 but for the Sha256 ones. Under a transport binding only an endorsing token signs.
    private static func sha1(_ policy: SecurityPolicy) -> [Finding] {
        let alternative = policy.alternative
        let suite = alternative.binding.common.algorithmSuite.rawValue
        guard !suite.hasSuffix("Sha256") else { return [] }
        let endorses = alternative.otherSupportingTokens.contains { $0.kind == .endorsing || $0.kind == .signedEndorsing }
        let methods: String
        switch alternative.binding {
        case .transport: guard endorses else { return [] }; methods = "RSA-SHA1"
        case .symmetric: methods = endorses ? "HMAC-SHA1 and RSA-SHA1" : "HMAC-SHA1"
        case .asymmetric: methods = "RSA-SHA1"
        }
        return [Finding(.info, "policy.sha1",
                        "SHA-1 in every signature: the algorithm suite \(suite) digests what is signed with SHA-1, and signs with \(methods); SHA-1 is no longer collision-resistant, and NIST disallows it for new signatures. WSO2's built-in scenarios all require it (they name Basic256)",
                        fix: "Where every client can follow, apply a custom policy with <sp:Basic256Sha256/> in place of <sp:\(suite)/> (wssconsole apply --service NAME --policy FILE): "
                            + "the digests become SHA-256; the signatures stay \(methods), as WS-SecurityPolicy 1.1 defines every suite.")]
    }
}
