import SecureXML

/// Conformance for what the policy names besides the Body: headers and XPath-selected elements, found in the
/// message as it stands after decryption.
extension Conformance {
    /// sp:RequiredParts and sp:RequiredElements present; headers of sp:EncryptedParts and elements of
    /// sp:EncryptedElements arrived encrypted (each inside something decrypted with `key`, when given); those of
    /// sp:ContentEncryptedElements with at least their content encrypted.
    func checkElements(_ state: InboundState, encryptedBy key: Signer?, checks: inout [String]) throws(SecurityFault) {
        if let missing = try MessageSelection.missing(alternative.elements, in: state.soap) {
            throw SecurityFault(.invalidSecurity, "The message lacks \(missing), which the policy requires")
        }
        if case .transport = alternative.binding { return }
        let parts = state.decrypted.filter { key == nil || $0.1 == key }.map(\.0)
        func decryptedWhole(_ element: XMLElement) -> Bool { parts.contains { $0.elements.contains { $0.contains(element) } } }
        var protected: [String] = []
        let whole = MessageSelection.headers(alternative.encryptedParts, in: state.soap)
            + (try MessageSelection.elements(alternative.elements.encrypted, in: state.soap))
        for element in whole {
            guard decryptedWhole(element) else {
                throw SecurityFault(.invalidSecurity, "The \(element.parent == state.soap.header ? "header" : "element") \(element.name) is not encrypted, as the policy requires")
            }
            protected.append("\(element.parent == state.soap.header ? "header" : "element") \(element.name)")
        }
        for element in try MessageSelection.elements(alternative.elements.contentEncrypted, in: state.soap) {
            // Content encryption leaves nothing beside the EncryptedData (`decryptReferenceList` refuses that).
            guard decryptedWhole(element) || parts.contains(where: { $0.type == .content && $0.parent == element }) else {
                throw SecurityFault(.invalidSecurity, "The content of \(element.name) is not encrypted, as the policy requires (sp:ContentEncryptedElements)")
            }
            protected.append("the content of \(element.name)")
        }
        if !protected.isEmpty { checks.append("\(protected.joined(separator: ", ")) encrypted and decrypted") }
    }

    /// What stands in the SOAP Body that did not come out of `parts` decrypted there: an element's name, or "text"
    /// (a Body holds elements only); nil when all of it did. Without any key, anyone can put plaintext beside an
    /// EncryptedData, and it would pass for the protected content.
    static func unencrypted(inBody body: XMLElement, parts: [DecryptedPart]) -> String? {
        if body.hasOwnText { return "text" }
        let stray = body.children.first { child in !parts.contains { $0.parent == body && $0.elements.contains(child) } }
        return stray.map { $0.is("EncryptedData", WSS.xenc) ? "an EncryptedData not decrypted with the message's key" : "the element \($0.name)" }
    }
}
