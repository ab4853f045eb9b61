import ConsoleUI
import ServerHome
import UserStores

/// The users and roles of the home's store (the embedded file or an LDAP directory), with the store's
/// operations: add, delete, passwords, roles (embedded), the staged LDAP test, and checking one user.
/// Reading an LDAP directory runs off the input loop; the screen says "reading" until it is done. A directory listing
/// cut short (more than `UserStoreListing.limit` names, or the server's own limit) is searched in the directory:
/// `/` and Enter show the server's matches in its place, Esc the listing again.
final class UserStoreScreen: View, ActionKeys {
    enum Action: Sendable { case toggle, details, add, delete, password, roles, test, check, settings, reload }

    static let keys = KeyMap<Action>([
        KeyBinding([.tab], "Switch between the users and the roles", group: "Users", action: .toggle, bar: "Roles"),
        KeyBinding([.enter], "Show the selected entry (LDAP: look the user up)", group: "Users", action: .details),
        KeyBinding([.char("a")], "Add a user or a role (embedded store)", group: "Users", action: .add, bar: "Add", dangerous: true),
        KeyBinding([.char("d"), .delete], "Delete the selected user or role (asks first)", group: "Users", action: .delete,
                   dangerous: true),
        KeyBinding([.char("p")], "Set the selected user's password and PasswordDigest choice", group: "Users",
                   action: .password, dangerous: true),
        KeyBinding([.char("e")], "Choose the selected user's roles", group: "Users", action: .roles, dangerous: true),
        KeyBinding([.char("c")], "Check a user end to end: password, roles, services", group: "Users", action: .check, bar: "Check"),
        KeyBinding([.char("t")], "Test the LDAP connection step by step", group: "Users", action: .test, bar: "Test"),
        KeyBinding([.char("s")], "LDAP settings: view, edit, test before saving", group: "Users", action: .settings, bar: "LDAP"),
        KeyBinding([.char("r"), .function(5)], "Read the store again", group: "Users", action: .reload),
    ])

    let home: Home
    let mode: WorkMode
    private let loader = BackgroundJob<Never, UserStoreListing>()
    private let detailJob = BackgroundJob<Never, (String, Result<UserStoreListing.User, UserStoresError>)>()
    let directoryJob = BackgroundJob<Never, Result<Listing, UserStoresError>>()
    var listing: UserStoreListing? { didSet { buildRows() } }
    /// The listing as read while `listing` shows a directory search's answer in its place.
    var wholeListing: UserStoreListing?
    /// What the directory was searched for, and in which list: while its answer is shown, or (`searching`) awaited.
    var directoryQuery: (text: String, roles: Bool)?
    var searching = false
    var showingRoles = false { didSet { buildRows() } }
    /// The names of the list shown (users or roles) and its table rows, built when the listing or the tab changes:
    /// built for every key and frame, 5,000 users cost most of each key's time.
    private(set) var rows: [String] = []
    private var tableRows: [TableRow] = []
    var list = ListState()
    var search = ListSearch()
    var message: StatusText?

    init(home: Home, mode: WorkMode = .background) {
        self.home = home
        self.mode = mode
        reload()
    }

    var title: String { "Users" }

    var keyHelp: [KeyHelp] {
        if search.isEditing {
            guard searchesDirectory else { return ListSearch.typingKeyHelp }
            return ListSearch.typingKeyHelp.map { $0.keys == [.enter] ? Self.directorySearchHelp : $0 }
        }
        // Tab's label names the list it goes to.
        let help = actionHelp.map { entry in
            var entry = entry
            if entry.keys == [.tab] { entry.barLabel = showingRoles ? "Users" : "Roles" }
            return entry
        }
        return help + ListState.keyHelp() + ListSearch.keyHelp() + (directoryQuery == nil ? [] : [Self.wholeListingHelp])
    }

    /// Enter while a query is typed in a listing cut short.
    static let directorySearchHelp = KeyHelp(keys: [.enter], description: "After / in an LDAP listing cut short: search the directory for the query",
                                             group: "Search", barLabel: "Search")
    /// Esc after a directory search.
    static let wholeListingHelp = KeyHelp(keys: [.escape], description: "Back to the listing after a directory search",
                                          group: "Users", barLabel: "Listing")

    var takesText: Bool { search.isEditing }

    /// Reads the store again, off the input loop.
    func reload() {
        let home = self.home
        loader.start(mode) { _ in UserStoreListing.load(home) }
        if case .inline = mode { _ = poll() }
    }

    func poll() -> Bool {
        var changed = false
        if loader.takeChanges(), let value = loader.snapshot.value {
            wholeListing = nil
            directoryQuery = nil
            listing = value
            list.setCount(rows.count)
            // "Unavailable while reading" no longer holds; a note about a written change still does.
            if message?.isError == true { message = nil }
            changed = true
        }
        if detailJob.takeChanges(), let (name, result) = detailJob.snapshot.value {
            switch result {
            case .success(let user):
                if let index = listing?.users.firstIndex(where: { $0.name == name }) { listing?.users[index] = user }
                message = StatusText("\(name): \(user.dn ?? "")")
            case .failure(let error):
                message = StatusText("\(name): \(error.reason)", isError: true)
            }
            changed = true
        }
        if directoryJob.takeChanges(), searching, let result = directoryJob.snapshot.value {
            searching = false
            showFound(result)
            changed = true
        }
        return changed
    }

    private func buildRows() {
        guard let listing else {
            rows = []
            tableRows = []
            return
        }
        rows = showingRoles ? listing.roles.map(\.name) : listing.users.map(\.name)
        tableRows = showingRoles
            ? listing.roles.map { TableRow([$0.name, $0.members.map { $0.isEmpty ? "(none)" : NameSummary.text($0) } ?? ""]) }
            : listing.users.map { TableRow([$0.name, $0.digest == true ? "digest" : "", $0.roles?.joined(separator: ", ") ?? ""],
                                           styles: [.normal, .warning, .normal]) }
    }

    var selectedName: String? { rows.indices.contains(list.selected) ? rows[list.selected] : nil }

    func disabledReason(_ action: Action) -> String? {
        guard let listing else { return [.reload, .settings].contains(action) ? nil : "the store is still being read" }
        let manage: Set<Action> = [.add, .delete, .password, .roles]
        if manage.contains(action), !listing.isEmbedded { return "users live in the LDAP directory: manage them with its tools" }
        if manage.contains(action), listing.problem != nil { return "the store cannot be read" }
        if [.password, .roles].contains(action), showingRoles { return "select a user (Tab shows the users)" }
        if [.delete, .password, .roles].contains(action), selectedName == nil { return "nothing is selected" }
        if action == .test, (try? home.settings().ldap) == nil { return "no LDAP connection is configured (s sets one up)" }
        if action == .details, listing.isEmbedded || showingRoles || selectedName == nil { return "the details are shown below" }
        return nil
    }

    var status: StatusText? {
        if search.isEditing, let typing = search.status {
            guard searchesDirectory else { return typing }
            // Not found among the names read is no miss yet: the directory holds more.
            return StatusText(typing.text + "   Enter searches the directory", isError: false, cursor: typing.cursor)
        }
        if searching, let query = directoryQuery { return StatusText("Searching the directory for \"\(query.text)\"...") }
        if let shown = search.status ?? message { return shown }
        guard let listing else { return StatusText("Reading the \(home.userStoreDescription()) store...") }
        if let problem = listing.problem { return StatusText(problem.message, isError: true) }
        if let query = directoryQuery, query.roles == showingRoles {
            let more = query.roles ? listing.moreRoles : listing.moreUsers
            let noun = query.roles ? "role" : "user"
            let found = more ? "\(rows.count)+ \(noun)s" : Plural.count(rows.count, noun)
            return StatusText("Directory search: \(found) containing \"\(query.text)\"\(more ? "; narrow the search" : ""). Esc: the listing.")
        }
        let users = listing.moreUsers ? "\(listing.users.count)+ users" : Plural.count(listing.users.count, "user")
        let roles = listing.moreRoles ? "\(listing.roles.count)+ roles" : Plural.count(listing.roles.count, "role")
        let hint = searchesDirectory ? "; / searches the directory" : ""
        return StatusText("\(listing.store): \(users), \(roles)\(hint).\(home.readOnly ? " Read-only." : "")")
    }

    /// A paste goes into the search query while it is typed; elsewhere on this screen it is ignored.
    func paste(_ paste: Paste) -> HandlerResult? { search.isEditing ? handle(.paste(paste)) : nil }

    func handle(_ key: Key) -> HandlerResult {
        if search.isEditing, key == .enter, searchesDirectory {
            _ = search.handle(key, in: rows, list: &list)    // ends the typing, keeps the query for n and N
            return searchDirectory(for: search.query)
        }
        if key == .escape, !search.isEditing, directoryQuery != nil { return showWholeListing() }
        if let result = search.handle(key, in: rows, list: &list) { return result }
        if let result = performBinding(for: key) { return result }
        guard list.handle(key) else { return .ignored }
        message = nil
        return .redraw
    }

    func perform(_ action: Action) -> HandlerResult {
        switch action {
        case .toggle:
            if searching { showWholeListing() }
            showingRoles.toggle()
            list = ListState(count: rows.count)
            return .redraw
        case .details: return lookUp()
        case .add: return showingRoles ? addRole() : addUser()
        case .delete: return showingRoles ? deleteRole() : deleteUser()
        case .password: return setPassword()
        case .roles: return chooseRoles()
        case .check: return checkUser()
        case .test: return .push(ConnectionTestScreen(home: home, edit: nil, mode: mode))
        case .settings: return .push(LDAPProfileScreen(home: home, mode: mode) { [weak self] text in self?.changed(text) })
        case .reload:
            wholeListing = nil
            directoryQuery = nil
            searching = false
            listing = nil
            reload()
            return .redraw
        }
    }

    private func lookUp() -> HandlerResult {
        guard let name = selectedName else { return .handled }
        let home = self.home
        detailJob.start(mode) { _ in (name, UserStoreListing.details(of: name, home: home)) }
        message = StatusText("Looking \(name) up in the directory...")
        return .redraw
    }

    /// After a change was written: say so and read the store again.
    func changed(_ text: String) {
        message = StatusText(text)
        reload()
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let notes = summaryNotes(width: frame.width - 4, lines: max(1, frame.height - 13), ellipsis: canvas.glyphs.ellipsis)
        let (summaryBox, rest) = frame.splitTop(3 + notes.count)
        canvas.box(summaryBox, title: "User store")
        let inner = summaryBox.inset(dx: 2, dy: 1)
        canvas.write(listing?.store ?? home.userStoreDescription(), x: inner.x, y: inner.y, width: inner.width, style: .strong)
        for (index, note) in notes.enumerated() {
            canvas.write(note.text, x: inner.x, y: inner.y + 1 + index, width: inner.width, style: note.style)
        }
        let (listBox, detailBox) = rest.splitBottom(min(7, max(4, rest.height / 3)))
        renderList(into: &canvas, box: listBox)
        renderDetail(into: &canvas, box: detailBox)
    }

    /// Under the store's name: what the screen can do with it, or what ended the listing and how to lift that.
    private func summaryNotes(width: Int, lines room: Int, ellipsis: Character) -> [StyledLine] {
        guard let listing else { return [StyledLine("Reading...", .dim)] }
        if listing.isEmbedded { return [StyledLine(UserStoreListing.digestNote, .dim)] }
        guard let limit = listing.serverLimit else { return [StyledLine("Read-only here: users and groups are managed in the directory.", .dim)] }
        // `room` leaves the list its header and three names above the detail (two at 60x16, where four lines of
        // note left it none); the fix comes last and is what the operator needs, so no fixed count cuts it (four
        // lines lost size.prtotal=unlimited below 80 columns). A note cut short says so.
        let text = limit.reason.prefix(1).uppercased() + limit.reason.dropFirst() + ". Fix: " + limit.fix
        var lines = TextLayout.wrap(text, width: width)
        if lines.count > room {
            lines = Array(lines.prefix(room))
            lines[room - 1] = TextLayout.truncate(lines[room - 1] + " " + String(ellipsis), to: width, ellipsis: ellipsis)
        }
        return lines.map { StyledLine($0, .warning) }
    }

    private func renderList(into canvas: inout Canvas, box: Rect) {
        let noun = showingRoles ? "Roles" : "Users"
        let query = directoryQuery.flatMap { !searching && $0.roles == showingRoles ? " containing \"\($0.text)\"" : nil } ?? ""
        let more = listing.map { showingRoles ? $0.moreRoles : $0.moreUsers } == true ? "+" : ""
        canvas.box(box, title: "\(noun)\(query) (\(rows.count)\(more))  Tab: \(showingRoles ? "users" : "roles")")
        guard let listing else {
            canvas.write("Reading...", x: box.x + 2, y: box.y + 1, style: .dim)
            return
        }
        if let problem = listing.problem {
            var text = TextView(lines: [StyledLine(problem.message, .error)] + (problem.fix.isEmpty ? [] : [StyledLine("Fix: " + home.commandsNamingHome(problem.fix))]))
            text.render(into: &canvas, frame: box.inset(dx: 2, dy: 1))
            return
        }
        let columns = showingRoles
            ? [TableColumn("Role", .fixed(20)), TableColumn(listing.isEmbedded ? "Members" : "", .flexible(minimum: 10))]
            : [TableColumn("User", .fixed(20)), TableColumn("", .fixed(6)), TableColumn(listing.isEmbedded ? "Roles" : "", .flexible(minimum: 10))]
        Table.render(into: &canvas, frame: box.inset(1), columns: columns, rows: tableRows, state: &list)
        canvas.scrollMarkers(box: box, above: list.hasMoreAbove, below: list.hasMoreBelow)
    }

    private func renderDetail(into canvas: inout Canvas, box: Rect) {
        canvas.box(box, title: selectedName ?? "Nothing selected")
        let inner = box.inset(dx: 2, dy: 1)
        var text = TextView(lines: detailLines(width: inner.width))
        text.render(into: &canvas, frame: inner)
    }

    private func detailLines(width: Int) -> [StyledLine] {
        guard let listing, selectedName != nil else { return [] }
        if showingRoles {
            let role = listing.roles[list.selected]
            let members = role.members.map { $0.isEmpty ? "no members" : Plural.count($0.count, "member") + ": " + NameSummary.text($0) } ?? "members: see the directory"
            return [StyledLine(members), StyledLine("Role names are compared case-sensitively by Micro Integrator.", .dim)]
        }
        let user = listing.users[list.selected]
        var lines: [StyledLine] = []
        if let dn = user.dn { lines.append(StyledLine("dn: \(dn)")) }
        if let roles = user.roles {
            lines.append(StyledLine("roles: " + (roles.isEmpty ? "none" : roles.joined(separator: ", "))))
        } else {
            lines.append(StyledLine("Enter looks the user up: DN and roles.", .dim))
        }
        if let digest = user.digest {
            lines.append(digest
                ? StyledLine("PasswordDigest allowed: the clear password is kept in the digest secrets file.", .warning)
                : StyledLine("PasswordText only (the store keeps a salted PBKDF2 hash, no clear password).", .dim))
        }
        return lines.flatMap { line in TextLayout.wrap(line.text, width: width).map { StyledLine($0, line.style) } }
    }
}
