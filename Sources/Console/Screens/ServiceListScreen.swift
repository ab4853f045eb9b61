import ConsoleUI
import ServerHome

/// The first screen: every service of the home with its kind, security and validation state, and a
/// detail panel for the selected one (its file, its findings, or why it cannot be read).
final class ServiceListScreen: View, ActionKeys {
    enum Action: Sendable { case open, policy, undo, redo, history, reload, users, kerberos, keystores, client }

    /// The screen's key table; the key bar, the help overlay and the README are generated from it.
    static let keys = KeyMap<Action>([
        KeyBinding([.enter], "Open the service: see and choose its security scenario", group: "Services",
                   action: .open, bar: "Open"),
        KeyBinding([.char("p")], "Show the policy file the service uses", group: "Services", action: .policy,
                   bar: "Policy"),
        KeyBinding([.char("u")], "Undo the last change still in effect (asks first)", group: "Services",
                   action: .undo, bar: "Undo", dangerous: true),
        KeyBinding([.ctrl("r")], "Redo: put back the change last undone (asks first)", group: "Services",
                   action: .redo, dangerous: true),
        KeyBinding([.char("H")], "History: every change, its diff, undo of any one", group: "Services",
                   action: .history, bar: "History"),
        KeyBinding([.char("r"), .function(5)], "Reload the services and validate them again", group: "Services",
                   action: .reload, bar: "Reload"),
        KeyBinding([.char("U")], "Users, roles and the user store (LDAP settings and test)", group: "Services",
                   action: .users, bar: "Users"),
        KeyBinding([.char("K")], "Kerberos: krb5.conf, jaas.conf, checks against the KDC", group: "Services",
                   action: .kerberos, bar: "Kerberos"),
        KeyBinding([.char("S")], "Keystores: key pairs, certificates, CSRs, passwords", group: "Services",
                   action: .keystores, bar: "Keystores"),
        KeyBinding([.char("C")], "Self-test client: keystore, user and principal it acts as", group: "Services",
                   action: .client, bar: "Client"),
    ])

    let home: Home
    private let board: ValidationBoard
    private(set) var services: [Service] = []
    private var list = ListState()
    private var search = ListSearch()
    var message: StatusText?
    private var needsReload = false
    /// The home's history and which of its changes are undone (for `u` and ^R): read again whenever the list comes
    /// back and when either key is pressed, since other screens and other processes change the home too.
    private var undoState = UndoState(records: [])
    /// The stamps of the services' files: compared when the list comes back, before Enter and p act, and while idle.
    private var watch: HomeWatch
    /// What the last look found changed on disk ("EchoProxy changed on disk").
    private var changedOnDisk: String?

    init(home: Home, board: ValidationBoard, diskCheckInterval: Duration = HomeWatch.interval) {
        self.home = home
        self.board = board
        watch = HomeWatch(home: home, services: [], interval: diskCheckInterval)
        reload()
    }

    var title: String { "Services" }

    var selected: Service? { services.indices.contains(list.selected) ? services[list.selected] : nil }

    var keyHelp: [KeyHelp] {
        if search.isEditing { return ListSearch.typingKeyHelp }
        // The other screens' keys come last: a bar too narrow for them drops them first, and Search stays.
        let all = actionHelp
        let screens: [[Key]] = [[.char("U")], [.char("K")], [.char("S")], [.char("C")]]
        return all.filter { !screens.contains($0.keys) } + ListState.keyHelp() + ListSearch.keyHelp() + all.filter { screens.contains($0.keys) }
    }

    var takesText: Bool { search.isEditing }

    /// Why an action cannot be used on the current selection; the help shows it, and so does the
    /// status line when the key is pressed anyway.
    func disabledReason(_ action: Action) -> String? {
        if action == .undo { return undoState.nextUndo == nil ? (undoState.records.isEmpty ? "the history is empty" : "every change is undone") : nil }
        if action == .redo {
            return undoState.nextRedo != nil ? nil : undoState.redoEnded == nil ? "no change is undone" : "a new change came after the last undo"
        }
        guard let service = selected else { return [.reload, .history, .users, .kerberos, .keystores, .client].contains(action) ? nil : "there are no services" }
        switch action {
        case .policy where service.problem != nil: return "\(service.name) cannot be read"
        case .policy where service.security.policyKey == nil: return "\(service.name) has no policy yet"
        case .open where service.readOnlyReason != nil: return "\(service.name) is read-only: \(service.readOnlyReason!)"
        default: return nil
        }
    }

    var status: StatusText? {
        if let searching = search.status { return searching }
        if let message { return message }
        if let service = selected, let problem = service.problem {
            return StatusText("\(service.name) is BROKEN: \(problem)", isError: true)
        }
        return StatusText(summary)
    }

    /// Reads the services again and re-validates them all.
    func reload() {
        read()
        board.request(services)
    }

    /// Reads the services and the history, keeping the selected service (or `keeping`) selected, and stamps their files.
    private func read(keeping: String? = nil) {
        let previous = keeping ?? selected?.name
        services = home.services()
        watch.restamp(services)
        list.setCount(services.count)
        if let previous, let index = services.firstIndex(where: { $0.name == previous }) { list.select(index) }
        undoState = home.undoState()
    }

    /// Reads the services again when their files changed on disk (another shell, another console, an editor),
    /// validates again what changed, and says which services did; `keeping` is selected when it is there (the service
    /// open on the screen above). True when something was read.
    @discardableResult
    func noticeChangesOnDisk(keeping: String? = nil) -> Bool {
        guard let changes = watch.changes() else { return false }
        let before = services
        read(keeping: keeping)
        // A change in the history may be a keystore's or the settings': then every service is validated again.
        board.request(changes.history ? services : services.filter { !before.contains($0) || changes.policyChanged.contains($0.name) })
        changedOnDisk = HomeWatch.summary(before: before, after: services, policyChanged: changes.policyChanged)
        if let changedOnDisk { message = HomeWatch.reloaded(changedOnDisk) }
        return true
    }

    /// Called after a change was written: reload on return, and say what happened.
    func changeWasApplied(message text: String) {
        needsReload = true
        message = StatusText(text)
        // The change is the console's own: read now, so that the idle look (which runs under the screen above) does not
        // call it a change on disk, nor another change made meanwhile this one.
        read()
    }

    func didReappear() {
        undoState = home.undoState()
        guard needsReload else {
            noticeChangesOnDisk()
            return
        }
        needsReload = false
        reload()
    }

    func poll() -> Bool {
        let validated = board.takeChanges()
        return watch.isDue() && noticeChangesOnDisk() || validated
    }

    /// A paste goes into the search query while it is typed; elsewhere on this screen it is ignored.
    func paste(_ paste: Paste) -> HandlerResult? { search.isEditing ? handle(.paste(paste)) : nil }

    func handle(_ key: Key) -> HandlerResult {
        if let result = search.handle(key, in: services.map { "\($0.name) \($0.security.label)" }, list: &list) {
            message = nil
            return result
        }
        if list.handle(key) {
            message = nil
            return .redraw
        }
        guard let binding = table.binding(for: key) else { return .ignored }
        let action = binding.action
        if action == .undo || action == .redo { undoState = home.undoState() }
        // Act on the service as it is on disk; if the selected one went, let the operator look first.
        var reloaded: String?
        if action == .open || action == .policy {
            let aimed = selected?.name
            message = nil
            if noticeChangesOnDisk() {
                if selected?.name != aimed { return .redraw }
                reloaded = changedOnDisk
            }
        }
        if let reason = disabledReason(action) {
            let unavailable = binding.unavailable(reason)
            message = reloaded.map { HomeWatch.reloaded($0, unavailable: unavailable) } ?? unavailable
            return .redraw
        }
        message = reloaded.map(HomeWatch.reloaded)
        return perform(action)
    }

    func perform(_ action: Action) -> HandlerResult {
        switch action {
        case .reload:
            reload()
            message = StatusText("Reloaded \(Plural.count(services.count, "service")).")
            return .redraw
        case .open: return open()
        case .policy: return showPolicy()
        case .undo: return confirmUndo()
        case .redo: return confirmRedo()
        case .users: return .push(UserStoreScreen(home: home))
        case .kerberos: return .push(KerberosScreen(home: home))
        case .keystores: return .push(KeystoreFilesScreen(home: home))
        // Written settings change every service's self-test: validated again when the list comes back.
        case .client: return .push(ClientScreen(home: home) { [weak self] text in self?.changeWasApplied(message: text) })
        case .history: return .push(HistoryScreen(home: home, checkInterval: watch.interval) { [weak self] text in self?.changeWasApplied(message: text) })
        }
    }

    private func open() -> HandlerResult {
        guard let service = selected else { return .handled }
        if let problem = service.problem {
            return .push(Dialog.error(title: "\(service.name) cannot be opened",
                                      message: "\(service.path): \(problem)",
                                      fix: "Fix the file (or undo the change that broke it: H shows the changes), then press r to reload."))
        }
        return .push(ServiceScreen(home: home, service: service, report: { [board] in board.report(for: service.name) },
                                   validationMode: board.mode, diskCheckInterval: watch.interval,
                                   onChangedOnDisk: { [weak self] in self?.noticeChangesOnDisk(keeping: service.name) },
                                   onApplied: { [weak self] text in self?.changeWasApplied(message: text) }))
    }

    private func confirmUndo() -> HandlerResult {
        guard let record = undoState.nextUndo else { return .handled }
        let change: Change
        do { change = try home.planUndo(record.id) } catch {
            return .push(Dialog.error(title: "Cannot prepare the undo", message: error.message, fix: error.fix))
        }
        return .push(ChangeConfirmation.undo(record: record, change: change) { [self] in
            revert(change, done: "Undone: \(record.summary)", failed: "The change was not undone")
        })
    }

    private func confirmRedo() -> HandlerResult {
        guard let undo = undoState.nextRedo else { return .handled }
        let original = undoState.origin(of: undo).change
        let change: Change
        do { change = try home.planRedo() } catch {
            return .push(Dialog.error(title: "Cannot prepare the redo", message: error.message, fix: error.fix))
        }
        return .push(ChangeConfirmation.redo(undo: undo, original: original, change: change) { [self] in
            revert(change, done: "Redone: \(original.summary)", failed: "The change was not redone")
        })
    }

    private func revert(_ change: Change, done: String, failed: String) -> HandlerResult {
        do { try home.commit(change) } catch {
            return .push(Dialog.error(title: failed, message: error.message, fix: error.fix))
        }
        reload()
        message = StatusText(done)
        return .redraw
    }

    private func showPolicy() -> HandlerResult {
        guard let service = selected else { return .handled }
        do {
            let text = try home.maskedPolicyText(for: service.name)
            return .push(TextPage(title: "Policy", boxTitle: "Policy of \(service.name): \(service.security.policyKey ?? "")",
                                  text: text))
        } catch {
            message = StatusText(error.message + (error.fix.isEmpty ? "" : (error.message.hasSuffix(".") ? " " : ". ") + home.commandsNamingHome(error.fix)), isError: true)
            return .redraw
        }
    }

    private var summary: String {
        let reports = services.map { board.report(for: $0.name) }
        let secured = services.filter { $0.security.policyKey != nil }.count
        let pending = reports.filter { $0 == nil }.count
        let troubled = reports.compactMap { $0?.state }.filter { $0 == .errors || $0 == .broken }.count
        var parts = [Plural.count(services.count, "service"), "\(secured) secured"]
        if troubled > 0 { parts.append("\(troubled) with errors") }
        let untested = reports.filter { $0?.state == .untested }.count
        if untested > 0 { parts.append("\(untested) untested") }
        if pending > 0 { parts.append("checking \(pending)") }
        return parts.joined(separator: ", ")
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let detailHeight = min(max(6, frame.height * 2 / 5), 12)
        let (tableBox, detailBox) = frame.splitBottom(detailHeight)
        canvas.box(tableBox, title: "Services (\(services.count))")
        let rows = services.map { ServiceRows.row($0, report: board.report(for: $0.name)) }
        Table.render(into: &canvas, frame: tableBox.inset(1),
                     columns: ServiceRows.columns(nameWidth: ServiceRows.nameWidth(for: services)),
                     rows: rows, state: &list)
        canvas.scrollMarkers(box: tableBox, above: list.hasMoreAbove, below: list.hasMoreBelow)
        renderDetail(into: &canvas, box: detailBox)
    }

    private func renderDetail(into canvas: inout Canvas, box: Rect) {
        canvas.box(box, title: selected.map { "\($0.name): \(board.report(for: $0.name)?.state.label ?? ServiceRows.checking)" } ?? "No services")
        let inner = box.inset(dx: 2, dy: 1)
        guard let service = selected else {
            canvas.write("No services found under \(home.root).", x: inner.x, y: inner.y, width: inner.width, style: .dim)
            return
        }
        var text = TextView(lines: ServiceRows.detail(service, report: board.report(for: service.name), home: home, width: inner.width))
        text.render(into: &canvas, frame: inner)
        canvas.scrollMarkers(box: box, above: false, below: text.hasMoreBelow)
    }
}
