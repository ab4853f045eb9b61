import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome

/// The keystore operations: each asks in one form (a copy, handed back on OK), plans the new file through the
/// session, shows it in the one confirmation dialog and writes through `Home.commit`.
extension KeystoreScreen {
    func generateKeyPair() -> HandlerResult {
        .push(Form(title: "New key pair in \(session.name)",
                   intro: [StyledLine("A key pair with a self-signed certificate (SHA-256). Send a CSR (c) to have a CA sign it.", .dim)],
                   fields: KeyPairFields.fields(alias: aliasRule()), okLabel: "Generate") { [self] values in
            let pair = KeyPairFields(values)
            return confirm(title: "Add key pair \(pair.alias)?", intro: "Generate \(pair.description).", confirmLabel: "Add",
                           select: pair.alias) { try pair.generate(in: &$0) }
        })
    }

    func signingRequest() -> HandlerResult {
        guard let entry = selected else { return .handled }
        // A JKS key with its own password is opened for this session first; nothing is written.
        if entry.isLocked {
            return .push(Prompt.secret(title: "Key password of \(entry.alias)", label: "Key password",
                                       hint: "This key has a password of its own, apart from the store's.") { [self] password in
                do { try session.unlock(alias: entry.alias, password: password) } catch {
                    return KeystoreErrors.refusal(Prompt.field, error, home: home)
                }
                return signingRequest()
            })
        }
        let csr: String
        do { csr = try session.store.certificateSigningRequest(alias: entry.alias) } catch {
            return .push(KeystoreErrors.dialog("No request for \(entry.alias)", error))
        }
        let page = TextPage(title: "CSR", boxTitle: "Certificate signing request for \(entry.alias)", text: csr)
        guard !home.readOnly else { return .push(page) }
        return .push(Form(title: "CSR for \(entry.alias)",
                          intro: [StyledLine("Send the request to your CA; import its reply with I.", .dim)],
                          fields: [.text("path", "Also write to", hint: "A file in the home (empty: only show it)",
                                         validate: { $0.isEmpty ? nil : Self.pathProblem($0) })], okLabel: "Show") { [self] values in
            let path = values.trimmed("path")
            guard !path.isEmpty else { return .push(page) }
            return confirmFile(title: "Write the CSR?", intro: "The request for \(entry.alias), as PEM.", path: path,
                               then: .push(page)) { [self] in home.planFileWrite($0, path: path, bytes: Array(csr.utf8)) }
        })
    }

    func importTrusted() -> HandlerResult {
        .push(Form(title: "Import a trusted certificate into \(session.name)",
                   fields: [.text("path", "Certificate file", hint: "PEM, DER or PKCS #7 (.p7b), relative to the home or absolute",
                                  validate: { [self] in fileProblem($0) }),
                            .text("alias", "Alias", validate: aliasRule())],
                   okLabel: "Import") { [self] values in
            let alias = values.trimmed("alias"), path = values.trimmed("path")
            let certificate: Certificate
            do {
                certificate = try Certificate.single(from: Data(home.fileBytes(path)))
            } catch { return KeystoreErrors.refusal("path", error, home: home) }
            let intro = "Trust \(certificate.subject) as \(alias) (SHA-256 \(certificate.sha256Fingerprint.prefix(23))...)."
            let holders = session.store.entries.filter { $0.chain.contains(certificate) }
            if let trusted = holders.first(where: { $0.kind == .trustedCertificate }) {
                return .refuse(field: "path", message: "already trusted as \(trusted.alias): nothing to import (m renames that entry)")
            }
            guard let pair = holders.first else {
                return confirm(title: "Import \(alias)?", intro: intro,
                               confirmLabel: "Import", select: alias) { _ = try $0.importTrustedCertificate(certificate, alias: alias) }
            }
            // A key pair's chain (a CA reply's CA, say) trusts nothing: what the CLI's --allow-duplicate is for.
            let place = pair.certificate == certificate ? "the certificate of key pair \(pair.alias)" : "in the chain of key pair \(pair.alias)"
            return confirm(title: "Import \(alias) anyway?", intro: intro,
                           warning: "It is \(place), not a trusted entry. Import it as a trusted entry anyway to trust it.",
                           confirmLabel: "Import anyway", select: alias) {
                _ = try $0.importTrustedCertificate(certificate, alias: alias, allowDuplicate: true)
            }
        })
    }

    func importReply() -> HandlerResult {
        guard let entry = selected else { return .handled }
        return .push(Form(title: "CA reply for \(entry.alias)",
                          intro: [StyledLine("The reply's certificate must carry this key; its chain is checked link by link.", .dim)],
                          fields: [.text("path", "Reply file", hint: "PEM (one or more certificates), DER or PKCS #7 (.p7b)",
                                         validate: { [self] in fileProblem($0) })], okLabel: "Import") { [self] values in
            let path = values.trimmed("path")
            let reply: [Certificate]
            do { reply = try Certificate.all(from: Data(home.fileBytes(path))) } catch {
                return KeystoreErrors.refusal("path", error, home: home)
            }
            // Checked on the copy now, so a reply for another key is refused beside the file, before any dialog.
            var check = session.store
            let result: Keystore.CAReplyImport
            do { result = try check.importCAReply(alias: entry.alias, reply: reply) } catch {
                return KeystoreErrors.refusal("path", error, home: home)
            }
            let chain = result.chain.map(\.subject).joined(separator: " <- ")
            return confirm(title: "Install the CA reply?", intro: "Replace the chain of \(entry.alias): \(chain)."
                           + (result.rootTrusted ? "" : " Its root is not among the store's trusted certificates."),
                           confirmLabel: "Install", select: entry.alias) { _ = try $0.importCAReply(alias: entry.alias, reply: reply) }
        })
    }

    func export() -> HandlerResult {
        guard let entry = selected, let certificate = entry.certificate else { return .handled }
        let kinds = ["Certificate (PEM)", "Certificate (DER)", "Public key (PEM)"]
        return .push(Form(title: "Export \(entry.alias)",
                          fields: [.choice("what", "What", options: kinds),
                                   .text("path", "To file", initial: entry.alias + ".pem", hint: "A file in the home",
                                         validate: { Self.pathProblem($0) })], okLabel: "Export") { [self] values in
            let path = values.trimmed("path")
            let bytes: [UInt8]
            do {
                switch values.choice("what") {
                case 0: bytes = Array(certificate.pemString.utf8)
                case 1: bytes = Array(certificate.derBytes)
                default: bytes = Array(try certificate.publicKeyPEMString().utf8)
                }
            } catch { return KeystoreErrors.refusal("what", error, home: home) }
            return confirmFile(title: "Export \(entry.alias)?", intro: "\(kinds[values.choice("what")]) of \(entry.alias).",
                               path: path, then: .redraw) { [self] in home.planFileWrite($0, path: path, bytes: bytes) }
        })
    }

    func delete() -> HandlerResult {
        guard let entry = selected else { return .handled }
        let what = entry.kind == .privateKey ? "the key pair \(entry.alias) and its private key" : "the trusted certificate \(entry.alias)"
        // Deleting the entry the settings name breaks every service that uses it; say so before the button.
        let named = home.aliasSetting(of: session.keystore, alias: entry.alias).map {
            " The home's settings name it (\($0)): the services that use it fail validation until another alias is named there."
        } ?? ""
        return confirm(title: "Delete \(entry.alias)?", intro: "Delete \(what).\(named)",
                       confirmLabel: "Delete", select: nil, leavesSecret: entry.kind == .privateKey) { try $0.delete(alias: entry.alias) }
    }

    func rename() -> HandlerResult {
        guard let entry = selected else { return .handled }
        return .push(Form(title: "Rename \(entry.alias)",
                          fields: [.text("alias", "New alias", initial: entry.alias, validate: aliasRule(except: entry.alias))],
                          okLabel: "Rename") { [self] values in
            let alias = values.trimmed("alias")
            guard alias != entry.alias else { return .handled }
            return confirm(title: "Rename \(entry.alias)?", intro: "Rename \(entry.alias) to \(alias). Policies naming the old alias must follow.",
                           confirmLabel: "Rename", select: alias) { try $0.rename(alias: entry.alias, to: alias) }
        })
    }

    func changeStorePassword() -> HandlerResult {
        .push(Form(title: "Store password of \(session.name)",
                   intro: [StyledLine("Update the password where the server reads it (deployment.toml or console.toml) too.", .dim)],
                   fields: [.secret("old", "Current password"), .secret("new", "New password"),
                            .secret("again", "New password again", sameAs: "new")],
                   okLabel: "Change",
                   check: { [self] values in
                       if values.withSecret("new", { $0.count }) < 6 && !values.secretIsEmpty("new") { return ("new", "at least 6 characters (keytool's minimum)") }
                       if session.store.format == .pkcs12, values.withSecret("new", { $0.contains { $0 >= 0x80 } }) {
                           return ("new", "ASCII only: Java cannot open a PKCS #12 store with another password")
                       }
                       return nil
                   }) { [self] values in
            let old = values.withSecret("old") { Secret(bytes: $0) }
            let new = values.withSecret("new") { Secret(bytes: $0) }
            guard old.isEqual(to: session.password) else { return .refuse(field: "old", message: "incorrect (Ctrl-U clears it)") }
            let note = home.passwordSettingNote(of: session.keystore).map { " Then: \($0)" } ?? ""
            return confirm(title: "Change the store password?", summary: "change the store password of \(session.file)", intro: "Write \(session.name) under its new password.\(note)",
                           confirmLabel: "Change", select: nil, newPassword: new, leavesSecret: true) { try $0.changeStorePassword(old: old, new: new) }
        })
    }

    func changeKeyPassword() -> HandlerResult {
        guard let entry = selected else { return .handled }
        return .push(Form(title: "Key password of \(entry.alias)",
                          fields: [.secret("old", "Current key password"), .secret("new", "New key password"),
                                   .secret("again", "New password again", sameAs: "new")],
                          okLabel: "Change") { [self] values in
            let old = values.withSecret("old") { Secret(bytes: $0) }
            let new = values.withSecret("new") { Secret(bytes: $0) }
            // Tried on a copy first, so a wrong current password is said beside it, the form kept.
            var check = session.store
            do { try check.changeKeyPassword(alias: entry.alias, old: old, new: new) } catch {
                return KeystoreErrors.refusal((error as? KeyMaterialError)?.code == .wrongPassword ? "old" : "new", error, home: home)
            }
            return confirm(title: "Change the key password of \(entry.alias)?", intro: "Protect the key of \(entry.alias) with its new password.",
                           confirmLabel: "Change", select: entry.alias, leavesSecret: true) { try $0.changeKeyPassword(alias: entry.alias, old: old, new: new) }
        })
    }

    func convert() -> HandlerResult {
        let targets: [KeystoreFormat] = session.store.format == .jks ? [.pkcs12, .jks] : [.jks, .pkcs12]
        let labels = targets.map { $0 == .jks ? "JKS" : "PKCS#12" }
        let base = (session.file as NSString).deletingPathExtension
        return .push(Form(title: "Convert \(session.name)",
                          intro: [StyledLine("Writes a copy in the other format, with the same password; the original stays.", .dim)],
                          fields: [.choice("format", "Format", options: labels),
                                   .text("path", "New file", initial: base + (targets[0] == .jks ? ".jks" : ".p12"),
                                         validate: { [self] in $0 == session.file ? "that is the store itself" : Self.pathProblem($0) })],
                          okLabel: "Convert") { [self] values in
            let format = targets[values.choice("format")]
            let path = values.trimmed("path")
            return confirmFile(title: "Write \(path)?", intro: "\(session.name) as \(labels[values.choice("format")]), owner-only (0600).",
                               path: path, then: .redraw) { [self] in
                try home.planKeystoreWrite(session.store, to: path, format: format, password: session.password, summary: $0)
            }
        })
    }
}
