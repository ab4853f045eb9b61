import CLibXML2
import CShims

/// The attributes that name an element for references: wsu:Id (WS-Security), Id (XML Signature and
/// Encryption), ID (SAML 2) and xml:id. Nothing else counts, so `URI="#x"` can only mean one of these.
enum IDAttribute {
    static let wsuNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The attribute's name as messages say it (wsu:Id, Id, ID, xml:id) when `name` in the namespace `uri` (nil for
    /// none) is one of the ID attributes; nil otherwise.
    static func label(name: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) -> String? {
        if xmlStrEqual(name, "Id") != 0 { return uri == nil ? "Id" : withXMLString(wsuNamespace, { xmlStrEqual(uri, $0) }) != 0 ? "wsu:Id" : nil }
        if xmlStrEqual(name, "ID") != 0 { return uri == nil ? "ID" : nil }
        if xmlStrEqual(name, "id") != 0 { return uri != nil && withXMLString(xmlNamespace, { xmlStrEqual(uri, $0) }) != 0 ? "xml:id" : nil }
        return nil
    }

    /// `attr`'s name as messages say it, when it is one of the ID attributes.
    static func label(_ attr: xmlAttrPtr) -> String? {
        attr.pointee.name.flatMap { label(name: $0, uri: attr.pointee.ns?.pointee.href) }
    }

    /// True when `attr` is one of the ID attributes.
    static func isID(_ attr: xmlAttrPtr) -> Bool { label(attr) != nil }

    /// The error for a value two ID attributes carry, each named with its line when known, in document order (libxml2
    /// registers xml:id while parsing, so the tree may meet the later one first); the error's line is the later one.
    /// The value is not quoted: a peer's message or a policy chose it, and it may be any text (a password, terminal
    /// escapes, megabytes); the lines find it.
    static func duplicate(_ one: (label: String, line: Int?), _ other: (label: String, line: Int?),
                          file: String = #fileID, sourceLine: Int = #line) -> XMLError {
        let ordered = (other.line ?? .max) < (one.line ?? .max) ? [other, one] : [one, other]
        let places = ordered.map { attribute in attribute.label + (attribute.line.map { " on line \($0)" } ?? "") }
        return XMLError(.duplicateID, "Two ID attributes have the same value (\(places.joined(separator: ", "))): an ID must name one element",
                        line: ordered[1].line, file: file, sourceLine: sourceLine)
    }

    /// Registers `attr`, an ID attribute of `doc`, under its value: nil when registered (or already, or empty), else
    /// the other attribute that value already names, and `attr` is left out.
    static func register(_ attr: xmlAttrPtr, in doc: xmlDocPtr) -> xmlAttrPtr? {
        // libxml2 makes a document's first ID table with 256 slots (12 KB, zeroed); a message has a handful of IDs,
        // and the table grows when its chains get long.
        if doc.pointee.ids == nil { doc.pointee.ids = UnsafeMutableRawPointer(xmlHashCreateDict(16, doc.pointee.dict)) }
        return withValue(attr) { value -> xmlAttrPtr? in
            guard value.pointee != 0 else { return nil }
            guard let existing = xmlGetID(doc, value) else {
                _ = xmlAddID(nil, doc, value, attr)
                return nil
            }
            return existing == attr ? nil : existing
        } ?? nil
    }

    /// The attribute's value as libxml2 stores it.
    static func value(_ attr: xmlAttrPtr) -> String? {
        withValue(attr) { String(cString: $0) }
    }

    /// Lends the attribute's value to `body`: its one text node read in place, else its nodes joined; nil when libxml2
    /// gives none.
    private static func withValue<R>(_ attr: xmlAttrPtr, _ body: (UnsafePointer<xmlChar>) -> R) -> R? {
        if let text = attr.pointee.children, text.pointee.next == nil, let content = text.pointee.content { return body(content) }
        guard let joined = xmlNodeListGetString(attr.pointee.doc, attr.pointee.children, 1) else { return nil }
        defer { cs_xmlFree(joined) }
        return body(joined)
    }
}
