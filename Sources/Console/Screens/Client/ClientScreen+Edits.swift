import ConsoleUI
import ServerHome

/// The client screen's edits: each row asks in a prompt (a keystore from the home's, a password by where it is
/// read), and w plans them with `Home.planClientSettings`, as `wssconsole client set` does: a keystore that does not
/// open, an alias that is no key pair, a missing service certificate are refused there, the edits kept.
extension ClientScreen {
    func change(_ field: ClientField) -> HandlerResult {
        if let key = field.passwordKey { return choosePassword(field, key) }
        if field == .keystore, let files = try? home.keystores(), !files.isEmpty {
            return .push(KeystorePicker(files: files, current: field.initialText(saved: saved, edit: edit),
                                        offersNone: saved?.keystore != nil) { [self] path in
                path.map { set(.keystore, $0) } ?? askText(.keystore)
            })
        }
        return askText(field)
    }

    private func askText(_ field: ClientField) -> HandlerResult {
        .push(Prompt.text(title: field.label, label: field.label, hint: field.hint, initial: field.initialText(saved: saved, edit: edit),
                          validate: { field == .keystore && !$0.isEmpty && $0.trimmingBlanks.isEmpty ? "names a file" : nil }) { [self] text in
            set(field, text)
        })
    }

    /// `text` into the edit: an empty alias means "the only one", an empty keystore, user or principal removes it
    /// (when there was one to remove); no keystore takes the edits that only go with one.
    private func set(_ field: ClientField, _ text: String) -> HandlerResult {
        guard let key = field.textKey else { return .handled }
        switch field {
        case .alias, .serviceAlias: edit[keyPath: key] = text.isEmpty ? nil : text
        case .user: edit.user = text.isEmpty && saved?.user == nil ? nil : text
        case .kerberosPrincipal: edit.kerberosPrincipal = text.isEmpty && saved?.kerberosPrincipal == nil ? nil : text
        case .keystore where text.isEmpty:
            edit.keystore = saved?.keystore == nil ? nil : ""
            (edit.alias, edit.storePassword, edit.serviceAlias) = (nil, nil, nil)
        default: edit[keyPath: key] = text
        }
        return .redraw
    }

    /// A password is never typed: the settings name an environment variable or a file, as `client set` writes them.
    private func choosePassword(_ field: ClientField, _ key: WritableKeyPath<ClientSettingsEdit, ClientSettingsEdit.Password?>) -> HandlerResult {
        let environment = Dialog.Button("Environment variable") { [self] in
            .push(Prompt.text(title: field.label, label: "Variable name",
                              hint: "Set it where wssconsole runs: export NAME=... before starting the console.",
                              validate: { $0.isEmpty ? nil : ClientSettingsEdit.Password.problem(environmentName: $0) }) { [self] name in
                guard !name.isEmpty else { return .handled }
                edit[keyPath: key] = .environment(name)
                return .redraw
            })
        }
        let file = Dialog.Button("File") { [self] in
            .push(Prompt.text(title: field.label, label: "File",
                              hint: "Its first line is the password; relative to the home or absolute. Keep it owner-only (0600).") { [self] path in
                guard !path.isEmpty else { return .handled }
                edit[keyPath: key] = .file(path)
                return .redraw
            })
        }
        return .push(Dialog(title: field.label, message: [
            StyledLine("Name where wssconsole reads it when it runs: an"),
            StyledLine("environment variable, or a file (its first line)."),
            StyledLine("The settings never hold the password itself."),
            StyledLine(""),
            StyledLine("Now: \(field.value(saved: saved, edit: edit))", .strong),
        ], buttons: [environment, file, Dialog.Button("Cancel")], defaultButton: 0, cancelButton: 2))
    }

    /// Plans the edits (nothing is written when the keystore does not open and so on: the reason is shown and the
    /// edits stay), confirms with the diff, writes as a recorded change and has the services validated again;
    /// `then` is done once they are written (Back or Quit, when asked on the way out).
    func write(then: HandlerResult = .redraw) -> HandlerResult {
        let change: Change
        do { change = try home.planClientSettings(edit, currentDirectory: home.root) } catch {
            message = StatusText("Not written: \(error.message)", isError: true)
            return .push(Dialog.error(title: "Nothing was written", message: error.message, fix: error.fix))
        }
        var intro = [StyledLine(change.summary), StyledLine("Only the [client] settings change; the services are validated again.", .dim)]
        if edit.keystore == "" {
            intro.insert(StyledLine("The self-test will then sign as the service, with its own key pair.", .warning), at: 1)
        }
        return .push(ChangeConfirmation.dialog(title: "Set the self-test client?", intro: intro, change: change, confirmLabel: "Write",
                                               confirmIsDefault: true) { [self] in
            do throws(HomeError) { try home.commit(change) } catch {
                return .push(Dialog.error(title: "Not written", message: error.message, fix: error.fix))
            }
            onWritten(ChangeConfirmation.written(change))
            load()
            message = StatusText("Written; the services are validated again with this client.")
            return then
        })
    }
}
