import Foundation
import SecureXML

/// The elements of a message a policy names: headers by name, elements by XPath. Shared by `secure`, which
/// protects them, and the conformance check, which holds the message to them after decryption.
enum MessageSelection {
    /// The header elements `parts` names (never the Security header).
    static func headers(_ parts: MessageParts?, in soap: SOAPEnvelope) -> [XMLElement] {
        guard let parts else { return [] }
        if parts.allHeaders { return headers(in: soap) { _ in true } }
        return parts.headers.isEmpty ? [] : headers(parts.headers, in: soap)
    }

    static func headers(_ names: [QualifiedName], in soap: SOAPEnvelope) -> [XMLElement] {
        headers(in: soap) { element in names.contains { $0.namespace == element.namespace && ($0.name.isEmpty || $0.name == element.name) } }
    }

    private static func headers(in soap: SOAPEnvelope, where matches: (XMLElement) -> Bool) -> [XMLElement] {
        (soap.header?.children ?? []).filter { element in
            !element.is("Security", WSS.wsse) && !element.is("EncryptedHeader", WSS.wsse11) && matches(element)
        }
    }

    /// The elements the expressions select, in document order of each, each once.
    static func elements(_ expressions: [XPathExpression], in soap: SOAPEnvelope) throws(SecurityFault) -> [XMLElement] {
        var result: [XMLElement] = []
        for expression in expressions {
            let selected: [XMLElement]
            do { selected = try soap.document.select(expression) } catch {
                throw SecurityFault(.misconfigured, "The policy's XPath cannot be evaluated: \(error.message)")
            }
            for element in selected where !result.contains(element) { result.append(element) }
        }
        return result
    }

    /// The first required header or element the message lacks, in words; nil when none is missing.
    static func missing(_ assertions: ElementAssertions, in soap: SOAPEnvelope) throws(SecurityFault) -> String? {
        for name in assertions.requiredHeaders where headers([name], in: soap).isEmpty {
            return "the header \(name.name.isEmpty ? "of namespace " + name.namespace : name.name) (sp:RequiredParts)"
        }
        for expression in assertions.required where try elements([expression], in: soap).isEmpty {
            return "an element at \(expression.text) (sp:RequiredElements)"
        }
        return nil
    }
}

extension PolicyAlternative {
    /// True when the policy signs or encrypts the SOAP Body: sp:SignedParts or sp:EncryptedParts names it, or an
    /// sp:SignedElements expression selects it or the Envelope (tried on an empty SOAP 1.1 and 1.2 message, as an
    /// expression names the envelope's namespace through the policy's own prefixes).
    public var protectsBody: Bool {
        if signedParts?.body == true || encryptedParts?.body == true { return true }
        guard !elements.signed.isEmpty else { return false }
        return [WSS.soap11, WSS.soap12].contains { namespace in
            guard let soap = try? SOAPEnvelope(Data("<s:Envelope xmlns:s=\"\(namespace)\"><s:Header/><s:Body/></s:Envelope>".utf8)),
                  let selected = try? MessageSelection.elements(elements.signed, in: soap) else { return false }
            return selected.contains { $0.contains(soap.body) }
        }
    }
}
