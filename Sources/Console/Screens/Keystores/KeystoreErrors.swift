import ConsoleUI
import KeyMaterial
import ServerHome

/// Errors of the keystore screens as dialogs that say what to do; a wrong password is told apart from a damaged file.
enum KeystoreErrors {
    static func dialog(_ title: String, _ error: any Error) -> Dialog {
        switch error {
        case let error as HomeError where error.code == .keystoreWrongPassword:
            return Dialog.error(title: "Wrong password", message: "\(error.message).", fix: "Try again. If the password is right, the file was altered since it was written: restore it from a backup.")
        case let error as HomeError where error.code == .keystoreUnreadable:
            return Dialog.error(title: "Damaged or not a keystore", message: error.message, fix: error.fix)
        case let error as HomeError:
            return Dialog.error(title: title, message: error.message, fix: error.fix)
        case let error as KeyMaterialError where error.code == .wrongPassword:
            return Dialog.error(title: "Wrong password", message: "The password is incorrect: \(error.reason).")
        case let error as KeyMaterialError:
            return Dialog.error(title: title, message: error.reason)
        case let error as KeystoreSession.ChangedSinceOpened:
            return Dialog.error(title: title, message: "\(error.file) changed since it was opened here (another console, keytool?).",
                                fix: "Press r to read it again, then repeat the operation.")
        default:
            return Dialog.error(title: title, message: "\(error)")
        }
    }

    /// A form's OK refused: the reason beside `field`, the form kept with everything typed (a password too, never
    /// shown); a fix's commands name `home`, as a dialog's do.
    static func refusal(_ field: String, _ error: any Error, home: Home) -> HandlerResult {
        let message = switch error {
        case let error as HomeError where error.code == .keystoreWrongPassword: "incorrect (Ctrl-U clears it)"
        case let error as KeyMaterialError where error.code == .wrongPassword: "incorrect (Ctrl-U clears it)"
        case let error as HomeError: error.fix.isEmpty ? error.message : "\(error.message). \(home.commandsNamingHome(error.fix))"
        case let error as KeyMaterialError: error.reason
        default: "\(error)"
        }
        return .refuse(field: field, message: message)
    }
}
