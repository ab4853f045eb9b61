import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome

/// `keystore passwd`: the store password, or with --alias one JKS key's password.
struct KeystorePasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Change the store password, or (--alias) a JKS key's password.",
        discussion: """
        As keytool -storepasswd, a JKS store's keys keep their passwords when the store password changes (WSO2 configures \
        both); --keys-too moves them to the new one. PKCS #12 and PEM protect everything with the store password. \
        Update the password in the home's settings (deployment.toml on Micro Integrator) afterwards: for the home's own \
        keystores passwd says which setting gives it.
        """)
    @OptionGroup var home: HomeOptions
    @OptionGroup var store: KeystoreOptions
    @Option(help: "Change this key's password instead (JKS); the current one from --keypass-env/--keypass-file or the store password.")
    var alias: String?
    @Flag(name: .customLong("keys-too"), help: "JKS: move the keys that used the store password to the new one.") var keysToo = false
    @OptionGroup var new: NewPasswordOptions
    @OptionGroup var write: WriteOptions

    func validate() throws { try checkAlias(alias) }

    func run() throws {
        let home = try home.open()
        let target = try store.target(in: home)
        let current = try store.storePassword(for: target, in: home)
        let fresh = try new.read(alias == nil ? "store password" : "key password")
        let keyPasswords = try store.keyPasswords(alias: alias)
        let change = try home.planKeystoreEdit(target, password: current, keyPasswords: keyPasswords, newPassword: alias == nil ? fresh : nil,
                                               summary: alias.map { "change the key password of \($0)" } ?? "change the store password of \(target.path)") { keystore in
            if let alias {
                try keystore.changeKeyPassword(alias: alias, old: keyPasswords[alias] ?? current, new: fresh)
            } else {
                try keystore.changeStorePassword(old: current, new: fresh, keysToo: keysToo)
            }
        }
        let record = try write.perform(change, on: home)
        printSecretsKeptHint(record)
        // The settings still give the old password: every later command, and the server, would fail to open the store.
        if record != nil, alias == nil, let note = home.passwordSettingNote(of: target) { print("  update the settings: \(note)") }
    }
}

/// `keystore convert --to pkcs12|jks|pem --out FILE`.
struct KeystoreConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Write the keystore in another format to a new file (the original stays).")
    @OptionGroup var home: HomeOptions
    @OptionGroup var store: KeystoreOptions
    @Option(help: "pkcs12, jks or pem.") var to: String
    @Option(help: ArgumentHelp("The new file, inside the home (written 0600); a relative path outside it is taken from the home.", valueName: "FILE")) var out: String
    @Flag(help: "Replace FILE when it exists.") var force = false
    @OptionGroup var new: NewPasswordOptions
    @OptionGroup var write: WriteOptions

    func validate() throws {
        guard ["pkcs12", "jks", "pem"].contains(to) else { throw ValidationError("--to pkcs12, jks or pem.") }
    }

    func run() throws {
        let home = try home.open()
        let (target, keystore, password) = try store.open(home)
        let outPath = home.pathForNewFile(out)
        if FileManager.default.fileExists(atPath: outPath) && !force {
            throw OperationFailed(message: "\(out) exists; --force replaces it")
        }
        let newPassword = new.given ? try new.read("store password") : password
        let change = try home.planKeystoreWrite(keystore, to: outPath, format: KeystoreFormat(rawValue: to), password: newPassword,
                                                summary: "convert \(target.path) to \(to)")
        try write.perform(change, on: home)
    }
}
