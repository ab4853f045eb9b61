import SecureXML

/// A plain SOAP envelope around a payload: what `message envelope` writes for `message secure` to start from.
public enum PlainEnvelope {
    /// The envelope's text, its Body empty or holding `payload` (one element's text).
    public static func text(soap12: Bool, payload: String?) -> String {
        """
        <soapenv:Envelope xmlns:soapenv="\(soap12 ? WSS.soap12 : WSS.soap11)">
          <soapenv:Header/>
          \(payload.map { "<soapenv:Body>\($0)</soapenv:Body>" } ?? "<soapenv:Body/>")
        </soapenv:Envelope>
        """
    }

    /// True when `element` is a SOAP 1.1 or 1.2 Envelope already.
    public static func isEnvelope(_ element: XMLElement) -> Bool {
        element.name == "Envelope" && [WSS.soap11, WSS.soap12].contains(element.namespace)
    }
}
