import Foundation
import KeyMaterial
import SecureXML

/// `verify`: processes the Security header — tokens first, then decryption and signatures in header order —
/// and only then checks that what was proven is what the policy demands (``Conformance``).
struct Inbound {
    let policy: SecurityPolicy
    let context: SecurityContext
    var suite: SuiteAlgorithms { SuiteAlgorithms(policy.alternative.binding.common.algorithmSuite) }

    func run(_ envelope: Data) throws(SecurityFault) -> VerifiedMessage {
        try EngineCoverage.check(policy)
        let soap = try SOAPEnvelope(envelope)
        let isRequest = context.direction == .request
        guard context.role == (isRequest ? .service : .client) else {
            throw SecurityFault(.misconfigured, "The \(context.role.rawValue) verifies \(context.role == .client ? "responses" : "requests"), not \(context.direction.rawValue)s")
        }
        if case .transport = policy.alternative.binding, context.transport != .https {
            throw SecurityFault(.invalidSecurity, "The policy's transport binding requires HTTPS; the message came over plain HTTP")
        }
        let headers = soap.securityHeaders
        guard headers.count <= 1 else { throw SecurityFault(.invalidSecurity, "The message has \(headers.count) Security headers for this receiver") }
        var state = InboundState(soap: soap)
        if let security = headers.first {
            state.security = security
            try readTokens(security, into: &state)
            // Sibling by sibling through the live tree: decrypting replaces an EncryptedData of the header by what it
            // held (sp:EncryptSignature: the Signature, then verified where it stands). Only EncryptedData nodes
            // are replaced, never the Signature, ReferenceList or EncryptedKey being processed.
            var next = security.children.first
            while let element = next {
                if element.is("Signature", WSS.dsig) {
                    try verifySignature(element, state: &state)
                } else if element.is("ReferenceList", WSS.xenc) {
                    try decryptReferenceList(element, key: nil, state: &state)
                } else if element.is("EncryptedKey", WSS.xenc), let list = element.child("ReferenceList", WSS.xenc) {
                    try decryptReferenceList(list, key: state.sessionKeys[element.id ?? ""], state: &state)
                }
                next = element.nextSiblingElement
            }
            try verifyDecryptedSignatures(security, state: &state)
            // Decrypting may have brought another Security header for us out of an EncryptedData: none was processed.
            let after = soap.securityHeaders.count
            guard after == 1 else { throw SecurityFault(.invalidSecurity, "The message has \(after) Security headers for this receiver once decrypted") }
        } else if policy.demandsHeader {
            // One addressed to another node (actor or role "next", say) is not ours to process: say so, not "none".
            let elsewhere = (soap.header?.children("Security", WSS.wsse) ?? []).compactMap { $0.attribute(soap.isSOAP12 ? "role" : "actor", namespace: soap.soapNamespace) }
            let note = elsewhere.first.map { " for this receiver (one is addressed to \(String($0.prefix(120))))" } ?? ""
            throw SecurityFault(.invalidSecurity, "The message has no wsse:Security header\(note), and the policy requires one")
        }
        try checkProtectionToken(state)
        var result = try Conformance(policy: policy, context: context, suite: suite).check(state)
        // Verifying changes the tree only by decrypting; otherwise the bytes received are the envelope.
        result.verifiedEnvelope = state.decrypted.isEmpty ? VerifiedEnvelope(envelope) : VerifiedEnvelope(tree: soap)
        return result
    }

    /// First pass: timestamp, username token, certificates, session keys, signature confirmations.
    private func readTokens(_ security: XMLElement, into state: inout InboundState) throws(SecurityFault) {
        // Each EncryptedKey costs an RSA decryption with our key, so they are counted before one is opened: 7,000 in
        // an 8 MB request were all opened, even under a policy that uses none.
        let keys = security.children.count { $0.is("EncryptedKey", WSS.xenc) }, limit = suite.processing.maxReferences
        guard keys <= limit else { throw SecurityFault(.invalidSecurity, "The header has \(keys) EncryptedKeys; the limit is \(limit)") }
        // Each Kerberos token is opened by GSS-API and written to libkrb5's replay cache on disk; the policy's
        // protection token is the only Kerberos token it can ask for, so a second is refused before the first is opened.
        let kerberos = security.children.count { $0.is("BinarySecurityToken", WSS.wsse) && $0.attribute("ValueType") == WSS.gssKerberosAPReq }
        guard kerberos <= 1 else {
            throw SecurityFault(.invalidSecurity, "The header has \(kerberos) Kerberos tokens; a request carries one, the policy's protection token (none was opened)")
        }
        for element in security.children {
            switch (element.namespace ?? "", element.name) {
            case (WSS.wsu, "Timestamp"):
                guard state.timestamp == nil else { throw SecurityFault(.invalidSecurity, "The header has more than one Timestamp") }
                state.timestamp = (try Timestamp(element), element)
            case (WSS.wsse, "UsernameToken"):
                guard state.usernameToken == nil else { throw SecurityFault(.invalidSecurity, "The header has more than one UsernameToken") }
                state.usernameToken = (try UsernameTokenElement(element), element)
            case (WSS.wsse, "BinarySecurityToken"):
                guard let id = element.id else { throw SecurityFault(.invalidSecurityToken, "A BinarySecurityToken has no wsu:Id") }
                if element.attribute("ValueType") == WSS.gssKerberosAPReq {
                    try readKerberosToken(element, id: id, into: &state)
                } else {
                    state.certificates[id] = try BinarySecurityToken.read(element)
                }
            case (WSS.xenc, "EncryptedKey"):
                try unwrapSessionKey(element, state: &state)
            case (Trust.wsc, "SecurityContextToken"):
                try readContextToken(element, into: &state)
            case (WSS.wsse11, "SignatureConfirmation"):
                state.confirmations.append((element.attribute("Value"), element))
            default:
                continue
            }
        }
    }
}

/// What processing the header proved, for the conformance checks.
struct InboundState {
    let soap: SOAPEnvelope
    var timestamp: (Timestamp, XMLElement)?
    var usernameToken: (UsernameTokenElement, XMLElement)?
    /// BinarySecurityTokens by wsu:Id.
    var certificates: [String: Certificate] = [:]
    /// Session keys of this message's EncryptedKeys, SecurityContextTokens and Kerberos tokens, by the element's Id.
    var sessionKeys: [String: SessionKey] = [:]
    /// The client principal of an accepted Kerberos token.
    var kerberosClient: String?
    /// Key transport algorithms seen.
    var keyTransports: [KeyEncryptionAlgorithm] = []
    var signatures: [(VerifiedSignature, Signer)] = []
    /// The References of the signatures verified so far, bounded for the message as a whole.
    var references = 0
    /// Each signed element, its signer, and how many decryptions had been done when the signature was verified.
    var signedAfter: [(element: XMLElement, signer: Signer, decryptions: Int)] = []
    var decrypted: [(DecryptedPart, Signer)] = []
    var confirmations: [(String?, XMLElement)] = []
    /// The Security header, when the message has one.
    var security: XMLElement?
    /// Header-level ReferenceLists and the key each used, for the Strict layout's declare-before-use rule.
    var referenceLists: [(XMLElement, SessionKey.Source)] = []

    /// True when a direct reference names one of this message's EncryptedKeys rather than a certificate.
    func namesSessionKey(_ reference: KeyReference) -> Bool {
        switch reference {
        case .binaryToken(let id): sessionKeys[id] != nil
        case .encryptedKey, .encryptedKeySHA1, .securityContextToken, .kerberosToken, .kerberosSHA1: true
        default: false
        }
    }

    /// The reference as the message bears it out: a direct reference without a ValueType is named by the header
    /// element its Id points to (Rampart's reference to a SecurityContextToken has none), not taken for a
    /// BinarySecurityToken.
    func describe(_ reference: KeyReference) -> String {
        guard case .binaryToken(let id) = reference else { return reference.summary }
        guard let element = security?.children.first(where: { $0.id == id }) else {
            return "#\(id), which no element of the Security header carries"
        }
        // Rampart uses the SecurityContextToken's key itself: WSO2's policies 9-15 have no sp:RequireDerivedKeys.
        if element.is("DerivedKeyToken", Trust.wsc) { return "the DerivedKeyToken #\(id): keys derived from a token are not supported, only the token's own key" }
        return "the \(element.name) #\(id)"
    }
}

/// Whose key produced a signature or protected an encryption.
enum Signer: Equatable {
    case certificate(Certificate)
    case session(SessionKey.Source)

    static func == (a: Signer, b: Signer) -> Bool {
        switch (a, b) {
        case (.certificate(let x), .certificate(let y)): x == y
        case (.session(let x), .session(let y)): x == y
        default: false
        }
    }
}

extension SecurityPolicy {
    /// False only for a transport binding that asks for no timestamp and no token.
    var demandsHeader: Bool {
        if case .transport = alternative.binding {
            return alternative.binding.common.includeTimestamp || alternative.requiresUsernameToken
        }
        return true
    }
}
