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
            if let value { element.setAttribute("Value", value) }
            return id
        }
    }
}
