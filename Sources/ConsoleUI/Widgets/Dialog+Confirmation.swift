extension Dialog {
    /// A yes/no question before something that changes or loses work: [confirm, extra..., Cancel]. Cancel is
    /// focused unless `confirmIsDefault`, so a stray Enter never deletes or overwrites; Esc and q cancel.
    /// `focusedExtra` (an index into `extra`) focuses that button instead: the dialog reopened after what it showed.
    public static func confirmation(title: String, message: [StyledLine], confirmLabel: String,
                                    confirmIsDefault: Bool = false, extra: [Button] = [], focusedExtra: Int? = nil,
                                    confirm: @escaping () -> HandlerResult) -> Dialog {
        let buttons = [Button(confirmLabel, action: confirm)] + extra + [Button("Cancel")]
        let focused = focusedExtra.flatMap { extra.indices.contains($0) ? 1 + $0 : nil } ?? (confirmIsDefault ? 0 : buttons.count - 1)
        return Dialog(title: title, message: message, buttons: buttons, defaultButton: focused, cancelButton: buttons.count - 1)
    }
}
