import ConsoleUI
import KeyMaterial
import ServerHome

/// The home's keystores (Home.keystores(): every file the settings name, a missing one too, then the other files of
/// the keystore folders); Enter asks for the store password without echo and opens the entries. A wrong password and
/// a damaged file are told apart; n makes a new keystore (KeystoreFilesScreen+NewStore).
final class KeystoreFilesScreen: View, ActionKeys {
    enum Action: Sendable { case open, create, reload }

    static let keys = KeyMap<Action>([
        KeyBinding([.enter], "Open the keystore (asks for its password)", group: "Keystores", action: .open, bar: "Open"),
        KeyBinding([.char("n")], "New keystore: a JKS or PKCS#12 file with a first key pair", group: "Keystores", action: .create,
                   bar: "New", dangerous: true),
        KeyBinding([.char("r"), .function(5)], "Look for keystores again", group: "Keystores", action: .reload),
    ])

    let home: Home
    private(set) var files: [HomeKeystore] = []
    /// Why the settings could not be read, when they could not.
    private var problem: String?
    var list = ListState()
    var message: StatusText?

    init(home: Home) {
        self.home = home
        reload()
    }

    var title: String { "Keystores" }

    var keyHelp: [KeyHelp] { actionHelp + ListState.keyHelp() }

    var status: StatusText? {
        message ?? problem.map { StatusText($0, isError: true) } ?? StatusText(files.isEmpty ? "No keystores found." + (home.readOnly ? "" : " n makes one.") : "\(Plural.count(files.count, "keystore")). Enter opens one (asks for its password).")
    }

    /// Reads the list again, the selected file kept selected.
    func reload() {
        let selected = files.indices.contains(list.selected) ? files[list.selected].path : nil
        do {
            files = try home.keystores()
            problem = nil
        } catch {
            files = []
            problem = error.message
        }
        list.setCount(files.count)
        if let index = files.firstIndex(where: { $0.path == selected }) { list.select(index) }
    }

    /// Back from a keystore: a file it wrote (a converted copy, an export into a keystore folder) is listed.
    func didReappear() { reload() }

    func handle(_ key: Key) -> HandlerResult {
        if list.handle(key) {
            message = nil
            return .redraw
        }
        return performBinding(for: key) ?? .ignored
    }

    func disabledReason(_ action: Action) -> String? {
        action == .open && files.isEmpty ? "no keystore is listed" : nil
    }

    func perform(_ action: Action) -> HandlerResult {
        switch action {
        case .open: return askPassword()
        case .create: return newKeystore()
        case .reload:
            reload()
            message = StatusText("Found \(Plural.count(files.count, "keystore")).")
            return .redraw
        }
    }

    private func askPassword() -> HandlerResult {
        guard files.indices.contains(list.selected) else { return .handled }
        return askPassword(for: files[list.selected])
    }

    private func askPassword(for file: HomeKeystore) -> HandlerResult {
        // A file that cannot be read fails before the prompt; a PEM file without encrypted keys opens without one.
        do {
            if try !home.passwordNeeded(for: file) { return open(file, password: Secret("")) }
        } catch {
            message = StatusText("\(file.path) could not be read.", isError: true)
            return .push(KeystoreErrors.dialog(file.path, error))
        }
        // When the settings hold the password (WSO2 keeps it in deployment.toml), Enter alone uses it: it is never shown.
        // One they name that cannot be had here (an unset variable, a secure-vault alias) is not an empty password.
        let hint = switch home.settingsPassword(of: file) {
        case .success?: "Typing is not shown. Empty: the password the settings give for it."
        case .failure?: "Typing is not shown. The settings' password cannot be used here."
        case nil: "Typing is not shown."
        }
        return .push(Prompt.secret(title: "Open \(file.path)", label: "Store password", hint: hint) { [self] password in
            guard password.isEmpty, let configured = home.settingsPassword(of: file) else { return open(file, password: password) }
            switch configured {
            case .success(let secret): return open(file, password: secret)
            case .failure(let error): return unusableSettingsPassword(file, error)
            }
        })
    }

    /// The settings name a password for `file` that cannot be had here: why, and that typing it opens the file.
    private func unusableSettingsPassword(_ file: HomeKeystore, _ error: HomeError) -> HandlerResult {
        message = StatusText("The settings' password for \(file.path) cannot be used here.", isError: true)
        let dialog = Dialog(title: "No usable password in the settings",
                            message: [StyledLine("\(error.message)."), StyledLine(""),
                                      StyledLine("Type the store password instead: press Enter to be asked again, Esc to go back.")],
                            buttons: [Dialog.Button("Type it") { [self] in askPassword(for: file) }, Dialog.Button("Back")],
                            defaultButton: 0, cancelButton: 1, isError: true)
        dialog.fix = error.fix
        return .push(dialog)
    }

    /// Opens `file` with `password`, or says whether the password or the file is wrong; `note` on its status line.
    func open(_ file: HomeKeystore, password: Secret, note: StatusText? = nil) -> HandlerResult {
        do {
            let session = try KeystoreSession(home: home, keystore: file, password: password)
            message = nil
            let screen = KeystoreScreen(home: home, session: session)
            screen.message = note
            return .push(screen)
        } catch let error as HomeError where error.code == .keystoreWrongPassword {
            message = StatusText("Wrong password for \(file.path).", isError: true)
            // Enter asks again for the same file; Esc goes back to the list.
            return .push(Dialog(title: "Wrong password",
                                message: [StyledLine("\(file.path) did not open:"),
                                          StyledLine("the store password is incorrect, or the file was"),
                                          StyledLine("altered since it was written (its structure reads,"),
                                          StyledLine("its integrity check fails)."), StyledLine(""),
                                          StyledLine("Press Enter to try again, Esc to go back.")],
                                buttons: [Dialog.Button("Try again") { [self] in askPassword(for: file) }, Dialog.Button("Back")],
                                defaultButton: 0, cancelButton: 1, isError: true))
        } catch {
            message = StatusText("\(file.path) could not be read.", isError: true)
            return .push(KeystoreErrors.dialog(file.path, error))
        }
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        canvas.box(frame, title: "Keystores of the home (\(files.count))")
        let columns = [TableColumn("File", .flexible(minimum: 20), truncation: .middle), TableColumn("Format", .fixed(8)),
                       TableColumn("Used as", .flexible(minimum: 12))]
        let rows = files.map { file in
            TableRow([file.path, file.exists ? Self.formatName(file.format) : "missing", Self.use(of: file)])
        }
        Table.render(into: &canvas, frame: frame.inset(1), columns: columns, rows: rows, state: &list)
        canvas.scrollMarkers(box: frame, above: list.hasMoreAbove, below: list.hasMoreBelow)
    }

    /// What the home uses the file for, in words.
    static func use(of file: HomeKeystore) -> String {
        switch file.role {
        case .keystore: "service keystore" + (file.alias.map { " (key \($0))" } ?? "")
        case .truststore: "truststore"
        case .client: "self-test client" + (file.alias.map { " (key \($0))" } ?? "")
        case .configured: "[keystore.\(file.name)]"
        case .found: "-"
        }
    }

    static func formatName(_ format: KeystoreFormat) -> String {
        switch format {
        case .jks: "JKS"
        case .pkcs12: "PKCS#12"
        case .pem: "PEM"
        case .unknown: "?"
        }
    }
}
