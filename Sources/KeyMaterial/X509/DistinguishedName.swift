import COpenSSL
import Foundation

/// Parses RFC 4514 distinguished-name strings ("CN=a,OU=b,O=c") into OpenSSL names.
enum DistinguishedName {
    typealias Attribute = (type: String, value: String)

    /// The RDNs in the order written (most specific first); each RDN holds one or more
    /// ("+"-joined) attributes. Supports `\,`-style and `\2C`-style escapes; not quoted values.
    static func parse(_ text: String) throws -> [[Attribute]] {
        var rdns: [[Attribute]] = []
        var current: [Attribute] = []
        var bytes: [UInt8] = []  // the component being read, escapes already decoded
        let input = Array(text.utf8)
        var index = 0
        func finishAttribute() throws {
            let component = String(decoding: bytes, as: UTF8.self)
            bytes = []
            guard let equals = component.firstIndex(of: "=") else {
                throw KeyMaterialError.invalidArgument("\"\(component)\" is not TYPE=value in \"\(text)\"")
            }
            let type = component[..<equals].trimmingCharacters(in: .whitespaces)
            let value = component[component.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !type.isEmpty, !value.isEmpty else {
                throw KeyMaterialError.invalidArgument("empty attribute in \"\(text)\"")
            }
            current.append((type, value))
        }
        while index < input.count {
            let byte = input[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\\"):
                guard index < input.count else {
                    throw KeyMaterialError.invalidArgument("distinguished name ends with a lone backslash")
                }
                if index + 1 < input.count, let pair = UInt8(String(decoding: input[index...index + 1], as: UTF8.self), radix: 16) {
                    bytes.append(pair)
                    index += 2
                } else {
                    bytes.append(input[index])
                    index += 1
                }
            case UInt8(ascii: "+"):
                try finishAttribute()
            case UInt8(ascii: ","):
                try finishAttribute()
                rdns.append(current)
                current = []
            default:
                bytes.append(byte)
            }
        }
        try finishAttribute()
        rdns.append(current)
        return rdns
    }

    /// A new OpenSSL X509_NAME for `text`; the caller frees it.
    static func make(_ text: String) throws -> OpaquePointer {
        let rdns = try parse(text)
        guard let name = X509_NAME_new() else { throw KeyMaterialError.cryptoFailure("cannot allocate a name") }
        // The string form lists the most specific RDN first; the encoding starts with the least specific.
        for rdn in rdns.reversed() {
            for (position, attribute) in rdn.enumerated() {
                // set 0 starts a new RDN; -1 adds to the RDN just appended (a multi-valued RDN).
                let added = X509_NAME_add_entry_by_txt(
                    name, attribute.type, MBSTRING_UTF8, attribute.value, -1, -1, position == 0 ? 0 : -1)
                guard added == 1 else {
                    X509_NAME_free(name)
                    OpenSSLErrors.clear()
                    throw KeyMaterialError.invalidArgument("unknown or invalid name attribute \(attribute.type)=\(attribute.value)")
                }
            }
        }
        return name
    }
}
