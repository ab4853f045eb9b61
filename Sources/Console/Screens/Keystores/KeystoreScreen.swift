import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome

/// One keystore, opened with its password: its entries (alias, type, expiry in words, key, subject), the selected
/// one in a panel below, Enter for everything about it, and the operations as forms. Every write is planned as a
/// change of the keystore file, shown in the one confirmation dialog and written through `Home.commit`.
final class KeystoreScreen: View, ActionKeys {
    enum Action: Sendable {
        case details, generate, csr, importTrusted, importReply, export, delete, rename, storePassword, keyPassword,
             convert, mark, compare, reload
    }

    static let keys = KeyMap<Action>([
        KeyBinding([.enter], "Show everything about the entry: fields, fingerprints, extensions, chain", group: "Keystore",
                   action: .details, bar: "Details"),
        KeyBinding([.char("a")], "Add a key pair with a self-signed certificate (RSA or EC)", group: "Keystore",
                   action: .generate, bar: "New key", dangerous: true),
        KeyBinding([.char("c")], "Certificate signing request for the key pair (shown, or written to a file)", group: "Keystore",
                   action: .csr, bar: "CSR"),
        KeyBinding([.char("i")], "Import a trusted certificate from a file", group: "Keystore", action: .importTrusted,
                   bar: "Import", dangerous: true),
        KeyBinding([.char("I")], "Import a CA reply onto the key pair (chain checked)", group: "Keystore", action: .importReply,
                   dangerous: true),
        KeyBinding([.char("e")], "Export the certificate (PEM, DER) or public key to a file", group: "Keystore", action: .export,
                   bar: "Export", dangerous: true),
        KeyBinding([.char("d"), .delete], "Delete the entry (asks first)", group: "Keystore", action: .delete, dangerous: true),
        KeyBinding([.char("m")], "Rename the entry", group: "Keystore", action: .rename, dangerous: true),
        KeyBinding([.char("p")], "Change the store password", group: "Keystore", action: .storePassword, dangerous: true),
        KeyBinding([.char("P")], "Change the key password of the entry (JKS)", group: "Keystore", action: .keyPassword,
                   dangerous: true),
        KeyBinding([.char("v")], "Convert: write the store as PKCS#12 or JKS to a new file", group: "Keystore", action: .convert,
                   dangerous: true),
        KeyBinding([.char(" ")], "Mark the entry to compare it with another", group: "Keystore", action: .mark),
        KeyBinding([.char("=")], "Compare the marked entry's certificate with this one, side by side", group: "Keystore",
                   action: .compare, bar: "Compare"),
        KeyBinding([.char("r"), .function(5)], "Read the file again", group: "Keystore", action: .reload),
    ])

    let home: Home
    let session: KeystoreSession
    private(set) var rows: [KeystoreRow] = []
    /// Private keys other users can read, as the file was when the rows were built (not looked up on every frame).
    private var exposure: (message: String, fix: String)?
    private var tableRows: [TableRow] = []
    private var searchTexts: [String] = []
    private var aliasWidth = 8
    private var expiredCount = 0
    private var expiringCount = 0
    var list = ListState()
    private var search = ListSearch()
    /// The alias marked with Space for a comparison.
    var marked: String?
    var message: StatusText?
    private let now: () -> Date

    init(home: Home, session: KeystoreSession, now: @escaping () -> Date = Date.init) {
        self.home = home
        self.session = session
        self.now = now
        rebuildRows()
    }

    var title: String { session.name }

    var keyHelp: [KeyHelp] {
        search.isEditing ? ListSearch.typingKeyHelp
            : actionHelp + ListState.keyHelp() + ListSearch.keyHelp()
    }

    var takesText: Bool { search.isEditing }

    /// Rows follow the store's entries one to one, so the selection is an index into both (no search by alias).
    var selected: Keystore.Entry? {
        session.store.entries.indices.contains(list.selected) ? session.store.entries[list.selected] : nil
    }

    /// Rows are made once per read of the store: drawing then only touches the visible ones.
    func rebuildRows(select alias: String? = nil) {
        let previous = alias ?? selected?.alias
        let date = now()
        rows = session.store.entries.map { KeystoreRow($0, now: date) }
        tableRows = rows.map(\.tableRow)
        searchTexts = rows.map(\.searchText)
        aliasWidth = KeystoreRow.aliasWidth(for: rows)
        expiredCount = rows.count { $0.isExpired }
        expiringCount = rows.count { $0.isExpiring }
        exposure = home.exposure(of: session.keystore, holdsPrivateKeys: session.store.entries.contains { $0.kind == .privateKey })
        list.setCount(rows.count)
        if let previous, let index = rows.firstIndex(where: { $0.alias.lowercased() == previous.lowercased() }) { list.select(index) }
    }

    func disabledReason(_ action: Action) -> String? {
        let entry = selected
        switch action {
        case .details, .delete, .rename, .export, .mark: return entry == nil ? "the store is empty" : nil
        case .csr, .importReply, .keyPassword:
            guard let entry else { return "the store is empty" }
            if entry.kind != .privateKey { return "\(entry.alias) is a trusted certificate, not a key pair" }
            if action == .keyPassword, session.store.format != .jks { return "a \(session.formatName) store protects keys with the store password (p)" }
            return nil
        case .compare:
            guard let marked else { return "mark an entry with Space first" }
            return marked == entry?.alias ? "select another entry than the marked one" : nil
        default: return nil
        }
    }

    var status: StatusText? {
        if let shown = search.status ?? message { return shown }
        let expired = expiredCount, expiring = expiringCount
        var parts = ["\(session.formatName), \(Plural.count(rows.count, "entry", "entries"))"]
        if expired > 0 { parts.append("\(expired) EXPIRED") }
        if expiring > 0 { parts.append("\(expiring) expiring within \(KeystoreRow.warningDays) days") }
        if let marked { parts.append("marked: \(marked)") }
        if home.readOnly { parts.append("read-only") }
        if let exposed = exposure {
            return StatusText(parts.joined(separator: ", ") + ". \(exposed.message): \(exposed.fix)", isError: true)
        }
        return StatusText(parts.joined(separator: ", "), isError: expired > 0)
    }

    /// A paste goes into the search query while it is typed; elsewhere on this screen it is ignored.
    func paste(_ paste: Paste) -> HandlerResult? { search.isEditing ? handle(.paste(paste)) : nil }

    func handle(_ key: Key) -> HandlerResult {
        if let result = search.handle(key, in: searchTexts, list: &list) {
            message = nil
            return result
        }
        if let result = performBinding(for: key) { return result }
        guard list.handle(key) else { return .ignored }
        message = nil
        return .redraw
    }

    func perform(_ action: Action) -> HandlerResult {
        switch action {
        case .details: return showDetails()
        case .generate: return generateKeyPair()
        case .csr: return signingRequest()
        case .importTrusted: return importTrusted()
        case .importReply: return importReply()
        case .export: return export()
        case .delete: return delete()
        case .rename: return rename()
        case .storePassword: return changeStorePassword()
        case .keyPassword: return changeKeyPassword()
        case .convert: return convert()
        case .mark:
            marked = marked == selected?.alias ? nil : selected?.alias
            return .redraw
        case .compare: return compare()
        case .reload:
            do { try session.reload() } catch { return .push(KeystoreErrors.dialog("Cannot read \(session.file)", error)) }
            rebuildRows()
            message = StatusText("Read \(session.file) again: \(Plural.count(rows.count, "entry", "entries")).")
            return .redraw
        }
    }

    private func showDetails() -> HandlerResult {
        guard let entry = selected else { return .handled }
        let date = now()
        return .push(CertificatePage(title: entry.alias, boxTitle: "\(entry.alias) in \(session.file)") { width in
            CertificateText.details(of: entry, width: width, now: date)
        })
    }

    private func compare() -> HandlerResult {
        guard let marked, let left = session.store.entry(alias: marked)?.certificate,
              let entry = selected, let right = entry.certificate else { return .handled }
        return .push(CertificatePage(title: "Compare", boxTitle: "\(marked) and \(entry.alias)") { width in
            CertificateText.comparison((marked, left), (entry.alias, right), width: width)
        })
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let (listBox, detailBox) = frame.splitBottom(min(7, max(5, frame.height / 3)))
        canvas.box(listBox, title: "\(session.file) (\(session.formatName), \(Plural.count(rows.count, "entry", "entries")))")
        Table.render(into: &canvas, frame: listBox.inset(1), columns: KeystoreRow.columns(aliasWidth: aliasWidth),
                     rows: tableRows, state: &list)
        if let marked, let index = rows.firstIndex(where: { $0.alias == marked }), list.visibleRange.contains(index) {
            // The marked row shows a `*` in the selection column, readable without colour.
            let y = listBox.y + 2 + index - list.visibleRange.lowerBound
            if index != list.selected { canvas.write("*", x: listBox.x + 1, y: y, style: .strong) }
        }
        canvas.scrollMarkers(box: listBox, above: list.hasMoreAbove, below: list.hasMoreBelow)
        let row = rows.indices.contains(list.selected) ? rows[list.selected] : nil
        canvas.box(detailBox, title: row.map { "\($0.alias): \($0.kind)" } ?? "No entries")
        let inner = detailBox.inset(dx: 2, dy: 1)
        guard let row else {
            canvas.write("The store is empty." + (home.readOnly ? "" : " a adds a key pair, i imports a certificate."),
                         x: inner.x, y: inner.y, width: inner.width, style: .dim)
            return
        }
        var text = TextView(lines: row.summary)
        text.render(into: &canvas, frame: inner)
    }
}
