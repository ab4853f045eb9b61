import CLibXML2
import CShims

/// The attributes that name an element for references: wsu:Id (WS-Security), Id (XML Signature and
/// Encryption), ID (SAML 2) and xml:id. Nothing else counts, so `URI="#x"` can only mean one of these.
enum IDAttribute {
    static let wsuNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// True when `attr` is one of the ID attributes.
    static func isID(_ attr: xmlAttrPtr) -> Bool {
        guard let name = attr.pointee.name else { return false }
        let href = attr.pointee.ns?.pointee.href
        if xmlStrEqual(name, "Id") != 0 { return href == nil || xmlStrEqual(href, wsuNamespace) != 0 }
        if xmlStrEqual(name, "ID") != 0 { return href == nil }
        if xmlStrEqual(name, "id") != 0 { return href != nil && xmlStrEqual(href, xmlNamespace) != 0 }
        return false
    }

    /// The attribute's value as libxml2 stores it.
    static func value(_ attr: xmlAttrPtr) -> String? {
        if let text = attr.pointee.children, text.pointee.next == nil, let content = text.pointee.content {
            return String(cString: content)
        }
        guard let joined = xmlNodeListGetString(attr.pointee.doc, attr.pointee.children, 1) else { return nil }
        defer { cs_xmlFree(joined) }
        return String(cString: joined)
    }
}
