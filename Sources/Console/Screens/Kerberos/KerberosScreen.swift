import ConsoleUI
import KerberosConfig
import ServerHome

/// krb5.conf and jaas.conf for scenario 16: what they say, structured edits (default realm, realms, the service
/// entry), the file in `$EDITOR`, and the checks: offline when the screen opens, against the KDC on `c` (off the
/// input loop, with a time limit).
final class KerberosScreen: View, ActionKeys {
    enum Action: Sendable { case focus, check, edit, defaultRealm, realm, mapping, setting, service, client, reload }

    static let keys = KeyMap<Action>([
        KeyBinding([.tab], "Switch between krb5.conf and jaas.conf", group: "Kerberos", action: .focus, bar: "Switch"),
        KeyBinding([.char("c")], "Check both files against the KDC: logins, tickets, keytab", group: "Kerberos", action: .check, bar: "Check"),
        KeyBinding([.char("e")], "Edit the selected file in $EDITOR; it is checked on return", group: "Kerberos", action: .edit,
                   bar: "Edit", dangerous: true),
        KeyBinding([.char("d")], "Set krb5.conf's default realm", group: "Kerberos", action: .defaultRealm, dangerous: true),
        KeyBinding([.char("a")], "Add or change a realm: its KDCs and admin server", group: "Kerberos", action: .realm,
                   bar: "Realm", dangerous: true),
        KeyBinding([.char("m")], "Map a host or domain to a realm ([domain_realm])", group: "Kerberos", action: .mapping, dangerous: true),
        KeyBinding([.char("l")], "Set a [libdefaults] setting (enctypes, dns_lookup_kdc, ...)", group: "Kerberos", action: .setting,
                   dangerous: true),
        KeyBinding([.char("s")], "Set jaas.conf's service entry: principal and keytab", group: "Kerberos", action: .service,
                   bar: "Service", dangerous: true),
        KeyBinding([.char("C")], "Set jaas.conf's client entry: principal and keytab, or none", group: "Kerberos", action: .client,
                   dangerous: true),
        KeyBinding([.char("r"), .function(5)], "Read the files again and check them offline", group: "Kerberos", action: .reload),
    ])

    let home: Home
    private let mode: KerberosCheckJob.Mode
    private let job = KerberosCheckJob()
    private(set) var focus = KerberosFile.krb5
    private var krb5: (path: String, document: Krb5Document, exists: Bool)?
    private var jaas: (path: String, document: JAASDocument, exists: Bool)?
    private(set) var findings: [KerberosFinding] = []
    private var findingsAreLive = false
    private var findingsView = TextView(lines: [])
    /// The width the findings were wrapped to; a resize wraps them again.
    private var findingsWidth = 0
    var message: StatusText?

    init(home: Home, mode: KerberosCheckJob.Mode = .background) {
        self.home = home
        self.mode = mode
        reload()
    }

    var title: String { "Kerberos" }

    var keyHelp: [KeyHelp] { actionHelp + TextView.keyHelp() }

    func disabledReason(_ action: Action) -> String? {
        action == .check && job.isRunning ? "a check is already running" : nil
    }

    var status: StatusText? {
        if let message { return message }
        if job.isRunning { return StatusText("Checking against the KDC...") }
        let errors = findings.filter { $0.severity == .error }.count, warnings = findings.filter { $0.severity == .warning }.count
        let kind = findingsAreLive ? "Live check" : "Offline check (c checks against the KDC)"
        return StatusText("\(kind): \(Plural.count(errors, "error")), \(Plural.count(warnings, "warning")).", isError: errors > 0)
    }

    /// Reads both files and runs the offline checks (fast: no network).
    func reload() {
        krb5 = try? home.krb5File()
        jaas = try? home.jaasFile()
        let offline = KerberosCheckOptions(live: false)
        setFindings([(try? home.checkKrb5(offline)), (try? home.checkJaas(offline))].compactMap { $0 }.flatMap(\.findings), live: false)
    }

    private func setFindings(_ new: [KerberosFinding], live: Bool) {
        findings = new.sorted { $0.severity > $1.severity }
        findingsAreLive = live
        findingsWidth = 0
    }

    /// The findings as lines wrapped to `width`, continuation lines indented under the message.
    private func wrapFindings(width: Int) {
        guard width != findingsWidth else { return }
        findingsWidth = width
        findingsView = TextView(lines: findings.isEmpty ? [StyledLine("No findings.", .ok)] : KerberosSummary.findingLines(findings, home: home, width: width))
    }

    func poll() -> Bool {
        guard let reports = job.take() else { return false }
        setFindings(reports.flatMap(\.findings), live: true)
        return true
    }

    func handle(_ key: Key) -> HandlerResult {
        if let result = performBinding(for: key) { return result }
        return findingsView.handle(key) ? .redraw : .ignored
    }

    func perform(_ action: Action) -> HandlerResult {
        switch action {
        case .focus:
            focus = focus == .krb5 ? .jaas : .krb5
            return .redraw
        case .check:
            var options = KerberosCheckOptions(live: true, timeout: 5)
            options.selfTestClient = true
            _ = job.start(home: home, options: options, mode: mode)
            if case .inline = mode { _ = poll() }
            return .redraw
        case .reload:
            reload()
            message = StatusText("Read both files again.")
            return .redraw
        case .edit: return edit(focus)
        case .defaultRealm: return askDefaultRealm()
        case .realm: return askRealm()
        case .mapping: return askMapping()
        case .setting: return askSetting()
        case .service: return askService()
        case .client: return askClient()
        }
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let krb5Lines = krb5.map { KerberosSummary.krb5Lines($0.document, exists: $0.exists) } ?? []
        let jaasLines = jaas.map { KerberosSummary.jaasLines($0.document, exists: $0.exists) } ?? []
        // The findings keep three lines whatever the height: at 60x16 the file boxes give way (cut, not dropped).
        let findingRows = 3, jaasRows = max(1, min(jaasLines.count, 4, frame.height - 2 - (findingRows + 2) - 3))
        let krb5Rows = max(1, min(krb5Lines.count, 6, frame.height - (jaasRows + 2) - (findingRows + 2) - 2))
        let (top, rest) = frame.splitTop(krb5Rows + 2)
        let (middle, bottom) = rest.splitTop(jaasRows + 2)
        renderFile(.krb5, path: krb5?.path ?? "krb5.conf", lines: krb5Lines, box: top, into: &canvas)
        renderFile(.jaas, path: jaas?.path ?? "jaas.conf", lines: jaasLines, box: middle, into: &canvas)
        canvas.box(bottom, title: findingsAreLive ? "Live check" : "Offline check")
        wrapFindings(width: bottom.inset(dx: 2, dy: 1).width)
        findingsView.render(into: &canvas, frame: bottom.inset(dx: 2, dy: 1))
        canvas.scrollMarkers(box: bottom, above: findingsView.hasMoreAbove, below: findingsView.hasMoreBelow)
    }

    /// The selected file's box says so in its title (a marker, not only a colour).
    private func renderFile(_ file: KerberosFile, path: String, lines: [StyledLine], box: Rect, into canvas: inout Canvas) {
        canvas.box(box, title: (focus == file ? "> " : "") + path, titleStyle: focus == file ? .strong : .title)
        var text = TextView(lines: lines)
        text.render(into: &canvas, frame: box.inset(dx: 2, dy: 1))
    }

    // MARK: - Writing

    /// Shows the change and writes it on confirmation; the files are read again afterwards.
    func confirm(_ change: Change, title: String, note: String? = nil, cancel: @escaping () -> HandlerResult = { .handled }) -> HandlerResult {
        guard !change.edits.isEmpty else {
            message = StatusText("Nothing to change.")
            return .redraw
        }
        return .push(KerberosConfirmation.dialog(title: title, change: change, note: note, cancel: cancel) { [self] in
            do { try home.commit(change) } catch {
                return failure(error, title: "Nothing was written")
            }
            reload()
            message = StatusText("Written: \(change.summary). u on the service list undoes it.")
            return .redraw
        })
    }

    /// Shows `text` on the status line until the next key.
    func say(_ text: StatusText) { message = text }

    /// A refused edit (a realm name with a blank, say) or a home error, as a dialog.
    func failure(_ error: any Error, title: String) -> HandlerResult {
        if let error = error as? KerberosConfigError { return .push(Dialog.error(title: title, message: error.reason)) }
        if let error = error as? HomeError { return .push(Dialog.error(title: title, message: error.message, fix: error.fix)) }
        return .push(Dialog.error(title: title, message: "\(error)"))
    }

    /// The same reason in one line, beside a prompt's answer; a fix names the home.
    func reason(_ error: any Error) -> String {
        if let error = error as? KerberosConfigError { return error.reason }
        if let error = error as? HomeError { return error.message + (error.fix.isEmpty ? "" : ". " + home.commandsNamingHome(error.fix)) }
        return "\(error)"
    }
}
