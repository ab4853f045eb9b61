import ConsoleUI
import ServerHome

/// The confirmation before a Kerberos file is written: the one change dialog with Cancel as the default, since a
/// wrong realm or principal stops every Kerberos request.
enum KerberosConfirmation {
    static func dialog(title: String, change: Change, note: String? = nil, cancel: @escaping () -> HandlerResult = { .handled },
                       confirm: @escaping () -> HandlerResult) -> Dialog {
        ChangeConfirmation.dialog(title: title, intro: [StyledLine(change.summary)] + (note.map { [StyledLine($0, .dim)] } ?? []),
                                  change: change, confirmLabel: "Write", confirmIsDefault: false,
                                  footer: "The previous version is kept in the home's history; u on the service list undoes it.",
                                  cancel: cancel, confirm: confirm)
    }
}
