extension Dialog {
    /// A yes/no question before something that changes or loses work: [confirm, extra..., Cancel]. Cancel is
    /// focused unless `confirmIsDefault`, so a stray Enter never deletes or overwrites; Esc and q cancel.
    public static func confirmation(title: String, message: [StyledLine], confirmLabel: String,
                                    confirmIsDefault: Bool = false, extra: [Button] = [],
                                    confirm: @escaping () -> HandlerResult) -> Dialog {
        let buttons = [Button(confirmLabel, action: confirm)] + extra + [Button("Cancel")]
        return Dialog(title: title, message: message, buttons: buttons,
                      defaultButton: confirmIsDefault ? 0 : buttons.count - 1, cancelButton: buttons.count - 1)
    }
}
