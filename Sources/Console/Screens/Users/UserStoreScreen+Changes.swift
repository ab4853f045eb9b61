import ConsoleUI
import KeyMaterial
import ServerHome
import UserStores

/// The embedded store's edits: each asks what it needs in prompts, plans a `Change` through the home off the input
/// loop, shows the files in one confirmation dialog, and writes through `Home.commit`.
extension UserStoreScreen {
    func addUser() -> HandlerResult {
        .push(Prompt.text(title: "Add a user", label: "User name (case-sensitive)", hint: "3 to 30 characters, no blanks, as WSO2's user stores require.",
                          validate: { [self] in nameProblem($0, of: .user) }) { [self] name in
            guard !name.isEmpty else { return .handled }
            return askNewPassword(for: name, title: "Add \(name)") { password in
                self.askRoles(for: name, current: []) { roles in
                    self.askDigest(for: name, current: false, allowKeep: false) { digest in
                        self.confirm(title: "Add user \(name)?", intro: "Add \(name)" + (roles.isEmpty ? "" : " with \(roles.joined(separator: ", "))") + ".",
                                     confirmLabel: "Add", safeDefault: false) { [home = self.home] in
                            try home.planAddUser(name, password: password, roles: roles, allowDigest: digest ?? false)
                        }
                    }
                }
            }
        })
    }

    func deleteUser() -> HandlerResult {
        guard let name = selectedName else { return .handled }
        return confirm(title: "Delete user \(name)?", intro: "Delete \(name) and its password (u on the service list undoes it).",
                       confirmLabel: "Delete", safeDefault: true) { [home] in try home.planRemoveUser(name) }
    }

    func setPassword() -> HandlerResult {
        guard let name = selectedName else { return .handled }
        let current = listing?.users.first { $0.name == name }?.digest ?? false
        return askNewPassword(for: name, title: "New password for \(name)") { password in
            self.askDigest(for: name, current: current, allowKeep: true) { digest in
                self.confirm(title: "Set the password of \(name)?", intro: "Replace the password of \(name) (fresh salt).",
                             confirmLabel: "Set", safeDefault: false) { [home = self.home] in
                    try home.planSetPassword(of: name, to: password, allowDigest: digest)
                }
            }
        }
    }

    func chooseRoles() -> HandlerResult {
        guard let name = selectedName, let listing else { return .handled }
        let current = listing.users.first { $0.name == name }?.roles ?? []
        return .push(RolePicker(user: name, roles: listing.roles.map(\.name), selected: current) { [self] chosen in
            let added = chosen.filter { !current.contains($0) }
            let removed = current.filter { !chosen.contains($0) }
            guard !added.isEmpty || !removed.isEmpty else { return .handled }
            return confirm(title: "Change the roles of \(name)?",
                           intro: ([added.isEmpty ? nil : "Give: " + added.joined(separator: ", "),
                                    removed.isEmpty ? nil : "Take away: " + removed.joined(separator: ", ")].compactMap { $0 }).joined(separator: ". "),
                           confirmLabel: "Change", safeDefault: false) { [home] in
                try home.planUserEdit("roles of \(name): " + (chosen.isEmpty ? "none" : chosen.joined(separator: ", "))) {
                    (store: inout EmbeddedUserStore) throws(UserStoresError) in
                    for role in added { try store.assign(role: role, to: name) }
                    for role in removed { try store.unassign(role: role, from: name) }
                }
            }
        })
    }

    func addRole() -> HandlerResult {
        .push(Prompt.text(title: "Add a role", label: "Role name (case-sensitive)",
                          hint: "Micro Integrator compares role names exactly: Admin is not admin. 3 to 30 characters, no blanks or commas.",
                          validate: { [self] in nameProblem($0, of: .role) }) { [self] name in
            guard !name.isEmpty else { return .handled }
            return confirm(title: "Add role \(name)?", intro: "Define the role \(name).", confirmLabel: "Add", safeDefault: false) { [home] in
                try home.planAddRole(name)
            }
        })
    }

    /// A role a service still allows is deleted only on "Delete anyway" (the CLI's --force), Cancel first. The
    /// services are looked for with the plan, off the input loop: each service's policy is read.
    func deleteRole() -> HandlerResult {
        guard let name = selectedName else { return .handled }
        let members = listing?.roles.first { $0.name == name }?.members ?? []
        let title = "Delete role \(name)?"
        let home = self.home
        return .push(PreparingDialog(title: title, mode: mode, work: {
            (home.servicesAllowing(role: name).map(\.name), Result { try home.planRemoveRole(name, force: true) })
        }) { [self] services, plan in
            var intro = "Delete the role \(name)" + (members.isEmpty ? "." : " and take it from \(NameSummary.text(members)).")
            if !services.isEmpty {
                intro += " \(services.joined(separator: ", ")) still allow\(services.count == 1 ? "s" : "") it: its callers holding only \(name) "
                    + "are then refused. Apply the scenario with other roles first (Enter on the service), or delete it anyway."
            }
            return confirmation(title: title, intro: intro, confirmLabel: services.isEmpty ? "Delete" : "Delete anyway", safeDefault: true, plan: plan)
        })
    }

    // MARK: - Steps shared by the flows

    /// The password twice in one form, checked as typed by the planner's rule (`Home.newPasswordProblem`): a
    /// mismatch or a password WSO2 would refuse shows beside its field, both kept; the flow goes on only when both match.
    func askNewPassword(for name: String, title: String, then next: @escaping (Secret) -> HandlerResult) -> HandlerResult {
        let rule = "\(Home.storePasswordLength.lowerBound) to \(Home.storePasswordLength.upperBound) characters, no blanks. Typing is not shown."
        return .push(Form(title: title, fields: [.secret("password", "Password", hint: rule),
                                                 .secret("again", "The same password again", sameAs: "password")],
                          check: { values in
                              guard !values.secretIsEmpty("password") else { return nil }
                              return values.withSecret("password") { Home.newPasswordProblem(Secret(bytes: $0)) }.map { ("password", $0) }
                          }) { values in
            next(values.withSecret("password") { Secret(bytes: $0) })
        })
    }

    /// Why `text` cannot name a new user or role: WSO2's rule, or one the store holds already. Empty: nothing to add.
    func nameProblem(_ text: String, of kind: Home.StoreName) -> String? {
        let name = text.trimmingBlanks
        guard !name.isEmpty else { return nil }
        if let problem = Home.newNameProblem(name, of: kind) { return problem }
        let taken = kind == .user ? listing?.users.contains { $0.name == name } : listing?.roles.contains { $0.name == name }
        return taken == true ? "\(kind.rawValue) \(name) exists already" : nil
    }

    func askRoles(for name: String, current: [String], then next: @escaping ([String]) -> HandlerResult) -> HandlerResult {
        let known = listing?.roles.map(\.name) ?? []
        guard !known.isEmpty else { return next([]) }
        return .push(RolePicker(user: name, roles: known, selected: current, then: next))
    }

    /// The PasswordDigest choice, made explicit; the safe answer (text only) is the default.
    func askDigest(for name: String, current: Bool, allowKeep: Bool, then next: @escaping (Bool?) -> HandlerResult) -> HandlerResult {
        var message = [
            StyledLine("A PasswordDigest token carries SHA-1(nonce + time + password): checking one needs the clear password, which a hash cannot give back."),
            StyledLine("Allowing it for \(name) keeps that clear password in a separate owner-only (0600) secrets file beside the store."),
            StyledLine(""),
            StyledLine("Prefer PasswordText over HTTPS (7, 8, 14 and 15 sign the UsernameToken but do not encrypt it).", .dim),
        ]
        if allowKeep { message += [StyledLine(""), StyledLine("Now: \(current ? "digest allowed" : "text only").", .strong)] }
        var buttons = [Dialog.Button("Text only") { next(false) }, Dialog.Button("Allow digest") { next(true) }]
        if allowKeep { buttons.insert(Dialog.Button("Keep") { next(nil) }, at: 0) }
        return .push(Dialog(title: "PasswordDigest for \(name)?", message: message, buttons: buttons, defaultButton: 0))
    }

    /// Plans with `plan` off the input loop ("Preparing the changes…": reading and writing a 5,000-user store again,
    /// with a new password's key derivation, took half a second on the keys), then asks with ``confirmation``.
    func confirm(title: String, intro: String, confirmLabel: String, safeDefault: Bool,
                 plan: @escaping @Sendable () throws -> Change) -> HandlerResult {
        .push(PreparingDialog(title: title, mode: mode, work: { Result { try plan() } }) { [self] planned in
            confirmation(title: title, intro: intro, confirmLabel: confirmLabel, safeDefault: safeDefault, plan: planned)
        })
    }

    /// The planned change's files in the confirmation dialog, written on confirmation; a plan that failed, or changes
    /// nothing, is said instead.
    func confirmation(title: String, intro: String, confirmLabel: String, safeDefault: Bool,
                      plan: Result<Change, any Error>) -> HandlerResult {
        let change: Change
        do { change = try plan.get() } catch { return .push(Self.errorDialog("Nothing was changed", error)) }
        guard !change.edits.isEmpty else {
            message = StatusText("Nothing to change: \(change.summary).")
            return .redraw
        }
        return .push(ChangeConfirmation.dialog(title: title, intro: [StyledLine(intro)], change: change, confirmLabel: confirmLabel,
                                               confirmIsDefault: !safeDefault, mode: mode) { [self] in write(change) })
    }

    private func write(_ change: Change) -> HandlerResult {
        do {
            try home.commit(change)
        } catch {
            return .push(Self.errorDialog("Not written", error))
        }
        changed(ChangeConfirmation.written(change))
        return .redraw
    }

    static func errorDialog(_ title: String, _ error: any Error) -> Dialog {
        if let error = error as? HomeError { return Dialog.error(title: title, message: error.message, fix: error.fix) }
        if let error = error as? UserStoresError { return Dialog.error(title: title, message: error.reason) }
        return Dialog.error(title: title, message: "\(error)")
    }
}
