import Foundation
import KeyMaterial
import SecureXML

/// wsse:BinarySecurityToken carrying an X.509 v3 certificate.
enum BinarySecurityToken {
    /// Writes the certificate as a BinarySecurityToken into `security`; returns its wsu:Id.
    static func write(_ certificate: Certificate, into security: XMLElement) -> String {
        let id = SOAPEnvelope.newID("X509")
        let token = security.appendElement("BinarySecurityToken", namespace: WSS.wsse, prefix: "wsse",
                                           text: certificate.derBase64)
        token.setAttribute("EncodingType", WSS.base64Binary)
        token.setAttribute("ValueType", WSS.x509v3)
        token.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", id)
        return id
    }

    /// Refuses an EncodingType other than the profile's one (and its default), Base64Binary: every token is read as
    /// Base64 whatever the attribute says, so another would have two readings.
    static func checkEncoding(_ element: XMLElement) throws(SecurityFault) {
        if let encoding = element.attribute("EncodingType"), encoding != WSS.base64Binary {
            throw SecurityFault(.invalidSecurityToken, "The BinarySecurityToken's EncodingType \(encoding) is not Base64Binary")
        }
    }

    /// The certificate of a BinarySecurityToken; other token types are refused.
    static func read(_ element: XMLElement) throws(SecurityFault) -> Certificate {
        guard element.attribute("ValueType") == WSS.x509v3 else {
            throw SecurityFault(.unsupportedSecurityToken, "BinarySecurityToken type \(element.attribute("ValueType") ?? "(none)") is not supported")
        }
        try checkEncoding(element)
        guard let certificate = KeyCache.shared.certificate(base64: element.text) else {
            throw SecurityFault(.invalidSecurityToken, "The BinarySecurityToken is not an X.509 certificate")
        }
        return certificate
    }
}
