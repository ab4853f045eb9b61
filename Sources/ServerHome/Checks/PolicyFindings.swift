import Foundation
import WSSecurity

/// What the policy itself deserves to be told, whatever the home: alternatives Rampart would not enforce, and legacy
/// algorithm suites. `validate` reports them; so does `policy check` on a file not yet applied.
public enum PolicyFindings {
    public static func of(_ policy: SecurityPolicy) -> [Finding] {
        alternatives(policy) + suite(policy) + encryptionUser(policy)
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

    /// A legacy algorithm suite works (the engine serves it for this policy alone) but is weaker than the default.
    private static func suite(_ policy: SecurityPolicy) -> [Finding] {
        if case .transport = policy.alternative.binding { return [] }
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
        return findings
    }
}
