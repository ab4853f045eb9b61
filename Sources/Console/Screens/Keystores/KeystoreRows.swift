import ConsoleUI
import Foundation
import KeyMaterial

/// How the entry list shows an entry: alias, kind, expiry, key, subject. The expiry column says it in words
/// (`EXPIRED`, `12d!`), so it reads the same without colour. Rows are built once per read of the store, so a
/// store of thousands of entries scrolls without touching OpenSSL again.
struct KeystoreRow {
    let alias: String
    let isKey: Bool
    let subject: String
    let issuer: String
    let notAfter: Date?
    let daysLeft: Int?
    let state: ExpiryStatus?
    let key: String
    /// Kept for the panel's fingerprint, computed only for the selected row.
    private let certificate: Certificate?

    /// Days before expiry from which an entry is marked.
    static let warningDays = 30

    init(_ entry: Keystore.Entry, now: Date) {
        alias = entry.alias
        isKey = entry.kind == .privateKey
        let certificate = entry.certificate
        subject = certificate?.subject ?? ""
        issuer = certificate?.issuer ?? ""
        notAfter = certificate?.notAfter
        daysLeft = certificate?.daysLeft(now: now)
        state = certificate?.expiry(now: now, warningDays: Self.warningDays)
        key = certificate?.publicKeyDescription ?? ""
        self.certificate = certificate
    }

    var kind: String { isKey ? "key pair" : "trusted" }

    var isExpired: Bool { state == .expired || state == .notYetValid }
    var isExpiring: Bool { state == .expiresSoon }

    /// `EXPIRED`, `NOT YET`, `12d!` within the warning period, `365d` otherwise.
    var expiry: String {
        switch state {
        case nil: "?"
        case .expired: "EXPIRED"
        case .notYetValid: "NOT YET"
        case .expiresSoon: "\(daysLeft ?? 0)d!"
        case .valid: "\(daysLeft ?? 0)d"
        }
    }

    var tableRow: TableRow {
        let marker: Style = isExpired ? .error : (isExpiring ? .warning : .normal)
        return TableRow([alias, kind, expiry, key, subject], styles: [.strong, .normal, marker, .normal, .dim])
    }

    /// What `/` searches: alias, subject and issuer.
    var searchText: String { "\(alias) \(subject) \(issuer)" }

    static func columns(aliasWidth: Int) -> [TableColumn] {
        [TableColumn("Alias", .fixed(aliasWidth)), TableColumn("Type", .fixed(8)), TableColumn("Expires", .fixed(7)),
         TableColumn("Key", .fixed(9)), TableColumn("Subject", .flexible(minimum: 10))]
    }

    static func aliasWidth(for rows: [KeystoreRow]) -> Int {
        // The longest of the first rows is enough: measuring 5,000 aliases at every draw is not.
        min(24, max(8, rows.prefix(500).map { DisplayWidth.of($0.alias) }.max() ?? 8))
    }

    /// The panel under the list: the selected entry in a few lines.
    var summary: [StyledLine] {
        var lines = [StyledLine("Subject  \(subject)"), StyledLine("Issuer   \(issuer)\(subject == issuer ? "  (self-signed)" : "")")]
        if let notAfter {
            let words = switch state {
            case .expired: (daysLeft ?? 0) == 0 ? "EXPIRED today" : "EXPIRED \(Plural.count(-(daysLeft ?? 0), "day")) ago"
            case .notYetValid: "NOT YET VALID"
            default: "\(daysLeft ?? 0) days left" + (isExpiring ? " - renew it soon" : "")
            }
            lines.append(StyledLine("Expires  \(DisplayDate.day(notAfter))  \(words)",
                                    isExpired ? .error : (isExpiring ? .warning : .normal)))
        }
        lines.append(StyledLine("SHA-256  \(certificate?.sha256Fingerprint ?? "")", .dim))
        return lines
    }
}
