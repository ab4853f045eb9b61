import Foundation
import KeyMaterial
import SecureXML
import UserStores

/// wsse:UsernameToken: a user name with the password as text or as a digest, a nonce and a creation time.
struct UsernameTokenElement {
    let user: String
    let credentials: UsernameTokenCredentials
    let nonce: String?
    let created: Date?

    /// Writes a UsernameToken into `security`; returns its wsu:Id.
    static func write(into security: XMLElement, user: String, password: Secret, digest: Bool, now: Date) throws(SecurityFault) -> XMLElement {
        let id = SOAPEnvelope.newID("UsernameToken")
        let token = security.appendElement("UsernameToken", namespace: WSS.wsse, prefix: "wsse")
        token.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", id)
        token.appendElement("Username", namespace: WSS.wsse, prefix: "wsse", text: user)
        let nonce: Data
        do { nonce = try SecureRandom.bytes(16) } catch { throw SecurityFault(.misconfigured, "No random bytes for a nonce") }
        let created = Timestamp.format(now, milliseconds: true)
        let passwordElement = token.appendElement("Password", namespace: WSS.wsse, prefix: "wsse")
        if digest {
            passwordElement.setAttribute("Type", WSS.passwordDigest)
            passwordElement.appendText(PasswordDigest.make(password: password, nonce: nonce, created: created).digest.base64EncodedString())
        } else {
            passwordElement.setAttribute("Type", WSS.passwordText)
            // The password is in the document (as the profile demands); the String copy is unavoidable here.
            passwordElement.appendText(password.withUnsafeBytes { String(decoding: $0, as: UTF8.self) })
        }
        token.appendElement("Nonce", namespace: WSS.wsse, prefix: "wsse", text: nonce.base64EncodedString())
            .setAttribute("EncodingType", WSS.base64Binary)
        token.appendElement("Created", namespace: WSS.wsu, prefix: "wsu", text: created)
        return token
    }

    /// Reads a UsernameToken; a malformed one is `.invalidSecurityToken`.
    init(_ element: XMLElement) throws(SecurityFault) {
        // The first of two Usernames or Passwords would be read and the other passed on: one each, and text only.
        for (name, namespace) in [("Username", WSS.wsse), ("Password", WSS.wsse), ("Nonce", WSS.wsse), ("Created", WSS.wsu)] {
            let found = element.children(name, namespace)
            guard found.count <= 1 else { throw SecurityFault(.invalidSecurityToken, "The UsernameToken has \(found.count) \(name) elements; it holds one at most") }
            guard found.first?.children.isEmpty ?? true else { throw SecurityFault(.invalidSecurityToken, "The UsernameToken's \(name) holds an element; it holds text only") }
        }
        guard let username = element.child("Username", WSS.wsse)?.text, !username.isEmpty, username.count <= 256 else {
            throw SecurityFault(.invalidSecurityToken, "The UsernameToken has no Username")
        }
        user = username
        let nonceElement = element.child("Nonce", WSS.wsse)
        let createdText = element.child("Created", WSS.wsu)?.text
        if let nonceElement {
            // WSS UsernameToken Profile 1.1 §3.1: a Base64Binary nonce. An empty one makes the digest SHA-1(Created +
            // password), the same for every message of that second.
            guard (nonceElement.attribute("EncodingType") ?? WSS.base64Binary) == WSS.base64Binary else {
                throw SecurityFault(.invalidSecurityToken, "The UsernameToken's Nonce is not Base64Binary (EncodingType \(nonceElement.attribute("EncodingType")!))")
            }
            guard let bytes = Data(base64Encoded: nonceElement.text), !bytes.isEmpty else {
                throw SecurityFault(.invalidSecurityToken, "The UsernameToken's Nonce is empty or not Base64")
            }
        }
        nonce = nonceElement?.text
        created = createdText.flatMap(Timestamp.parse)
        if createdText != nil && created == nil { throw SecurityFault(.invalidSecurityToken, "The UsernameToken's Created is not a date") }
        guard let password = element.child("Password", WSS.wsse) else {
            throw SecurityFault(.invalidSecurityToken, "The UsernameToken has no Password")
        }
        switch password.attribute("Type") ?? WSS.passwordText {
        case WSS.passwordText:
            credentials = .text(username, Secret(password.text))
        case WSS.passwordDigest:
            guard let digest = Data(base64Encoded: password.text), let nonce, let nonceBytes = Data(base64Encoded: nonce),
                  let createdText else {
                throw SecurityFault(.invalidSecurityToken, "A PasswordDigest needs a Base64 digest, a Nonce and a Created")
            }
            credentials = .digest(username, PasswordDigest(digest: digest, nonce: nonceBytes, created: createdText))
        case let other:
            throw SecurityFault(.invalidSecurityToken, "Password type \(other) is not supported")
        }
    }
}
