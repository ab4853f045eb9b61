import Foundation
import SecureXML

/// wsse11:SignatureConfirmation: a response's proof that the service saw the request's signatures (WSS 1.1).
enum SignatureConfirmation {
    /// Writes one confirmation per request signature value (one without a Value when the request had none);
    /// returns their IDs, to be signed.
    static func write(_ values: [String], into security: XMLElement) -> [String] {
        (values.isEmpty ? [nil] : values.map(Optional.some)).map { value in
            let id = SOAPEnvelope.newID("SigConf")
            let element = security.appendElement("SignatureConfirmation", namespace: WSS.wsse11, prefix: "wsse11")
            element.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", id)
            if let value { element.setAttribute("Value", octets(value)?.base64EncodedString() ?? value) }
            return id
        }
    }

    /// The bytes of a base64 signature value. A ds:SignatureValue may wrap its text (an RSA-2048 value does,
    /// every 76 characters) and a Value attribute does not, so values are compared as bytes, never as text.
    static func octets(_ text: String) -> Data? {
        Data(base64Encoded: text, options: .ignoreUnknownCharacters)
    }
}
