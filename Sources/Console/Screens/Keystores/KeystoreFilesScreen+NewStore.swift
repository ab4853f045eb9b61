import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome

/// n on the keystore list: a keystore that does not exist yet, holding a first key pair, as `keystore genkey
/// --keystore FILE` creates one. One form asks for the file, the store password twice and the key pair (the fields
/// of `a` on a keystore); each field is checked as it is typed by the rules the home plans with
/// (`Home.checkNewKeystore`, `Home.newKeystorePasswordProblem`), so a refusal shows beside its field and keeps
/// everything typed. The home plans the file (`Home.planNewKeystore`, as the CLI does), the one confirmation shows
/// it, and the new store opens.
extension KeystoreFilesScreen {
    func newKeystore() -> HandlerResult {
        .push(Form(title: "New keystore",
                   intro: [StyledLine("A JKS or PKCS #12 file in the home, holding a new key pair with a self-signed certificate.", .dim)],
                   fields: [.text("path", "Keystore file", hint: "Relative to the home, e.g. wssconsole/client.jks: .jks for JKS, .p12 or .pfx for PKCS #12",
                                  validate: { [home] in Self.pathProblem($0, in: home) }),
                            .secret("password", "Store password", hint: "\(Home.newKeystorePasswordMinimum) characters or more. Typing is not shown."),
                            .secret("again", "Password again", sameAs: "password")]
                       + KeyPairFields.fields(alias: { KeyPairFields.aliasProblem($0) }),
                   okLabel: "Create",
                   check: { values in Self.passwordProblem(values).map { ("password", $0) } }) { [self] values in
            let password = values.withSecret("password") { Secret(bytes: $0) }
            return confirmNewKeystore(values.trimmed("path"), password: password, pair: KeyPairFields(values))
        })
    }

    /// Why no keystore can be created at `text`: the home's rules, with what to do.
    static func pathProblem(_ text: String, in home: Home) -> String? {
        let path = text.trimmingBlanks
        if path.isEmpty { return "required" }
        do { _ = try home.checkNewKeystore(at: path) } catch {
            return error.fix.isEmpty ? error.message : error.message + ". " + error.fix
        }
        return nil
    }

    /// Why the typed password cannot protect the new store (its format from the file's name, when it says one).
    static func passwordProblem(_ values: FormValues) -> String? {
        guard !values.secretIsEmpty("password") else { return nil }
        let format = Home.newKeystoreFormat(values.trimmed("path"))
        return values.withSecret("password") { Home.newKeystorePasswordProblem(Secret(bytes: $0), format: format) }
    }

    private func confirmNewKeystore(_ path: String, password: Secret, pair: KeyPairFields) -> HandlerResult {
        // The path is the home's, whatever folder the console was started in.
        let named = path.hasPrefix("/") ? path : home.root + "/" + path
        let keystore: HomeKeystore
        let change: Change
        do {
            keystore = try home.keystore(named: named)
            change = try home.planNewKeystore(keystore, password: password, summary: "generate \(pair.algorithm) key pair \(pair.alias)") {
                try pair.generate(in: &$0)
            }
        } catch {
            return .push(KeystoreErrors.dialog("Nothing was created", error))
        }
        let intro = [StyledLine("Create \(keystore.path) holding \(pair.description)."),
                     StyledLine("Its store password is the one typed here: neither shown nor kept in any setting.", .dim)]
        return .push(ChangeConfirmation.dialog(title: "Create \((keystore.path as NSString).lastPathComponent)?", intro: intro, change: change, confirmLabel: "Create",
                                               confirmIsDefault: true,
                                               footer: "Undo deletes the file again (u on the service list).") { [self] in
            do throws(HomeError) { try home.commit(change) } catch {
                return .push(KeystoreErrors.dialog("Not written", error))
            }
            reload()
            if let index = files.firstIndex(where: { $0.path == keystore.path }) { list.select(index) }
            let created = files.first { $0.path == keystore.path } ?? (try? home.keystore(named: named)) ?? keystore
            return open(created, password: password, note: StatusText("Created \(keystore.path) holding the key pair \(pair.alias)."))
        })
    }
}
