import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome

/// What every keystore operation shares: the confirmation and write of a planned change, and the rules its form
/// fields are checked by.
extension KeystoreScreen {
    // MARK: - Steps shared by the operations

    /// Plans the store's rewrite with `edit`, asks in the change dialog (Cancel first for deletions and passwords),
    /// writes on confirmation and shows the result; `warning` follows the intro, marked.
    /// `leavesSecret`: the change takes a secret out of the file (an old password, a private key deleted), which its
    /// earlier version, kept for undo, still holds; the operator is told how to remove that too.
    /// `summary` names the change in the history when the title does not say enough (which file).
    func confirm(title: String, summary: String? = nil, intro: String, warning: String? = nil, confirmLabel: String, select alias: String?,
                 newPassword: Secret? = nil, leavesSecret: Bool = false, edit: @escaping (inout Keystore) throws -> Void) -> HandlerResult {
        let plan: KeystoreSession.Plan
        do { plan = try session.plan(summary ?? Self.summary(of: title), newPassword: newPassword, edit) } catch {
            return .push(KeystoreErrors.dialog("Nothing was changed", error))
        }
        let kept = leavesSecret ? [StyledLine("Its earlier version, with that secret, stays in the home's history for undo until it is forgotten.", .warning)] : []
        let warned = warning.map { [StyledLine($0, .warning)] } ?? []
        return .push(ChangeConfirmation.dialog(title: title, intro: [StyledLine(intro)] + warned + kept, change: plan.change,
                                               confirmLabel: confirmLabel, confirmIsDefault: false) { [self] in
            let record: ChangeRecord
            do { record = try session.commit(plan) } catch { return refused(error) }
            rebuildRows(select: alias)
            // Narrow, the command to copy stays whole, on rows of its own; the words before it give way.
            let done = "\(Self.question(title)): wrote \(session.file)."
            guard leavesSecret else { message = StatusText(done); return .redraw }
            message = StatusText(done + " Remove the earlier version with:",
                                 keeping: home.commandsNamingHome("wssconsole history --forget \(record.id)"))
            return .redraw
        })
    }

    /// The history's summary of the change a dialog titled `title` ("Delete svc?") asks for: "delete svc", lower case as
    /// every other change's (the CLI's, an applied scenario's), since an undo quotes it mid-sentence.
    static func summary(of title: String) -> String {
        let done = question(title)
        return done.prefix(1).lowercased() + done.dropFirst()
    }

    private static func question(_ title: String) -> String { title.hasSuffix("?") ? String(title.dropLast()) : title }

    /// A write the home refused (the file changed meanwhile, a read-only folder): the list behind the dialog shows
    /// the file as it is now, not as it was first read.
    private func refused(_ error: any Error) -> HandlerResult {
        do {
            try session.reload()
            rebuildRows()
            message = StatusText("Not written; read \(session.file) again: \(Plural.count(rows.count, "entry", "entries")).", isError: true)
        } catch {
            message = StatusText("Not written, and \(session.file) could not be read again (r retries).", isError: true)
        }
        return .push(KeystoreErrors.dialog("Not written", error))
    }

    /// Writing another file (an export, a CSR, a converted copy): the same dialog; overwriting is never the default.
    /// Called from a form with the file in its field "path", which keeps the form open when the home refuses the file.
    func confirmFile(title: String, intro: String, path: String, then next: HandlerResult,
                     plan: (String) throws -> Change) -> HandlerResult {
        let exists = home.fileExists(path)
        let change: Change
        do { change = try plan(Self.summary(of: title)) } catch {
            return KeystoreErrors.refusal("path", error, home: home)
        }
        let intro = [StyledLine(intro)] + (exists ? [StyledLine("\(path) exists and will be replaced.", .warning)] : [])
        return .push(ChangeConfirmation.dialog(title: title, intro: intro, change: change, confirmLabel: exists ? "Replace" : "Write",
                                               confirmIsDefault: !exists) { [self] in
            do { try home.commit(change) } catch { return .push(KeystoreErrors.dialog("Not written", error)) }
            message = StatusText("Wrote \(path).")
            return next
        })
    }

    // MARK: - Field rules

    func aliasRule(except current: String? = nil) -> (String) -> String? {
        { [self] text in
            KeyPairFields.aliasProblem(text) { $0.lowercased() != current?.lowercased() && session.store.entry(alias: $0) != nil }
        }
    }

    func fileProblem(_ text: String) -> String? {
        let path = text.trimmingBlanks
        if path.isEmpty { return "required" }
        return home.fileExists(path) ? nil : "no such file"
    }

    /// Files written from the console stay inside the home, where the history keeps their previous version.
    static func pathProblem(_ text: String) -> String? {
        let path = text.trimmingBlanks
        if path.isEmpty { return "required" }
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") { return "a path inside the home (relative, no ..)" }
        return nil
    }
}
