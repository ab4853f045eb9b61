import Foundation
import KeyMaterial
import SecureXML

/// What a wsse:SecurityTokenReference names: a token in the message by its wsu:Id, a certificate by
/// thumbprint, subject key identifier or issuer and serial, or the key of an EncryptedKey.
enum KeyReference: Equatable {
    /// A BinarySecurityToken of the message (direct reference).
    case binaryToken(id: String)
    /// A certificate by the SHA-1 of its DER encoding.
    case thumbprint(Data)
    /// A certificate by its subjectKeyIdentifier.
    case subjectKeyIdentifier(Data)
    /// A certificate by issuer name and serial number (decimal).
    case issuerSerial(issuer: String, serial: String)
    /// An EncryptedKey of the message (direct reference, the symmetric binding's request).
    case encryptedKey(id: String)
    /// An EncryptedKey of an earlier message, by the SHA-1 of its cipher value (the symmetric binding's response).
    case encryptedKeySHA1(String)
    /// A wsc:SecurityContextToken of the message (direct reference, scenarios 9-15).
    case securityContextToken(id: String)
    /// A Kerberos BinarySecurityToken of the message (direct reference, scenario 16's request).
    case kerberosToken(id: String)
    /// The Kerberos token of an earlier message, by the SHA-1 of its bytes (scenario 16's response).
    case kerberosSHA1(String)

    /// The reference to `certificate` in the form a policy's X509 token asks for (thumbprint when it names several,
    /// issuer and serial when it names none, as WSS4J defaults).
    static func to(_ certificate: Certificate, forms: Set<X509Reference>) -> KeyReference {
        if forms.contains(.thumbprint) { return .thumbprint(certificate.sha1Thumbprint) }
        if forms.contains(.keyIdentifier), let ski = certificate.subjectKeyIdentifier { return .subjectKeyIdentifier(ski) }
        return .issuerSerial(issuer: certificate.issuer, serial: certificate.serialDecimal)
    }

    /// A readable name for check lines.
    var summary: String {
        switch self {
        case .binaryToken: "the BinarySecurityToken"
        case .thumbprint: "ThumbprintSHA1"
        case .subjectKeyIdentifier: "SubjectKeyIdentifier"
        case .issuerSerial: "IssuerSerial"
        case .encryptedKey: "the EncryptedKey"
        case .encryptedKeySHA1: "EncryptedKeySHA1"
        case .securityContextToken: "the SecurityContextToken"
        case .kerberosToken: "the Kerberos token"
        case .kerberosSHA1: "Kerberosv5APREQSHA1"
        }
    }

    /// Appends a wsse:SecurityTokenReference for this reference to `parent` (a ds:KeyInfo).
    func write(into parent: XMLElement) {
        let str = parent.appendElement("SecurityTokenReference", namespace: WSS.wsse, prefix: "wsse")
        func keyIdentifier(_ valueType: String, _ value: String) {
            let element = str.appendElement("KeyIdentifier", namespace: WSS.wsse, prefix: "wsse", text: value)
            element.setAttribute("EncodingType", WSS.base64Binary)
            element.setAttribute("ValueType", valueType)
        }
        switch self {
        case .binaryToken(let id):
            let reference = str.appendElement("Reference", namespace: WSS.wsse, prefix: "wsse")
            reference.setAttribute("URI", "#" + id)
            reference.setAttribute("ValueType", WSS.x509v3)
        case .encryptedKey(let id):
            str.setAttribute("TokenType", namespace: WSS.wsse11, prefix: "wsse11", WSS.encryptedKeyToken)
            let reference = str.appendElement("Reference", namespace: WSS.wsse, prefix: "wsse")
            reference.setAttribute("URI", "#" + id)
            reference.setAttribute("ValueType", WSS.encryptedKeyToken)
        case .securityContextToken(let id):
            // Rampart's form: a bare direct reference, no ValueType.
            str.appendElement("Reference", namespace: WSS.wsse, prefix: "wsse").setAttribute("URI", "#" + id)
        case .kerberosToken(let id):
            let reference = str.appendElement("Reference", namespace: WSS.wsse, prefix: "wsse")
            reference.setAttribute("URI", "#" + id)
            reference.setAttribute("ValueType", WSS.gssKerberosAPReq)
        case .kerberosSHA1(let sha1): keyIdentifier(WSS.kerberosAPReqSHA1, sha1)
        case .thumbprint(let digest): keyIdentifier(WSS.thumbprintSHA1, digest.base64EncodedString())
        case .subjectKeyIdentifier(let ski): keyIdentifier(WSS.subjectKeyIdentifier, ski.base64EncodedString())
        case .encryptedKeySHA1(let sha1):
            str.setAttribute("TokenType", namespace: WSS.wsse11, prefix: "wsse11", WSS.encryptedKeyToken)
            keyIdentifier(WSS.encryptedKeySHA1, sha1)
        case .issuerSerial(let issuer, let serial):
            let data = str.appendElement("X509Data", namespace: WSS.dsig, prefix: "ds")
                .appendElement("X509IssuerSerial", namespace: WSS.dsig, prefix: "ds")
            data.appendElement("X509IssuerName", namespace: WSS.dsig, prefix: "ds", text: issuer)
            data.appendElement("X509SerialNumber", namespace: WSS.dsig, prefix: "ds", text: serial)
        }
    }

    /// Reads the SecurityTokenReference inside `keyInfo` (a ds:KeyInfo).
    init(keyInfo: XMLElement?) throws(SecurityFault) {
        guard let keyInfo, keyInfo.children.count == 1, let str = keyInfo.child("SecurityTokenReference", WSS.wsse) else {
            throw SecurityFault(.securityTokenUnavailable, "The KeyInfo holds no single wsse:SecurityTokenReference")
        }
        try self.init(str)
    }

    /// Reads one wsse:SecurityTokenReference.
    init(_ str: XMLElement) throws(SecurityFault) {
        guard str.children.count == 1, let only = str.children.first else {
            throw SecurityFault(.invalidSecurityToken, "A SecurityTokenReference must hold exactly one reference")
        }
        if only.is("Reference", WSS.wsse) {
            guard let uri = only.attribute("URI"), uri.hasPrefix("#"), uri.count > 1 else {
                throw SecurityFault(.securityTokenUnavailable, "Only references to tokens in the message (#id) are supported")
            }
            let id = String(uri.dropFirst())
            switch only.attribute("ValueType") {
            case WSS.encryptedKeyToken: self = .encryptedKey(id: id)
            case Trust.sctTokenType: self = .securityContextToken(id: id)
            case WSS.gssKerberosAPReq: self = .kerberosToken(id: id)
            default: self = .binaryToken(id: id)
            }
        } else if only.is("KeyIdentifier", WSS.wsse) {
            let text = XMLText.trimmed(only.text)
            guard only.attribute("EncodingType").map({ $0 == WSS.base64Binary }) ?? true, let bytes = Data(base64Encoded: text) else {
                throw SecurityFault(.invalidSecurityToken, "A KeyIdentifier must be Base64")
            }
            switch only.attribute("ValueType") ?? "" {
            case WSS.thumbprintSHA1: self = .thumbprint(bytes)
            case WSS.subjectKeyIdentifier: self = .subjectKeyIdentifier(bytes)
            case WSS.encryptedKeySHA1: self = .encryptedKeySHA1(text)
            case WSS.kerberosAPReqSHA1: self = .kerberosSHA1(text)
            case let other: throw SecurityFault(.unsupportedSecurityToken, "KeyIdentifier type \(other) is not supported")
            }
        } else if only.is("X509Data", WSS.dsig), let serial = only.child("X509IssuerSerial", WSS.dsig),
                  let issuer = serial.child("X509IssuerName", WSS.dsig)?.text, let number = serial.child("X509SerialNumber", WSS.dsig)?.text {
            self = .issuerSerial(issuer: XMLText.trimmed(issuer), serial: XMLText.trimmed(number))
        } else {
            throw SecurityFault(.unsupportedSecurityToken, "SecurityTokenReference form \(only.name) is not supported")
        }
    }

    /// True when this reference names `certificate` (only for the certificate forms).
    func names(_ certificate: Certificate) -> Bool {
        switch self {
        case .thumbprint(let digest): return certificate.sha1Thumbprint == digest
        case .subjectKeyIdentifier(let ski): return certificate.subjectKeyIdentifier == ski
        case .issuerSerial(let issuer, let serial):
            return certificate.serialDecimal == serial && Self.normalise(certificate.issuer) == Self.normalise(issuer)
        default: return false
        }
    }

    /// RFC 2253 names compared without the spaces Java and OpenSSL place differently after separators.
    private static func normalise(_ name: String) -> String {
        name.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
    }
}
