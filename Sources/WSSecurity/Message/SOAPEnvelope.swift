import Foundation
import KeyMaterial
import SecureXML

/// A parsed SOAP 1.1 or 1.2 envelope: its Header and Body, and the wsse:Security header addressed to us
/// (no actor/role: the ultimate receiver).
final class SOAPEnvelope {
    let document: XMLDocument
    let envelope: XMLElement
    /// The envelope's namespace: SOAP 1.1 or 1.2.
    let soapNamespace: String

    /// What a message may hold, and what decryption may put into one: no processing instruction anywhere (SOAP 1.1
    /// section 3, SOAP 1.2 Part 1 section 5; Axiom, under WSO2, refuses them), the XML declaration aside.
    static let limits = ParseLimits(allowsProcessingInstructions: false)

    init(_ bytes: Data) throws(SecurityFault) {
        // Parsed where the Data holds it: a copy into an array showed in profiles (its large allocation made malloc
        // gather its free lists at every message).
        let parsed = bytes.withUnsafeBytes { raw in
            Result { () throws(XMLError) in try XMLDocument.parseForEditing(raw.bindMemory(to: UInt8.self), limits: Self.limits) }
        }
        do { document = try parsed.get() } catch {
            throw SecurityFault.unacceptableXML(error)
        }
        // XMLDocument.parse refuses a document without a root element.
        let root = document.root!
        guard root.name == "Envelope", let namespace = root.namespace, namespace == WSS.soap11 || namespace == WSS.soap12 else {
            throw SecurityFault(.invalidSecurity, "The message is not a SOAP 1.1 or 1.2 Envelope", unreadable: .notEnvelope(line: root.line))
        }
        envelope = root
        soapNamespace = namespace
        // Exactly one Body, the last child, and at most one Header before it: anything else hides content.
        let children = root.children
        let bodies = children.filter { $0.is("Body", namespace) }
        let headers = children.filter { $0.is("Header", namespace) }
        guard bodies.count == 1, children.last == bodies[0], headers.count <= 1, children.count == bodies.count + headers.count,
              headers.first.map({ $0 == children.first }) ?? true else {
            throw SecurityFault(.invalidSecurity, "The Envelope must hold an optional Header and then exactly one Body",
                                unreadable: .envelopeLayout(line: root.line))
        }
    }

    var isSOAP12: Bool { soapNamespace == WSS.soap12 }

    /// The SOAP Body: the Envelope's own child, never an element elsewhere with a Body name.
    var body: XMLElement { envelope.children.last! }

    var header: XMLElement? { envelope.child("Header", soapNamespace) }

    /// The Security headers meant for the ultimate receiver (no actor/role, or SOAP 1.2's ultimateReceiver).
    var securityHeaders: [XMLElement] {
        (header?.children("Security", WSS.wsse) ?? []).filter { element in
            let target = element.attribute(isSOAP12 ? "role" : "actor", namespace: soapNamespace)
            return target == nil || target == "" || target == "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver"
        }
    }

    /// A new wsse:Security header with mustUnderstand, first in the SOAP Header (created if missing).
    func addSecurityHeader() -> XMLElement {
        let header = self.header ?? body.insertSiblingBefore("Header", namespace: soapNamespace, prefix: envelope.prefix)
        let security: XMLElement
        if let first = header.children.first {
            security = first.insertSiblingBefore("Security", namespace: WSS.wsse, prefix: "wsse")
        } else {
            security = header.appendElement("Security", namespace: WSS.wsse, prefix: "wsse")
        }
        security.declareNamespace(WSS.wsu, prefix: "wsu")
        let prefix = envelope.prefix ?? (isSOAP12 ? "soap12" : "soapenv")
        security.setAttribute("mustUnderstand", namespace: soapNamespace, prefix: prefix, isSOAP12 ? "true" : "1")
        return security
    }

    /// The element's wsu:Id (or other ID), giving it a fresh wsu:Id when it has none.
    func id(of element: XMLElement, prefix: String) -> String {
        if let id = element.id { return id }
        let id = SOAPEnvelope.newID(prefix)
        element.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", id)
        return id
    }

    /// A fresh ID, unique with overwhelming probability.
    static func newID(_ prefix: String) -> String {
        // The system generator (getrandom) is cryptographically secure and cheaper than a Data per ID; the hex is
        // written in place (low byte first, as before): an array per ID showed in profiles.
        let value = UInt64.random(in: .min ... .max)
        func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
        let prefix = prefix.utf8
        return String(unsafeUninitializedCapacity: prefix.count + 17) { text in
            var at = text.initialize(fromContentsOf: prefix)
            text[at] = 0x2D
            at += 1
            for index in 0..<8 {
                let byte = UInt8(truncatingIfNeeded: value >> (index * 8))
                text[at] = hex(byte >> 4)
                text[at + 1] = hex(byte & 0x0F)
                at += 2
            }
            return at
        }
    }

    func serialized() -> Data { Data(document.serialized()) }
}
