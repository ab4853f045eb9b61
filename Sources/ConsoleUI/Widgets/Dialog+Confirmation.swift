extension Dialog {
    /// A yes/no question before something that changes or loses work: [confirm, Cancel, extra...]. Cancel is
    /// focused unless `confirmIsDefault`, so a stray Enter never deletes or overwrites; Esc and q cancel.
    /// `focusedExtra` (an index into `extra`) focuses that button instead: the dialog reopened after what it showed.
    /// `cancel` runs on Cancel, Esc and q (to say what was dropped).
    public static func confirmation(title: String, message: [StyledLine], confirmLabel: String,
                                    confirmIsDefault: Bool = false, extra: [Button] = [], focusedExtra: Int? = nil,
                                    cancel: @escaping () -> HandlerResult = { .handled },
                                    confirm: @escaping () -> HandlerResult) -> Dialog {
        // Cancel right after the action, the extras last: Tab from either default reaches a safe button (from
        // Cancel the first extra), so the same keys never act on one dialog and look on another.
        let buttons = [Button(confirmLabel, action: confirm), Button("Cancel", action: cancel)] + extra
        let focused = focusedExtra.flatMap { extra.indices.contains($0) ? 2 + $0 : nil } ?? (confirmIsDefault ? 0 : 1)
        return Dialog(title: title, message: message, buttons: buttons, defaultButton: focused, cancelButton: 1)
    }
}

extension Dialog {
    /// The question `View.confirmLeave` asks over unsaved edits: Write (then `leave`), Discard (`leave` at once) or
    /// Keep editing, the default and the answer to Esc, so nothing typed is dropped by a stray key.
    public static func unsavedEdits(title: String, edited: String, write: @escaping () -> HandlerResult,
                                    leave: HandlerResult) -> Dialog {
        Dialog(title: title, message: [StyledLine(edited)], buttons: [
            Button("Write", action: write),
            Button("Discard") { leave },
            Button("Keep editing"),
        ], defaultButton: 2, cancelButton: 2)
    }
}
