import CLibXML2

/// Lends `string` to libxml2 as a `const xmlChar *`. Swift's implicit String-to-pointer conversion copies the string
/// into a new array at every call; a secured request made some 360 such copies in `XMLElement`'s lookups and edits
/// and the ID registry. `withCString` lends the string's own bytes (or a copy on the stack for a short one). Calls
/// made once per document (building a template, a new document) keep the implicit conversion.
@inline(__always)
func withXMLString<R>(_ string: String, _ body: (UnsafePointer<xmlChar>) throws -> R) rethrows -> R {
    try string.withCString { try body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
}

/// `withXMLString` for an optional string: nil stays a null pointer.
@inline(__always)
func withOptionalXMLString<R>(_ string: String?, _ body: (UnsafePointer<xmlChar>?) throws -> R) rethrows -> R {
    guard let string else { return try body(nil) }
    return try withXMLString(string) { try body($0) }
}
