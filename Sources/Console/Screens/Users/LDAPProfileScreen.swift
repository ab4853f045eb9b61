import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import UserStores

/// The LDAP settings as WSO2 keys: Enter edits one (or switches it), t tests the edited profile before it is
/// saved, w writes it into `[user_store]` (one line per key, the rest of the file kept) after confirmation.
/// Edits are kept on a copy until written (nmtui's habit).
final class LDAPProfileScreen: View, ActionKeys {
    enum Action: Sendable { case edit, test, write, discard }

    static let keys = KeyMap<Action>([
        KeyBinding([.enter], "Change the selected setting", group: "LDAP settings", action: .edit, bar: "Edit"),
        KeyBinding([.char("t")], "Test the settings as edited, before saving", group: "LDAP settings", action: .test, bar: "Test"),
        KeyBinding([.char("w")], "Write the edited settings (asks first)", group: "LDAP settings", action: .write, bar: "Write",
                   dangerous: true),
        KeyBinding([.char("x")], "Forget the edits", group: "LDAP settings", action: .discard),
    ])

    let home: Home
    private let mode: WorkMode
    private let onWritten: (String) -> Void
    private var saved: LDAPSettings?
    private var type = "embedded"
    private var edit = UserStoreProfileEdit() { didSet { lastTest = nil } }
    /// The test of the settings as they are edited now, if one was run: writing what just failed it is asked twice.
    private var lastTest: ConnectionTestScreen?
    private var edited: Set<LDAPProfileField> = []
    private var list = ListState(count: LDAPProfileField.allCases.count)
    var message: StatusText?

    init(home: Home, mode: WorkMode, onWritten: @escaping (String) -> Void) {
        self.home = home
        self.mode = mode
        self.onWritten = onWritten
        load()
    }

    private func load() {
        let settings = try? home.settings()
        saved = settings?.ldap
        type = settings?.userStoreType ?? "embedded"
        edit = UserStoreProfileEdit()
        edited = []
    }

    var title: String { "LDAP settings" }

    var keyHelp: [KeyHelp] { actionHelp + ListState.keyHelp() }

    func disabledReason(_ action: Action) -> String? {
        switch action {
        case .write where edited.isEmpty, .discard where edited.isEmpty: "nothing was edited"
        case .test where saved == nil && edit.url == nil: "set connection_url first"
        default: nil
        }
    }

    var status: StatusText? {
        if let message { return message }
        let file = home.layout == .microIntegrator ? "conf/deployment.toml (start_tls, ca_certificate: wssconsole/console.toml)" : "conf/console.toml"
        return StatusText(edited.isEmpty ? "[user_store] of \(file)" : "\(Plural.count(edited.count, "setting")) edited, not saved: t tests, w writes.")
    }

    private var selected: LDAPProfileField { LDAPProfileField.allCases[list.selected] }

    func handle(_ key: Key) -> HandlerResult {
        if let result = performBinding(for: key) { return result }
        guard list.handle(key) else { return .ignored }
        message = nil
        return .redraw
    }

    func perform(_ action: Action) -> HandlerResult {
        switch action {
        case .edit: return change(selected)
        case .test:
            let test = ConnectionTestScreen(home: home, edit: edited.isEmpty ? nil : effectiveEdit, mode: mode)
            lastTest = test
            return .push(test)
        case .write: return write(then: .redraw)
        case .discard:
            load()
            return .redraw
        }
    }

    /// The edit as written: a URL on a home that uses the embedded store switches it to read_only_ldap.
    private var effectiveEdit: UserStoreProfileEdit {
        var result = edit
        if result.type == nil, result.url != nil, !type.hasSuffix("_ldap") { result.type = "read_only_ldap" }
        return result
    }

    private func change(_ field: LDAPProfileField) -> HandlerResult {
        switch field {
        case .type:
            let next = (edit.type ?? type).hasSuffix("_ldap") && home.layout == .native ? "embedded" : "read_only_ldap"
            edit.type = next
        case .startTLS: edit.startTLS = !(edit.applied(to: saved?.profile).startTLS)
        case .readGroups: edit.readGroups = !(edit.applied(to: saved?.profile).readGroups)
        case .password: return choosePassword()
        default:
            let current = field.value(saved: saved, type: type, edit: edit)
            // A value refused keeps the prompt open, with what was typed and the whole reason beside it.
            return .push(Prompt.text(title: field.key, label: field.key, hint: field.hint,
                                     initial: current.hasPrefix("(") ? "" : current,
                                     validate: { [edit] text in
                                         var probe = edit
                                         return field.apply(text, to: &probe)
                                     }) { [self] text in
                if field.apply(text, to: &edit) == nil { edited.insert(field) }
                return .redraw
            })
        }
        edited.insert(field)
        return .redraw
    }

    /// WSO2 keeps the bind password in the file; an environment variable keeps it out of the file.
    private func choosePassword() -> HandlerResult {
        let environment = Dialog.Button("Environment variable") { [self] in
            .push(Prompt.text(title: "connection_password", label: "Variable name (saved as $env{NAME})",
                              hint: "Micro Integrator resolves $env{NAME} at start-up; export it for wssconsole too.") { [self] name in
                guard !name.isEmpty else { return .handled }
                edit.password = .environment(name)
                edited.insert(.password)
                return .redraw
            })
        }
        let typed = Dialog.Button("Type it") { [self] in
            .push(Prompt.secret(title: "connection_password", label: "Bind password (saved in clear, as WSO2 does)",
                                hint: "Stored in clear in \(passwordFile), which wssconsole then writes owner-only (0600).") { [self] secret in
                guard !secret.isEmpty else { return .handled }
                edit.password = .inline(secret)
                edited.insert(.password)
                return .redraw
            })
        }
        return .push(Dialog(title: "Bind password", message: [
            StyledLine("WSO2 keeps connection_password in clear in the configuration file (\(passwordFile)); wssconsole then makes that file owner-only (0600)."),
            StyledLine("An environment variable keeps it out of the file."),
        ], buttons: [environment, typed, Dialog.Button("Cancel")], defaultButton: 0, cancelButton: 2))
    }

    /// The file that holds `connection_password`.
    private var passwordFile: String { home.userStoreSettingsFile }

    /// Unsaved edits are not dropped by Esc or Q: they ask first, Keep editing the default (`x` forgets them on purpose).
    func confirmLeave(_ leave: HandlerResult) -> HandlerResult? {
        guard !edited.isEmpty else { return nil }
        return .push(Dialog.unsavedEdits(title: "Unsaved LDAP settings",
                                         edited: "\(Plural.count(edited.count, "setting")) edited, not saved: \(LDAPProfileField.allCases.filter(edited.contains).map(\.key).joined(separator: ", ")).",
                                         write: { [self] in write(then: leave) }, leave: leave))
    }

    /// Asks, then writes the edits; `then` is done once they are written, or when the file already says so.
    private func write(then: HandlerResult) -> HandlerResult {
        let change: Change
        do { change = try home.planUserStoreProfile(effectiveEdit) } catch {
            return .push(Dialog.error(title: "Nothing was written", message: error.message, fix: error.fix))
        }
        guard !change.edits.isEmpty else {
            message = StatusText("The file already says so: nothing to write.")
            return then
        }
        let failed = lastTest?.failure
        let intro = [StyledLine(change.summary)] + home.userStoreProfileNotes(change).map { StyledLine($0, .warning) }
            + (failed.map { [StyledLine("The test of these settings FAILED: \($0). Micro Integrator will fail the same way.", .warning)] } ?? [])
            + [StyledLine("Only the [user_store] lines change.", .dim)]
        return .push(ChangeConfirmation.dialog(title: "Write the LDAP settings?", intro: intro, change: change, confirmLabel: "Write",
                                               confirmIsDefault: failed == nil) { [self] in
            do throws(HomeError) { try home.commit(change) } catch {
                return .push(Dialog.error(title: "Not written", message: error.message, fix: error.fix))
            }
            onWritten(ChangeConfirmation.written(change))
            load()
            message = StatusText("Written.")
            return then
        })
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        canvas.box(frame, title: "LDAP user store settings ([user_store])")
        // A URL on a home that uses the embedded store switches its type too: the row says so before the write.
        let shown = edited.isEmpty ? edit : effectiveEdit
        let rows = LDAPProfileField.allCases.map { field in
            let isEdited = edited.contains(field) || (field == .type && shown.type != nil && shown.type != type)
            return TableRow([isEdited ? "*" : "", field.key, field.value(saved: saved, type: type, edit: shown)],
                     styles: [.warning, .strong, .normal])
        }
        Table.render(into: &canvas, frame: frame.inset(1),
                     columns: [TableColumn("", .fixed(1)), TableColumn("Key", .fixed(24)), TableColumn("Value", .flexible(minimum: 10), truncation: .middle)],
                     rows: rows, state: &list)
        canvas.scrollMarkers(box: frame, above: list.hasMoreAbove, below: list.hasMoreBelow)
    }
}
