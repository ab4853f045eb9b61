import ConsoleUI
import ServerHome

/// The confirmation before a Kerberos file is written: what changes, which file, the diff on request; Cancel is the
/// default, since a wrong realm or principal stops every Kerberos request.
enum KerberosConfirmation {
    static func dialog(title: String, change: Change, note: String? = nil, confirm: @escaping () -> HandlerResult) -> Dialog {
        let message = [StyledLine(change.summary)] + (note.map { [StyledLine($0, .dim)] } ?? []) + [StyledLine(""), StyledLine("Files written:")]
            + change.edits.map { StyledLine("  " + TextLayout.pad($0.isNewFile ? "new" : "modified", to: 10) + $0.path, .strong) }
            + [StyledLine(""), StyledLine("The previous version is kept in the home's history; u on the service list undoes it.", .dim)]
        let showDiff = {
            HandlerResult.sequence([
                .push(dialog(title: title, change: change, note: note, confirm: confirm)),
                .push(TextPage(title: "Diff", boxTitle: "Diff: \(change.summary)", text: change.diff)),
            ])
        }
        return Dialog(title: title, message: message,
                      buttons: [Dialog.Button("Write", action: confirm), Dialog.Button("Diff", action: showDiff), Dialog.Button("Cancel")],
                      defaultButton: 2, cancelButton: 2)
    }
}
