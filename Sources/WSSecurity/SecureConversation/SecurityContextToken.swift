import Foundation
import KeyMaterial
import SecureXML

/// The WS-Trust and WS-SecureConversation 2005/02 names WS-SecurityPolicy 1.1 selects (what Rampart and WSO2 use
/// for scenarios 9-15), and WS-Addressing 1.0 for the action that tells the STS exchange from application messages.
enum Trust {
    static let wst = "http://schemas.xmlsoap.org/ws/2005/02/trust"
    static let wsc = "http://schemas.xmlsoap.org/ws/2005/02/sc"
    static let wsa = "http://www.w3.org/2005/08/addressing"
    static let wsp = "http://schemas.xmlsoap.org/ws/2004/09/policy"

    static let sctTokenType = wsc + "/sct"
    static let issue = wst + "/Issue"
    static let cancel = wst + "/Cancel"
    static let nonce = wst + "/Nonce"
    static let psha1 = wst + "/CK/PSHA1"

    static let issueAction = wst + "/RST/SCT"
    static let issueResponseAction = wst + "/RSTR/SCT"
    static let cancelAction = wst + "/RST/SCT/Cancel"
    static let cancelResponseAction = wst + "/RSTR/Cancel"
}

/// A SecurityContextToken the service issued as its own STS (scenarios 9-15): its identifier, the shared secret that
/// keys the application messages directly (WSO2's policies ask for no derived keys), and when it expires.
public struct SecurityContextToken: Sendable {
    /// The wsc:Identifier, a `urn:uuid:` URI.
    public let identifier: String
    /// The proof key: P_SHA1(client entropy, server entropy), or the secret the STS sent.
    public let secret: Secret
    public let created: Date
    public let expires: Date

    public init(identifier: String, secret: Secret, created: Date, expires: Date) {
        self.identifier = identifier
        self.secret = secret
        self.created = created
        self.expires = expires
    }

    /// True from creation (with the clock skew) until expiry.
    public func isValid(at now: Date, skew: TimeInterval = 0) -> Bool {
        created <= now.addingTimeInterval(skew) && now < expires
    }

    /// Writes `<wsc:SecurityContextToken wsu:Id=…><wsc:Identifier>…</wsc:Identifier></…>` into `parent`; returns the wsu:Id.
    @discardableResult
    static func writeElement(identifier: String, into parent: XMLElement, id: String = SOAPEnvelope.newID("sctId")) -> String {
        let token = parent.appendElement("SecurityContextToken", namespace: Trust.wsc, prefix: "wsc")
        token.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", id)
        token.appendElement("Identifier", namespace: Trust.wsc, prefix: "wsc", text: identifier)
        return id
    }

    /// The identifier of a wsc:SecurityContextToken element (exactly one wsc:Identifier, nothing else needed).
    static func identifier(of element: XMLElement) throws(SecurityFault) -> String {
        let identifiers = element.children("Identifier", Trust.wsc)
        let text = identifiers.first?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard identifiers.count == 1, !text.isEmpty else {
            throw SecurityFault(.invalidSecurityToken, "A SecurityContextToken must hold exactly one non-empty wsc:Identifier")
        }
        guard text.count <= 512 else {
            throw SecurityFault(.invalidSecurityToken, "A SecurityContextToken's wsc:Identifier has \(text.count) characters; the limit is 512")
        }
        return text
    }
}
