/// The namespaces and URIs of SOAP and the OASIS WS-Security 1.0/1.1 specifications, as WSS4J writes them.
enum WSS {
    static let soap11 = "http://schemas.xmlsoap.org/soap/envelope/"
    static let soap12 = "http://www.w3.org/2003/05/soap-envelope"
    static let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
    static let wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
    static let wsse11 = "http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd"
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    static let xenc = "http://www.w3.org/2001/04/xmlenc#"

    private static let tokenProfile = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0"
    private static let messageSecurity10 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0"
    private static let messageSecurity11 = "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1"
    private static let usernameProfile = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"

    static let x509v3 = tokenProfile + "#X509v3"
    static let subjectKeyIdentifier = tokenProfile + "#X509SubjectKeyIdentifier"
    static let base64Binary = messageSecurity10 + "#Base64Binary"
    static let thumbprintSHA1 = messageSecurity11 + "#ThumbprintSHA1"
    static let encryptedKeySHA1 = messageSecurity11 + "#EncryptedKeySHA1"
    static let encryptedKeyToken = messageSecurity11 + "#EncryptedKey"
    static let passwordText = usernameProfile + "#PasswordText"
    private static let kerberosProfile = "http://docs.oasis-open.org/wss/oasis-wss-kerberos-token-profile-1.1"
    static let gssKerberosAPReq = kerberosProfile + "#GSS_Kerberosv5_AP_REQ"
    static let kerberosAPReqSHA1 = kerberosProfile + "#Kerberosv5APREQSHA1"
    static let passwordDigest = usernameProfile + "#PasswordDigest"
}
