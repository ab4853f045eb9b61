import ConsoleUI
import KeyMaterial

/// A key pair with a self-signed certificate as a form asks for it: `a` on a keystore adds one, `n` on the keystore
/// list makes a new keystore holding one. Both take the same fields, by the same rules, and generate alike.
struct KeyPairFields {
    static let keyTypes: [(label: String, algorithm: KeyAlgorithm)] = [
        ("RSA 2048", .rsa(bits: 2048)), ("RSA 3072", .rsa(bits: 3072)), ("RSA 4096", .rsa(bits: 4096)),
        ("EC P-256", .ecP256), ("EC P-384", .ecP384)]

    let alias: String
    let algorithm: KeyAlgorithm
    let subject: String
    let days: Int
    let names: [String]

    /// Alias, key type, subject, validity and DNS names; `alias` says why an alias is refused (taken in its store).
    static func fields(alias: @escaping (String) -> String?) -> [FormField] {
        [.text("alias", "Alias", validate: alias),
         .choice("type", "Key", options: keyTypes.map(\.label)),
         .text("subject", "Subject", initial: "CN=", hint: "e.g. CN=orders.example.com,O=Example,C=NL", validate: subjectProblem),
         .text("days", "Valid for (days)", initial: "365", validate: daysProblem),
         .text("san", "DNS names", hint: "Subject alternative names, comma-separated (optional)", validate: namesProblem)]
    }

    /// The key pair the fields of `fields(alias:)` describe.
    init(_ values: FormValues) {
        alias = values.trimmed("alias")
        algorithm = Self.keyTypes[values.choice("type")].algorithm
        subject = values.trimmed("subject")
        days = Int(values.trimmed("days")) ?? 365
        names = Self.names(values.text("san"))
    }

    /// "an RSA 2048 key pair client for CN=test client, valid 365 days".
    var description: String { "an \(algorithm) key pair \(alias) for \(subject), valid \(Plural.count(days, "day"))" }

    func generate(in store: inout Keystore) throws {
        try store.generateKeyPair(alias: alias, algorithm: algorithm, subject: subject, validityDays: days,
                                  subjectAltNames: names.map { SubjectAlternativeName.dnsName($0) })
    }

    // MARK: - Field rules

    /// Why `text` is no alias for a new entry; `taken` says whether the store holds it already (aliases ignore case).
    static func aliasProblem(_ text: String, taken: (String) -> Bool = { _ in false }) -> String? {
        let alias = text.trimmingBlanks
        if alias.isEmpty { return "required" }
        if (try? KeystoreAlias.check(alias)) == nil { return "no control characters" }
        return taken(alias) ? "already used (aliases ignore case)" : nil
    }

    static func subjectProblem(_ text: String) -> String? {
        let subject = text.trimmingBlanks
        guard subject.hasPrefix("CN="), subject.count > 3, !subject.hasPrefix("CN=,") else { return "starts with CN=name" }
        // Read as the certificate maker reads it, so an attribute OpenSSL does not know is said here, not after OK.
        do { try Certificate.checkSubject(subject) } catch { return (error as? KeyMaterialError)?.reason ?? "\(error)" }
        return (try? Certificate.subjectAttributes(subject)).flatMap(subjectSlip)
    }

    /// A subject OpenSSL takes but nobody means: a value that starts with an attribute name ("CN=CN=x", typed
    /// after the field's "CN="), or an attribute named twice (only OU and DC are commonly repeated).
    static func subjectSlip(_ attributes: [(type: String, value: String)]) -> String? {
        for (type, value) in attributes {
            guard let inner = value.firstMatch(of: /^([A-Za-z][A-Za-z0-9.-]*)\s*=/) else { continue }
            return inner.1.uppercased() == type.uppercased()
                ? "\(type) would be \"\(value)\": the field starts with \(type)= already; type the name after it"
                : "\(type) would be \"\(value)\": separate attributes with commas (CN=a,O=b)"
        }
        var seen: Set<String> = []
        for attribute in attributes where !["OU", "DC"].contains(attribute.type.uppercased()) {
            guard seen.insert(attribute.type.uppercased()).inserted else { return "\(attribute.type) is named twice; name it once" }
        }
        return nil
    }

    static func daysProblem(_ text: String) -> String? {
        // The CLI's --validity range: one limit for both, the certificate maker's.
        let range = Certificate.validityRange
        guard let days = Int(text.trimmingBlanks), range.contains(days) else { return "a number of days, \(range.lowerBound) to \(range.upperBound)" }
        return nil
    }

    static func names(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
    }

    static func namesProblem(_ text: String) -> String? {
        let bad = names(text).first { name in !name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "*" } }
        return bad.map { "\($0) is not a host name" }
    }
}
