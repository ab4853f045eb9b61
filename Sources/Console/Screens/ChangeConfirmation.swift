import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import WSSecurity

/// The one confirmation dialog every change goes through (nmtui's habit): what it does, which files it
/// writes, and the safe button focused whenever existing work would be overwritten.
enum ChangeConfirmation {
    /// Lines listing the change's files: "new       conf/policies/x.xml".
    static func fileLines(_ change: Change) -> [StyledLine] {
        change.edits.map { edit in
            let what = edit.isDeletion ? "deleted" : (edit.isNewFile ? "new" : "modified")
            return StyledLine("  " + TextLayout.pad(what, to: 10) + edit.path, .strong)
        }
    }

    /// The status after `change` was written: "Add user bob: wrote conf/userstore.xml." (a summary is lower case, for
    /// an undo to quote it mid-sentence, so the status capitalises it).
    static func written(_ change: Change) -> String {
        change.summary.prefix(1).uppercased() + change.summary.dropFirst() + ": wrote \(change.edits.map(\.path).joined(separator: ", "))."
    }

    /// Before a scenario is applied. Apply is the default only when the service had no policy, leaves no other
    /// Kerberos service behind (`takeover`) and is not known to fault its callers: `validation`, the panel's report
    /// for the scenario when it is known, with errors of the service's own (said here too).
    static func apply(scenario: Scenario, service: Service, change: Change, validation: ValidationReport? = nil,
                      roles: [StyledLine] = [], notes: [String] = [], takeover: ServerEntryTakeover? = nil,
                      confirm: @escaping () -> HandlerResult) -> Dialog {
        var intro = [StyledLine("Apply scenario \(scenario.number) (\(scenario.name)) to \(service.name).")] + roles
        let replaces = service.security.policyKey != nil
        if replaces {
            intro += [StyledLine(""), StyledLine("This replaces its current security: \(service.security.label).", .warning)]
        }
        intro += takeoverLines(takeover)
        intro += notes.map { StyledLine("Note: " + $0, .warning) }
        var faults = false
        if let validation, validation.state == .errors || validation.state == .untested {
            let errors = validation.findings.filter { $0.severity == .error }
            let ofService = errors.filter { !$0.concernsTheSelfTestClient }
            let count = { (n: Int) in Plural.count(n, "error") }
            faults = !ofService.isEmpty
            // An error only in wssconsole's own client settings stops the self-test, not the service's callers.
            intro += [StyledLine(""), ofService.isEmpty
                ? StyledLine("Validation: the self-test cannot run (\(count(errors.count)) in wssconsole's [client] settings); nothing found "
                             + "wrong with the service itself. First: \(errors[0].message)", .warning)
                : StyledLine("Validation: ERROR, \(count(ofService.count)); the service would fault its callers until fixed. "
                             + "First: \(ofService[0].message)", .warning)]
        }
        return dialog(title: "Apply scenario \(scenario.number)?", intro: intro, change: change, confirmLabel: "Apply",
                      // Overwriting an existing policy, or the Server entry others use, is risky, and so is securing an
                      // open service in a way its callers would fault on: there Enter must not do it.
                      confirmIsDefault: !replaces && takeover == nil && !faults, confirm: confirm)
    }

    /// The other Kerberos services a new principal on jaas.conf's Server entry leaves behind, and what to do after.
    private static func takeoverLines(_ takeover: ServerEntryTakeover?) -> [StyledLine] {
        guard let takeover else { return [] }
        return [StyledLine(""), StyledLine("Warning: " + takeover.message + ".", .warning),
                StyledLine("Then apply scenario 16 with \(takeover.principal) to \(takeover.services.joined(separator: ", ")) too.", .warning)]
    }

    /// Who may call once a UsernameToken scenario is applied with `roles`: the names exactly as the policy will hold
    /// them, or every authenticated user; the proxy's `allowRoles` parameter and names the user store lacks beside.
    static func rolesLines(_ roles: [String], current: ServiceRoles) -> [StyledLine] {
        let parameter = current.proxyParameter.joined(separator: ",")
        var lines = [roles.isEmpty
            ? (parameter.isEmpty ? StyledLine("Allowed roles: none; every authenticated user may call.", .warning)
                : StyledLine("Allowed roles: none in the policy; the proxy's allowRoles parameter still limits callers to \(parameter).", .warning))
            : StyledLine("Allowed roles written to the policy: \(roles.joined(separator: ","))" + (parameter.isEmpty ? "" : "; the proxy's allowRoles adds \(parameter)"),
                         .strong)]
        let unknown = current.unknown(roles)
        if !unknown.isEmpty {
            lines.append(StyledLine("Not in the user store (no user holds them): \(unknown.joined(separator: ", "))", .warning))
        }
        return lines
    }

    /// Before the operator's own policy file is applied; as for a scenario, Apply is the default only on an unsecured
    /// service that leaves no other Kerberos service behind (`takeover`).
    static func apply(customPolicy id: String, warnings: [String], service: Service, change: Change,
                      takeover: ServerEntryTakeover? = nil, confirm: @escaping () -> HandlerResult) -> Dialog {
        var intro = [StyledLine("Apply the custom policy \(id) to \(service.name), its file written unchanged.")]
        intro += warnings.map { StyledLine($0, .warning) }
        let replaces = service.security.policyKey != nil
        if replaces { intro += [StyledLine(""), StyledLine("This replaces its current security: \(service.security.label).", .warning)] }
        intro += takeoverLines(takeover)
        return dialog(title: "Apply the custom policy?", intro: intro, change: change, confirmLabel: "Apply",
                      confirmIsDefault: !replaces && takeover == nil, confirm: confirm)
    }

    /// Before a service's security is removed; it leaves the service open, so Cancel is the default.
    static func removal(service: Service, change: Change, confirm: @escaping () -> HandlerResult) -> Dialog {
        let intro = [StyledLine("Remove the security of \(service.name) (now \(service.security.label))."),
                     StyledLine(""), StyledLine("Callers will no longer need any WS-Security.", .warning)]
        return dialog(title: "Remove security?", intro: intro, change: change, confirmLabel: "Remove",
                      confirmIsDefault: false, confirm: confirm)
    }

    /// Before a change is reverted (`latest`: the newest in effect, as `u` on the service list reverts); an undo
    /// overwrites the present, so Cancel is the default.
    static func undo(record: ChangeRecord, change: Change, latest: Bool = true, confirm: @escaping () -> HandlerResult) -> Dialog {
        let which = latest ? "the last change" : "this change"
        let intro = [StyledLine("Undo \(which): \(record.summary)"),
                     StyledLine("made by \(record.user) on \(DisplayDate.time(record.date)).", .dim)]
        return dialog(title: "Undo \(which)?", intro: intro, change: change, confirmLabel: "Undo",
                      confirmIsDefault: false, confirm: confirm)
    }

    /// Before the last undo is reverted, putting back `original`; Cancel is the default, as for an undo.
    static func redo(undo: ChangeRecord, original: ChangeRecord, change: Change, confirm: @escaping () -> HandlerResult) -> Dialog {
        let intro = [StyledLine("Put back the change last undone: \(original.summary)"),
                     StyledLine("undone by \(undo.user) on \(DisplayDate.time(undo.date)).", .dim)]
        return dialog(title: "Redo the last undone change?", intro: intro, change: change, confirmLabel: "Redo",
                      confirmIsDefault: false, confirm: confirm)
    }

    /// The dialog for any change: `intro`, the files, Diff, and `confirmLabel` / Cancel; `diffFocused` when it
    /// comes back from the diff. The diff is prepared in `mode` (off the input loop in the program).
    static func dialog(title: String, intro: [StyledLine], change: Change, confirmLabel: String,
                       confirmIsDefault: Bool, footer: String = "The previous versions are kept in the home's history.",
                       diffFocused: Bool = false, mode: WorkMode = .background, cancel: @escaping () -> HandlerResult = { .handled },
                       confirm: @escaping () -> HandlerResult) -> Dialog {
        let message = intro + change.notes.map { StyledLine("Note: " + $0, .warning) } + [StyledLine(""), StyledLine("Files written:")] + fileLines(change)
            + [StyledLine(""), StyledLine(footer, .dim)]
        // Diff shows the exact edits and comes back to this same question, Diff still focused: an Enter after
        // Esc (on the diff, or on "Preparing" to cancel it) must not apply.
        let showDiff = {
            HandlerResult.sequence([
                .push(dialog(title: title, intro: intro, change: change, confirmLabel: confirmLabel,
                             confirmIsDefault: confirmIsDefault, footer: footer, diffFocused: true, mode: mode, cancel: cancel, confirm: confirm)),
                .push(diffPage(boxTitle: "Diff: \(change.summary)", mode: mode) { change.diff(maxLines: diffLines) }),
            ])
        }
        return Dialog.confirmation(title: title, message: message, confirmLabel: confirmLabel,
                                   confirmIsDefault: confirmIsDefault, extra: [Dialog.Button("Diff", action: showDiff)],
                                   focusedExtra: diffFocused ? 0 : nil, cancel: cancel, confirm: confirm)
    }

    /// The most lines of a diff a page shows: a role taken from 5,000 users is a diff of 25,000 lines, and a page of
    /// them all took seconds to prepare and told nothing more than its first lines and its size.
    static let diffLines = 500

    /// A page showing a diff, `header` above it, once `diff` is prepared in `mode` ("Preparing the changes…" until then).
    static func diffPage(title: String = "Diff", boxTitle: String, header: String = "", mode: WorkMode,
                         diff: @escaping @Sendable () -> DiffPreview) -> PreparingDialog {
        PreparingDialog(title: title, mode: mode, work: diff) { preview in
            .push(TextPage(title: title, boxTitle: boxTitle, text: header + shown(preview), diff: true))
        }
    }

    /// A diff as a page shows it: whole, or, when it is longer than ``diffLines``, what the change does in all, its
    /// first lines, and how many more there are.
    static func shown(_ preview: DiffPreview) -> String {
        guard preview.more > 0 else { return preview.text }
        return "In all: \(Plural.count(preview.removed, "line")) removed, \(preview.added) added. The first \(preview.lines) lines:\n"
            + preview.text + "… \(Plural.count(preview.more, "more line")) not shown.\n"
    }
}
