import Foundation
import KeyMaterial
import SecureXML

/// The WS-Trust 2005/02 messages of the SecureConversation exchange, in the shape Rampart writes them: the RST that
/// asks for a SecurityContextToken, the RSTR that issues it, and the Cancel pair. Built as text (every value is a
/// URI, a date or Base64, escaped anyway) and read from a verified, decrypted envelope.
enum TrustMessages {
    /// A SOAP envelope with the wsa:Action (and wsa:To) headers and `body` as the Body's content.
    static func envelope(action: String, to address: String?, body: String, soap12: Bool) -> Data {
        let soap = soap12 ? WSS.soap12 : WSS.soap11
        let to = address.map { "<wsa:To>\(escape($0))</wsa:To>" } ?? ""
        return Data("""
        <soapenv:Envelope xmlns:soapenv="\(soap)"><soapenv:Header xmlns:wsa="\(Trust.wsa)"><wsa:Action>\(escape(action))</wsa:Action>\(to)</soapenv:Header>\
        <soapenv:Body>\(body)</soapenv:Body></soapenv:Envelope>
        """.utf8)
    }

    /// RST: RequestType Issue, AppliesTo the service, Lifetime, TokenType sct, client Entropy, ComputedKeyAlgorithm PSHA1.
    static func issueRequest(appliesTo: String, entropy: Data, created: Date, expires: Date) -> String {
        """
        <wst:RequestSecurityToken xmlns:wst="\(Trust.wst)"><wst:RequestType>\(Trust.issue)</wst:RequestType>\
        <wsp:AppliesTo xmlns:wsp="\(Trust.wsp)"><wsa:EndpointReference xmlns:wsa="\(Trust.wsa)"><wsa:Address>\(escape(appliesTo))</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>\
        \(lifetime(created, expires))<wst:TokenType>\(Trust.sctTokenType)</wst:TokenType>\
        <wst:Entropy><wst:BinarySecret Type="\(Trust.nonce)">\(entropy.base64EncodedString())</wst:BinarySecret></wst:Entropy>\
        <wst:ComputedKeyAlgorithm>\(Trust.psha1)</wst:ComputedKeyAlgorithm></wst:RequestSecurityToken>
        """
    }

    /// RSTR: the token, its attached and unattached references, Lifetime, and the proof: ComputedKey PSHA1 with
    /// the server's entropy, or (no client entropy) the secret itself as a BinarySecret.
    static func issueResponse(identifier: String, created: Date, expires: Date, serverEntropy: Data?, binarySecret: Data?) -> String {
        let id = SOAPEnvelope.newID("sctId")
        let proof = serverEntropy != nil ? "<wst:ComputedKey>\(Trust.psha1)</wst:ComputedKey>"
            : "<wst:BinarySecret>\(binarySecret?.base64EncodedString() ?? "")</wst:BinarySecret>"
        let entropy = serverEntropy.map { "<wst:Entropy><wst:BinarySecret Type=\"\(Trust.nonce)\">\($0.base64EncodedString())</wst:BinarySecret></wst:Entropy>" } ?? ""
        func reference(_ uri: String) -> String {
            "<wsse:SecurityTokenReference xmlns:wsse=\"\(WSS.wsse)\"><wsse:Reference URI=\"\(escape(uri))\" ValueType=\"\(Trust.sctTokenType)\"/></wsse:SecurityTokenReference>"
        }
        return """
        <wst:RequestSecurityTokenResponse xmlns:wst="\(Trust.wst)"><wst:RequestedSecurityToken>\
        <wsc:SecurityContextToken xmlns:wsc="\(Trust.wsc)" xmlns:wsu="\(WSS.wsu)" wsu:Id="\(id)"><wsc:Identifier>\(escape(identifier))</wsc:Identifier></wsc:SecurityContextToken>\
        </wst:RequestedSecurityToken><wst:RequestedAttachedReference>\(reference("#" + id))</wst:RequestedAttachedReference>\
        <wst:RequestedUnattachedReference>\(reference(identifier))</wst:RequestedUnattachedReference>\
        \(lifetime(created, expires))<wst:RequestedProofToken>\(proof)</wst:RequestedProofToken>\(entropy)</wst:RequestSecurityTokenResponse>
        """
    }

    /// Cancel RST: the token named by its identifier, as Rampart's TrustUtil.createCancelRequest writes it.
    static func cancelRequest(identifier: String) -> String {
        """
        <wst:RequestSecurityToken xmlns:wst="\(Trust.wst)"><wst:RequestType>\(Trust.cancel)</wst:RequestType><wst:CancelTarget>\
        <wsse:SecurityTokenReference xmlns:wsse="\(WSS.wsse)"><wsse:Reference URI="\(escape(identifier))"/></wsse:SecurityTokenReference>\
        </wst:CancelTarget></wst:RequestSecurityToken>
        """
    }

    static let cancelResponse = "<wst:RequestSecurityTokenResponse xmlns:wst=\"\(Trust.wst)\"><wst:RequestedTokenCancelled/></wst:RequestSecurityTokenResponse>"

    private static func lifetime(_ created: Date, _ expires: Date) -> String {
        "<wst:Lifetime xmlns:wsu=\"\(WSS.wsu)\"><wsu:Created>\(Timestamp.format(created, milliseconds: true))</wsu:Created><wsu:Expires>\(Timestamp.format(expires, milliseconds: true))</wsu:Expires></wst:Lifetime>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The wsa:Action of an envelope (WS-Addressing 1.0 or the 2004/08 submission), nil when it has none or is not SOAP.
    static func action(of envelope: Data) -> String? {
        guard let soap = try? SOAPEnvelope(envelope) else { return nil }
        let actions = (soap.header?.children ?? []).filter { $0.name == "Action" && ($0.namespace == Trust.wsa || $0.namespace == "http://schemas.xmlsoap.org/ws/2004/08/addressing") }
        return actions.count == 1 ? actions[0].text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// The one element of a verified envelope's Body, which must be `name` in WS-Trust's namespace.
    static func bodyElement(_ envelope: Data, _ name: String) throws(SecurityFault) -> XMLElement {
        let soap = try SOAPEnvelope(envelope)
        guard soap.body.children.count == 1, let element = soap.body.children.first, element.is(name, Trust.wst) else {
            throw SecurityFault(.invalidSecurity, "The Body must hold one wst:\(name)")
        }
        return element
    }

    /// The text of the one child `name` (WS-Trust namespace unless given), trimmed; nil when absent.
    static func text(_ parent: XMLElement, _ name: String, _ namespace: String = Trust.wst) throws(SecurityFault) -> String? {
        let found = parent.children(name, namespace)
        guard found.count <= 1 else { throw SecurityFault(.invalidSecurity, "wst:\(parent.name) holds more than one \(name)") }
        return found.first?.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The service an RST's wsp:AppliesTo names by its address's path, when it is another than `service`: the segment
    /// after /services/, which a Micro Integrator endpoint's address extends (OrderProxy.OrderProxyHttpsSoap12Endpoint).
    /// Nil when it names `service`, or none that way. Either WS-Policy and WS-Addressing namespace.
    static func appliesToOther(_ rst: XMLElement, than service: String) -> (named: String, address: String)? {
        guard let appliesTo = rst.children.first(where: { $0.name == "AppliesTo" }),
              let reference = appliesTo.children.first(where: { $0.name == "EndpointReference" }),
              let address = reference.children.first(where: { $0.name == "Address" }).map({ XMLText.trimmed($0.text) }),
              let path = URLComponents(string: address)?.path else { return nil }
        let segments = path.split(separator: "/")
        guard let index = segments.firstIndex(of: "services"), index + 1 < segments.count else { return nil }
        let named = String(segments[index + 1])
        return named == service || named.hasPrefix(service + ".") ? nil : (named, address)
    }

    /// The bytes of an Entropy's BinarySecret (16 to 128 bytes: WS-Trust's key sizes, with room).
    static func entropy(_ parent: XMLElement) throws(SecurityFault) -> Data? {
        guard let entropy = parent.child("Entropy", Trust.wst) else { return nil }
        guard let secret = entropy.child("BinarySecret", Trust.wst), entropy.children.count == 1 else {
            throw SecurityFault(.invalidSecurity, "wst:Entropy must hold one wst:BinarySecret")
        }
        return try binarySecret(secret)
    }

    static func binarySecret(_ element: XMLElement) throws(SecurityFault) -> Data {
        guard let bytes = Data(base64Encoded: element.text, options: .ignoreUnknownCharacters), (16...128).contains(bytes.count) else {
            throw SecurityFault(.invalidSecurity, "A wst:BinarySecret must be Base64 of 16 to 128 bytes")
        }
        return bytes
    }

    /// Created and Expires of a wst:Lifetime.
    static func lifetime(_ parent: XMLElement) throws(SecurityFault) -> (Date, Date)? {
        guard let lifetime = parent.child("Lifetime", Trust.wst) else { return nil }
        guard let created = lifetime.child("Created", WSS.wsu).flatMap({ Timestamp.parse($0.text) }),
              let expires = lifetime.child("Expires", WSS.wsu).flatMap({ Timestamp.parse($0.text) }), expires > created else {
            throw SecurityFault(.invalidSecurity, "wst:Lifetime must hold wsu:Created and a later wsu:Expires")
        }
        return (created, expires)
    }
}
