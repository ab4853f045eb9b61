import KeyMaterial
import SecureXML

/// What the policy protects besides the Body: headers of sp:SignedParts and sp:EncryptedParts, elements chosen by
/// sp:SignedElements, sp:EncryptedElements and sp:ContentEncryptedElements, and what must be present at all.
extension Outbound {
    /// The IDs of what the policy signs: the Body and the named headers (never the Security header), then the
    /// elements its XPath selects, each once and none `message` already signs (an XPath may name the Timestamp).
    func signedIDs(for message: OutboundMessage) throws(SecurityFault) -> [String] {
        let soap = message.soap
        var elements = MessageSelection.headers(policy.alternative.signedParts, in: soap)
        if policy.alternative.signedParts?.body == true { elements.insert(soap.body, at: 0) }
        for element in try MessageSelection.elements(policy.alternative.elements.signed, in: soap) where !elements.contains(element) {
            elements.append(element)
        }
        return elements.map { soap.id(of: $0, prefix: $0 == soap.body ? "Body" : $0.parent == soap.header ? "Header" : "Element") }
            .filter { !message.signIDs.contains($0) }
    }

    /// What the policy encrypts besides the Body's content, found before anything is encrypted: named headers and
    /// sp:EncryptedElements whole, sp:ContentEncryptedElements their content. One inside another (or inside an
    /// encrypted Body) is protected by the outer one and left out: encrypting the outer first would free it.
    func encryptionTargets(in soap: SOAPEnvelope) throws(SecurityFault) -> [EncryptionTarget] {
        let alternative = policy.alternative
        var targets = MessageSelection.headers(alternative.encryptedParts, in: soap).map { EncryptionTarget(element: $0, type: .element) }
        targets += try MessageSelection.elements(alternative.elements.encrypted, in: soap).map { EncryptionTarget(element: $0, type: .element) }
        targets += try MessageSelection.elements(alternative.elements.contentEncrypted, in: soap).map { EncryptionTarget(element: $0, type: .content) }
        for target in targets {
            if target.element == soap.body || target.element == soap.header || target.element == soap.envelope {
                throw SecurityFault(.misconfigured, "The policy's XPath selects the SOAP \(target.element.name) itself to encrypt; name the Body in sp:EncryptedParts instead")
            }
            if soap.header?.children.contains(where: { $0.is("Security", WSS.wsse) && $0.contains(target.element) }) == true {
                throw SecurityFault(.misconfigured, "The policy's XPath selects \(target.element.name) in the Security header to encrypt; use sp:EncryptedSupportingTokens for tokens")
            }
        }
        let bodyEncrypted = alternative.encryptedParts?.body == true
        var unique: [EncryptionTarget] = []
        for target in targets where !(bodyEncrypted && soap.body.contains(target.element)) {
            if let index = unique.firstIndex(where: { $0.element == target.element }) {
                if target.type == .element { unique[index] = target }
            } else {
                unique.append(target)
            }
        }
        return unique.filter { target in !unique.contains { $0.element != target.element && $0.element.contains(target.element) } }
    }

    /// Encrypts `targets` under `key`; a header whole becomes a wsse11:EncryptedHeader (WS-Security 1.1 §9.3) keeping
    /// its SOAP mustUnderstand and actor or role. Returns the EncryptedData Ids for the ReferenceList.
    func encrypt(_ targets: [EncryptionTarget], in soap: SOAPEnvelope, key: Secret, keyInfo: KeyReference?,
                 actions: inout [String]) throws(SecurityFault) -> [String] {
        var ids: [String] = []
        for target in targets {
            let name = target.element.name
            let isHeader = target.type == .element && target.element.parent == soap.header
            let soapAttributes = isHeader ? ["mustUnderstand", "actor", "role", "relay"].compactMap { attribute in
                target.element.attribute(attribute, namespace: soap.soapNamespace).map { (attribute, $0) }
            } : []
            let data = try encrypt(target.element, type: target.type, key: key, keyInfo: keyInfo, what: "the \(name) element")
            ids.append(data.id ?? "")
            if isHeader {
                let wrapper = data.insertSiblingBefore("EncryptedHeader", namespace: WSS.wsse11, prefix: "wsse11")
                wrapper.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", SOAPEnvelope.newID("EH"))
                for (attribute, value) in soapAttributes {
                    wrapper.setAttribute(attribute, namespace: soap.soapNamespace, prefix: soap.envelope.prefix ?? "soapenv", value)
                }
                data.move(to: .lastChild(of: wrapper))
                actions.append("Header \(name) encrypted (\(suite.encryption.name)) in a wsse11:EncryptedHeader")
            } else {
                actions.append((target.type == .content ? "Content of \(name)" : "Element \(name)") + " encrypted (\(suite.encryption.name))")
            }
        }
        return ids
    }

    /// sp:RequiredParts and sp:RequiredElements: a sender refuses to send a message without them.
    func checkRequired(_ soap: SOAPEnvelope) throws(SecurityFault) {
        if let missing = try MessageSelection.missing(policy.alternative.elements, in: soap) {
            throw SecurityFault(.misconfigured, "The policy requires \(missing), and the message has none")
        }
    }
}

/// An element the policy encrypts whole, or only its content.
struct EncryptionTarget {
    let element: XMLElement
    let type: EncryptedType
}
