import Foundation
import ConsoleUI
import KerberosConfig
import ServerHome
import KeyMaterial

/// The Kerberos screen's edits: each asks in prompts, plans a change through the home and shows it before writing.
extension KerberosScreen {
    func askDefaultRealm() -> HandlerResult {
        .push(Prompt.text(title: "Default realm", label: "krb5.conf's default realm:", hint: "Usually upper case: EXAMPLE.COM",
                             initial: (try? home.krb5File().document.defaultRealm) ?? "") { [self] realm in
            plan("Set the default realm", refusingIn: Prompt.field) {
                try home.planKrb5Edit("krb5.conf: default_realm = \(realm)") { (d: inout Krb5Document) throws(KerberosConfigError) in
                    try d.setDefaultRealm(realm)
                }
            }
        })
    }

    func askRealm() -> HandlerResult {
        let current = (try? home.krb5File().document.defaultRealm) ?? ""
        return .push(Prompt.text(title: "Realm", label: "Realm to add or change:", initial: current) { [self] realm in
            let existing = try? home.krb5File().document.realm(realm)
            return .push(Prompt.text(title: "Realm \(realm)", label: "KDCs of \(realm) (host or host:port, comma-separated):",
                                        hint: "Its other settings stay as they are.",
                                        initial: existing?.kdcs.joined(separator: ", ") ?? "") { [self] list in
                let kdcs = list.split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
                return .push(Prompt.text(title: "Realm \(realm)", label: "Admin server (empty for none):",
                                            initial: existing?.adminServers.first ?? "") { [self] admin in
                    plan("Set realm \(realm)") {
                        try home.planKrb5Edit("krb5.conf: realm \(realm) with kdc \(kdcs.joined(separator: ", "))") {
                            (d: inout Krb5Document) throws(KerberosConfigError) in
                            try d.setRealm(realm, kdcs: kdcs, adminServer: admin.isEmpty ? nil : admin)
                        }
                    }
                })
            })
        })
    }

    func askService() -> HandlerResult {
        let server = home.jaasModule("Server")
        return .push(Prompt.text(title: "Service entry", label: "Service principal:", hint: "HTTP/host@REALM",
                                    initial: server?["principal"] ?? "") { [self] principal in
            .push(Prompt.text(title: "Service entry", label: "Keytab of \(principal) (as the server sees the path):",
                                 hint: home.commandsNamingHome("Empty: log in with a password (wssconsole apply --scenario 16 --password stores it)."),
                                 initial: server?["keyTab"] ?? "") { [self] keytab in
                plan("Set the service entry") { try home.planJaasService(principal: principal, keytab: keytab.isEmpty ? nil : keytab) }
            })
        })
    }

    func askMapping() -> HandlerResult {
        .push(Prompt.text(title: "Domain mapping", label: "Host, or domain with a leading dot:", hint: ".example.com maps every host in it") { [self] domain in
            .push(Prompt.text(title: "Domain mapping", label: "Realm of \(domain):", initial: (try? home.krb5File().document.defaultRealm) ?? "") { [self] realm in
                plan("Map \(domain)") {
                    try home.planKrb5Edit("krb5.conf: \(domain) -> \(realm)") { (d: inout Krb5Document) throws(KerberosConfigError) in
                        try d.setDomainRealm(domain, realm: realm)
                    }
                }
            })
        })
    }

    func askSetting() -> HandlerResult {
        .push(Prompt.text(title: "[libdefaults]", label: "Setting:", hint: "default_tkt_enctypes, permitted_enctypes, dns_lookup_kdc, ticket_lifetime, ...") { [self] name in
            let current = (try? home.krb5File().document.value(name, in: "libdefaults")) ?? nil
            return .push(Prompt.text(title: "[libdefaults] \(name)", label: "Value of \(name):", hint: "Checked before it is written",
                                        initial: current ?? "") { [self] value in
                plan("Set \(name)", refusingIn: Prompt.field) {
                    try home.planKrb5Edit("krb5.conf: \(name) = \(value)") { (d: inout Krb5Document) throws(KerberosConfigError) in
                        try d.set(name, to: value, in: "libdefaults")
                        let line = d.relation(name, in: "libdefaults")?.line
                        // A value libkrb5 or Java would misread is refused here; the editor (e) can still force it.
                        if let error = Krb5Lint.findings(in: d).first(where: { $0.line == line && $0.severity == .error }) {
                            throw .invalidValue(error.message + (error.fix.isEmpty ? "" : " (\(home.commandsNamingHome(error.fix)))"))
                        }
                    }
                }
            })
        })
    }

    func askClient() -> HandlerResult {
        let client = (try? home.jaasFile().document.entry("Client")?.module()) ?? nil
        return .push(Prompt.text(title: "Client entry", label: "Client principal (empty: the calling program names it):",
                                    initial: client?["principal"] ?? "") { [self] principal in
            .push(Prompt.text(title: "Client entry", label: "Client keytab (empty: the calling program gives a password):",
                                 initial: client?["keyTab"] ?? "") { [self] keytab in
                plan("Set the client entry") {
                    try home.planJaasClient(principal: principal.isEmpty ? nil : principal, keytab: keytab.isEmpty ? nil : keytab)
                }
            })
        })
    }

    /// Plans with `body`, then asks for confirmation. A refusal shows beside `field` of the prompt that asked the value
    /// it concerns, the prompt kept; without one (a realm refused at its last prompt), in an error dialog.
    private func plan(_ title: String, refusingIn field: String? = nil, _ body: () throws -> Change) -> HandlerResult {
        do { return confirm(try body(), title: title + "?") } catch {
            guard let field else { return failure(error, title: "\(title): refused") }
            return .refuse(field: field, message: reason(error))
        }
    }

    /// The focused file in the operator's editor; its new text is checked, then written as a change on confirmation.
    /// `draft` is the text to start from instead of the file's: what was typed before "Edit again".
    func edit(_ file: KerberosFile, draft: [UInt8]? = nil) -> HandlerResult {
        do {
            let (path, before) = try home.kerberosFileBytes(file)
            let name = (path as NSString).lastPathComponent
            // An edit saved in the editor of a console that was killed (a dropped SSH session) is taken up again.
            let resumed = draft == nil ? ExternalEditor.leftover(named: name, current: before ?? []) : nil
            if resumed != nil { say(StatusText("Resumed the edit of \(path) that an interrupted session left.")) }
            let after = try ExternalEditor.withWorkingCopy(named: name, bytes: draft ?? resumed ?? before ?? []) { copy in
                try NCursesTerminal.whileSuspended { try ExternalEditor.open(copy) }
                return FileBytes.read(copy) ?? []
            }
            // The console cannot repaint by itself after another program used the terminal: say how.
            guard after != (before ?? []) else { return edited(StatusText("\(path): no change.")) }
            let problems = home.checkKerberosText(file, bytes: after).filter { $0.severity != .info }
            let change = try home.planKerberosFileReplacement(file, with: after, before: before)
            // Cancel or Discard drops what was typed in the editor: the status line says so.
            let discard = { [self] () -> HandlerResult in
                say(StatusText("Discarded the edits to \(path); it is unchanged."))
                return .redraw
            }
            guard problems.hasErrors else { return confirm(change, title: "Save \(path)?", cancel: discard) }
            let lines = [StyledLine("The edited \(path) has errors:", .error)] + KerberosSummary.findingLines(problems, home: home)

            return .push(Dialog(title: "Save \(path) with errors?", message: lines, buttons: [
                Dialog.Button("Edit again") { [self] in edit(file, draft: after) },
                Dialog.Button("Save anyway") { [self] in confirm(change, title: "Save \(path)?", cancel: discard) },
                Dialog.Button("Discard", action: discard),
            ], defaultButton: 0, cancelButton: 2, isError: true))
        } catch let failure as ExternalEditor.Failure {
            return .push(Dialog.error(title: "The editor did not run", message: failure.message, fix: "Set EDITOR, or use wssconsole krb5 edit from a shell."))
        } catch {
            return failure(error, title: "Cannot edit the file")
        }
    }

    private func edited(_ text: StatusText) -> HandlerResult {
        reload()
        say(text)
        return .redraw
    }
}
