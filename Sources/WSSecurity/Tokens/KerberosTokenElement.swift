import Foundation
import KeyMaterial
import SecureXML

/// The client's Kerberos token for one request (scenario 16): the GSS-API AP-REQ for the service and the session key
/// it establishes. The caller makes it (KerberosConfig's `KerberosTokens.request`); the engine only carries it.
public struct KerberosTicket: Sendable {
    /// The GSS-API initial context token.
    public let token: [UInt8]
    /// The session key the token establishes: it signs (and encrypts) the request and the response.
    public let sessionKey: Secret

    public init(token: [UInt8], sessionKey: Secret) {
        self.token = token
        self.sessionKey = sessionKey
    }
}

/// How the service opens a Kerberos token: with its keytab, refusing replays (KerberosConfig's `KerberosTokens.accept`).
public protocol KerberosAcceptor: Sendable {
    /// The client principal and the session key of `token`; throws with the reason when the token is refused (a
    /// ``KerberosRefusal`` when the acceptor can say what to do about it).
    func accept(_ token: [UInt8]) throws -> (client: String, sessionKey: Secret)
}

/// A Kerberos token an acceptor refused, and what the operator can do about it (export the keytab again, say).
public struct KerberosRefusal: Error, Sendable {
    public let message: String
    public let fix: String

    public init(_ message: String, fix: String) {
        self.message = message
        self.fix = fix
    }
}

/// wsse:BinarySecurityToken of the Kerberos Token Profile 1.1 (`#GSS_Kerberosv5_AP_REQ`), and the SHA-1 by which a
/// response names its key (`#Kerberosv5APREQSHA1`).
enum KerberosTokenElement {
    /// Writes the token into `security`; returns its wsu:Id.
    static func write(_ token: [UInt8], into security: XMLElement) -> String {
        let id = SOAPEnvelope.newID("KerbToken")
        let element = security.appendElement("BinarySecurityToken", namespace: WSS.wsse, prefix: "wsse", text: Data(token).base64EncodedString())
        element.setAttribute("EncodingType", WSS.base64Binary)
        element.setAttribute("ValueType", WSS.gssKerberosAPReq)
        element.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", id)
        return id
    }

    /// The token bytes of a Kerberos BinarySecurityToken.
    static func read(_ element: XMLElement) throws(SecurityFault) -> [UInt8] {
        try BinarySecurityToken.checkEncoding(element)
        // Line breaks and spaces are how peers wrap Base64; any other stray character means the token was damaged,
        // and skipping it would hand GSS-API other bytes than were sent.
        let text = element.text.filter { !($0.isASCII && $0.isWhitespace) }
        guard let bytes = Data(base64Encoded: text), !bytes.isEmpty else {
            throw SecurityFault(.invalidSecurityToken, "The Kerberos BinarySecurityToken is not Base64",
                                fix: "The token was damaged on its way: the client must send its GSS-API token Base64-encoded.")
        }
        return [UInt8](bytes)
    }

    /// Base64 SHA-1 of the token: how the response's KeyIdentifier names the request's session key.
    static func sha1(_ token: [UInt8]) -> String { Digest.sha1(Data(token)).base64EncodedString() }
}
