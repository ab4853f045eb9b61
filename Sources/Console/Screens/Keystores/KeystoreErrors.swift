import ConsoleUI
import KeyMaterial
import ServerHome

/// Errors of the keystore screens as dialogs that say what to do; a wrong password is told apart from a damaged file.
enum KeystoreErrors {
    static func dialog(_ title: String, _ error: any Error) -> Dialog {
        if let error = error as? HomeError { return Dialog.error(title: title, message: error.message, fix: error.fix) }
        guard let error = error as? KeyMaterialError else { return Dialog.error(title: title, message: "\(error)") }
        switch error.code {
        case .wrongPassword:
            return Dialog.error(title: "Wrong password", message: "The password is incorrect: \(error.reason).",
                                fix: "Try again; the file itself looks sound.")
        case .corrupt:
            return Dialog.error(title: "Damaged or not a keystore", message: "\(title): the file is damaged: \(error.reason).",
                                fix: "Restore it from a backup or from the home's history (.wssconsole/history).")
        case .unsupported:
            return Dialog.error(title: title, message: "Not supported: \(error.reason).")
        default:
            return Dialog.error(title: title, message: error.reason)
        }
    }
}
