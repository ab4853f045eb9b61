import ConsoleUI
import Foundation
import KeyMaterial

/// Certificates as text for the console: an entry's full details, and two certificates side by side.
enum CertificateText {
    /// Everything about an entry: its certificate's fields, fingerprints, extensions and, for a key pair, the chain.
    static func details(of entry: Keystore.Entry, width: Int, now: Date = Date()) -> [StyledLine] {
        var lines: [String] = []
        let chain = entry.chain
        switch entry.kind {
        case .privateKey:
            let key = entry.privateKey.map { "private key \($0.algorithmDescription)" } ?? "private key locked by its own password"
            lines += ["Alias        \(entry.alias)", "Type         key pair (\(key))", ""]
            for (i, certificate) in chain.enumerated() {
                lines.append(i == 0 ? "Certificate" : "Chain [\(i)]")
                lines += fields(of: certificate, now: now).map { "  " + $0 }
                lines.append("")
            }
            if chain.count > 1 {
                lines.append("Chain: " + chain.map { commonName(of: $0.subject) }.joined(separator: " <- "))
            }
        case .trustedCertificate:
            lines += ["Alias        \(entry.alias)", "Type         trusted certificate", ""]
            lines += chain.first.map { fields(of: $0, now: now) } ?? []
        }
        return lines.flatMap { wrapped($0, width: width) }
    }

    /// "Name         value" with a long value wrapped under itself, so the names stay in their column.
    private static func wrapped(_ line: String, width: Int) -> [StyledLine] {
        let head = line.prefix { $0 == " " }.count + 13
        guard line.count > width, line.count > head, width > head + 10 else { return [StyledLine(line)] }
        let pad = String(repeating: " ", count: head)
        return TextLayout.wrap(String(line.dropFirst(head)), width: width - head).enumerated().map { i, part in
            StyledLine((i == 0 ? String(line.prefix(head)) : pad) + part)
        }
    }

    /// One certificate's fields, one per line.
    static func fields(of certificate: Certificate, now: Date) -> [String] {
        let days = certificate.daysLeft(now: now)
        let state = switch certificate.expiry(now: now, warningDays: KeystoreRow.warningDays) {
        case .notYetValid: "NOT YET VALID"
        case .expired: "EXPIRED"
        case .expiresSoon: "\(Plural.count(days, "day")) left (!)"
        case .valid: "\(Plural.count(days, "day")) left"
        }
        return ["Subject      \(certificate.subject)",
                "Issuer       \(certificate.issuer)\(certificate.isSelfIssued ? "  (self-signed)" : "")",
                "Serial       \(certificate.serial)",
                "Valid from   \(DisplayDate.time(certificate.notBefore))",
                "Valid until  \(DisplayDate.time(certificate.notAfter))  \(state)",
                "Public key   \(certificate.publicKeyDescription)",
                "SHA-256      \(certificate.sha256Fingerprint)",
                "SHA-1        \(certificate.sha1Fingerprint)"]
            + extensionLines(of: certificate)
    }

    /// Two certificates' fields in two columns (KeyMaterial's comparison); fields that differ are marked `*`, not
    /// only coloured.
    static func comparison(_ left: (String, Certificate), _ right: (String, Certificate), width: Int) -> [StyledLine] {
        let comparison = CertificateComparison(left.1, right.1)
        let name = { (field: String) in field.replacingOccurrences(of: "X509v3 ", with: "") }
        let nameWidth = min(22, max(8, comparison.rows.map { name($0.field).count }.max() ?? 8))
        let column = max(10, (width - nameWidth - 3) / 2)
        let indent = String(repeating: " ", count: nameWidth + 2)
        var lines = [StyledLine(indent + TextLayout.pad(left.0, to: column) + " " + right.0, .title)]
        for row in comparison.rows {
            // Long values (fingerprints, DNs) wrap within their column.
            let l = TextLayout.wrap(row.left, width: column), r = TextLayout.wrap(row.right, width: column)
            for i in 0..<max(l.count, r.count) {
                let head = i == 0 ? (row.same ? "  " : "* ") + TextLayout.pad(name(row.field), to: nameWidth) : indent
                lines.append(StyledLine(head + TextLayout.pad(i < l.count ? l[i] : "", to: column) + " " + (i < r.count ? r[i] : ""),
                                        row.same ? .normal : .warning))
            }
        }
        let differing = comparison.rows.filter { !$0.same }.count
        lines += [StyledLine(""),
                  StyledLine(comparison.identical ? "The two certificates are identical."
                             : "\(differing) fields differ (marked *)." + (comparison.samePublicKey ? " They carry the same public key." : ""), .strong)]
        return lines
    }

    private static func extensionLines(of certificate: Certificate) -> [String] {
        ["Signature    \(certificate.signatureAlgorithm)"] + certificate.extensions.map { ext in
            "Extension    \(ext.name)\(ext.critical ? " (critical)" : ""): \(ext.value)"
        }
    }

    private static func commonName(of dn: String) -> String {
        dn.split(separator: ",").first { $0.hasPrefix("CN=") }.map { String($0.dropFirst(3)) } ?? dn
    }
}
