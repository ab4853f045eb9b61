import SecureXML

/// sp:Layout, the order of the Security header's children. Outbound, the header is written in the policy's order;
/// inbound, after the crypto, an order the policy forbids is refused with InvalidSecurity naming what is out of
/// place. Lax accepts any order WS-Security can process.
///
/// Strict follows WS-SecurityPolicy's "declare before use" rules: a token precedes the Signature or ReferenceList
/// that uses its key, and a signed header element precedes the Signature that signs it. The Timestamp is written
/// first under Strict (as Rampart writes it), but a Strict message is not refused for a Timestamp elsewhere once it
/// precedes its Signature: that is the rule, and Rampart (WSS4J 1.6) itself checks no layout at all.
struct HeaderLayout {
    let layout: Layout

    /// Outbound, once the header is complete. The Timestamp was written first (Strict, Lax, LaxTsFirst); LaxTsLast
    /// moves it to the end. Its signature covers its content, not its place, so the move keeps it valid.
    func arrange(_ security: XMLElement) {
        guard layout == .laxTimestampLast, let timestamp = security.children.first(where: { $0.is("Timestamp", WSS.wsu) }) else { return }
        timestamp.move(to: .lastChild(of: security))
    }

    /// Inbound, after the crypto: the header's order against the layout.
    func check(_ security: XMLElement, state: InboundState) throws(SecurityFault) {
        let children = security.children
        let timestamp = state.timestamp?.1
        switch layout {
        case .lax:
            return
        case .laxTimestampFirst:
            if let timestamp, children.first != timestamp {
                throw misplaced("the Timestamp must be the first element of the Security header; it is \(ordinal(timestamp, in: children))")
            }
        case .laxTimestampLast:
            if let timestamp, children.last != timestamp {
                throw misplaced("the Timestamp must be the last element of the Security header; it is \(ordinal(timestamp, in: children))")
            }
        case .strict:
            try checkStrict(children, state: state)
        }
    }

    /// Declare before use: tokens before the Signature or ReferenceList using their key, signed elements before
    /// the Signature that signs them.
    private func checkStrict(_ children: [XMLElement], state: InboundState) throws(SecurityFault) {
        for (verified, signer) in state.signatures {
            guard let at = children.firstIndex(of: verified.signature) else { continue }
            for token in tokens(of: signer, state: state) {
                if let tokenAt = children.firstIndex(of: token), tokenAt > at {
                    throw misplaced("the \(token.name) (\(ordinal(token, in: children))) comes after the Signature (\(ordinal(verified.signature, in: children))) that uses its key")
                }
            }
            for element in verified.elements {
                if let elementAt = children.firstIndex(of: element), elementAt > at {
                    throw misplaced("the \(element.name) (\(ordinal(element, in: children))) comes after the Signature (\(ordinal(verified.signature, in: children))) that signs it")
                }
            }
        }
        for (list, source) in state.referenceLists {
            guard let at = children.firstIndex(of: list), case .encryptedKey(let id, _) = source,
                  let key = state.soap.document.element(withID: id), let keyAt = children.firstIndex(of: key) else { continue }
            if keyAt > at {
                throw misplaced("the EncryptedKey (\(ordinal(key, in: children))) comes after the ReferenceList (\(ordinal(list, in: children))) that uses its key")
            }
        }
    }

    /// The header elements that carried a signer's key: its BinarySecurityToken, or this message's EncryptedKey.
    private func tokens(of signer: Signer, state: InboundState) -> [XMLElement] {
        switch signer {
        case .certificate(let certificate):
            return state.certificates.filter { $0.value == certificate }.keys.compactMap { state.soap.document.element(withID: $0) }
        case .session(let source):
            guard case .encryptedKey(let id, _) = source else { return [] }
            return [state.soap.document.element(withID: id)].compactMap { $0 }
        }
    }

    private func ordinal(_ element: XMLElement, in children: [XMLElement]) -> String {
        guard let index = children.firstIndex(of: element) else { return "not a child of the header" }
        return "element \(index + 1) of \(children.count)"
    }

    private func misplaced(_ what: String) -> SecurityFault {
        SecurityFault(.invalidSecurity, "The Security header is not in the policy's \(layout.rawValue) layout: \(what)")
    }
}
