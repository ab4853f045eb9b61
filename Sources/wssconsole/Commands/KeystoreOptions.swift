import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome

/// Which keystore a `keystore` command works on, and where its passwords come from.
///
/// Passwords: `--storepass-env`/`--storepass-file` (and `--keypass-...`), else the password the home's settings
/// give for that keystore, else a prompt on the terminal without echo. A plain `--storepass VALUE` is refused
/// unless `--force-plain-password`: `ps`, the shell history and audit tools would all see it.
struct KeystoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The keystore file (JKS, PKCS #12 or PEM, recognised from its content).", valueName: "FILE"))
    var keystore: String?

    @Option(help: ArgumentHelp("One of the home's keystores: keystore, truststore, or a name from `keystore list`.", valueName: "NAME"))
    var entry: String?

    @Option(name: .customLong("storepass-env"), help: ArgumentHelp("Read the store password from the environment variable NAME.", valueName: "NAME"))
    var storepassEnv: String?

    @Option(name: .customLong("storepass-file"), help: ArgumentHelp("Read the store password from FILE (its first line; keep it 0600).", valueName: "FILE"))
    var storepassFile: String?

    @Option(name: .customLong("storepass"), help: ArgumentHelp("The store password itself; only with --force-plain-password (visible to ps and the shell history).", valueName: "VALUE"))
    var storepass: String?

    @Flag(name: .customLong("force-plain-password"), help: "Accept --storepass VALUE although other users and logs may see it.")
    var forcePlainPassword = false

    @Option(name: .customLong("keypass-env"), help: ArgumentHelp("Read the key password (JKS keys may have their own) from the environment variable NAME.", valueName: "NAME"))
    var keypassEnv: String?

    @Option(name: .customLong("keypass-file"), help: ArgumentHelp("Read the key password from FILE.", valueName: "FILE"))
    var keypassFile: String?

    func validate() throws {
        if keystore != nil && entry != nil { throw ValidationError("Give --keystore or --entry, not both.") }
        if [storepassEnv, storepassFile, storepass].compactMap({ $0 }).count > 1 {
            throw ValidationError("Give one of --storepass-env, --storepass-file, --storepass.")
        }
        if storepass != nil && !forcePlainPassword {
            throw ValidationError("--storepass puts the password where ps and the shell history see it; use --storepass-env or --storepass-file, or add --force-plain-password.")
        }
        if keypassEnv != nil && keypassFile != nil { throw ValidationError("Give --keypass-env or --keypass-file, not both.") }
    }

    /// True when the command names a keystore (otherwise `keystore list` lists the home's keystores).
    var named: Bool { keystore != nil || entry != nil }

    /// The keystore named, the home's service keystore by default.
    func target(in home: Home) throws -> HomeKeystore {
        try home.keystore(named: keystore ?? entry ?? "keystore")
    }

    /// The store password: options, then the home's settings, then the terminal.
    func storePassword(for target: HomeKeystore, in home: Home) throws -> Secret {
        if let storepass { return Secret(storepass) }
        if storepassEnv != nil || storepassFile != nil {
            return try SecretSource(file: storepassFile, environment: storepassEnv, what: "store password").read(prompt: "", confirm: false)
        }
        // A missing file fails before the prompt, and a PEM file without encrypted keys is opened without one
        // (its keys stay unencrypted when it is written back).
        guard try home.passwordNeeded(for: target) else { return Secret("") }
        switch home.settingsPassword(of: target) {
        case .success(let configured)?: return configured
        case .failure(let error)?:
            // The settings name one that cannot be had here: without a terminal that is the failure; with one, the
            // operator learns why before being asked.
            let options = "give the password with --storepass-env NAME or --storepass-file F"
            guard isatty(0) == 1 else { throw error.orElse(options + ".") }
            printError("wssconsole: \(error.message); type the store password, or \(options).")
        case nil: break
        }
        return try prompt("Store password for \(target.path): ")
    }

    /// The password of a keystore the command creates: options, then the home's settings when they name the file,
    /// then asked twice on the terminal. Without any, nothing is created: a new store needs one.
    func newStorePassword(for target: HomeKeystore, in home: Home) throws -> Secret {
        if let storepass { return Secret(storepass) }
        if storepassEnv != nil || storepassFile != nil {
            return try SecretSource(file: storepassFile, environment: storepassEnv, what: "store password").read(prompt: "", confirm: false)
        }
        if target.hasConfiguredPassword { return try home.configuredPassword(of: target) }
        do {
            let first = try Secret.readFromTerminal(prompt: "Store password for the new keystore \(target.path): ")
            guard first.isEqual(to: try Secret.readFromTerminal(prompt: "Again: ")) else {
                throw OperationFailed(message: "the two store passwords differ; nothing was written")
            }
            return first
        } catch is KeyMaterialError {
            throw ValidationError("\(target.path) does not exist, and a new keystore needs a store password: give --storepass-env NAME or --storepass-file F.")
        }
    }

    /// The key password for `alias`, when one was given.
    func keyPasswords(alias: String?) throws -> [String: Secret] {
        guard let alias, keypassEnv != nil || keypassFile != nil else { return [:] }
        return [alias: try SecretSource(file: keypassFile, environment: keypassEnv, what: "key password").read(prompt: "", confirm: false)]
    }

    /// Opens the target keystore. Without an alias, a key password given opens every key it can that the store
    /// password does not (`keystore convert --keypass-env`), and must open one of them.
    func open(_ home: Home, alias: String? = nil) throws -> (HomeKeystore, Keystore, Secret) {
        let target = try target(in: home)
        let password = try storePassword(for: target, in: home)
        var keystore = try home.openKeystore(target, password: password, keyPasswords: keyPasswords(alias: alias))
        let locked = keystore.entries.filter(\.isLocked).map(\.alias)
        if alias == nil, keypassEnv != nil || keypassFile != nil, !locked.isEmpty {
            let keyPassword = try SecretSource(file: keypassFile, environment: keypassEnv, what: "key password").read(prompt: "", confirm: false)
            let opened = locked.filter { (try? keystore.unlockKey(alias: $0, password: keyPassword)) != nil }
            guard !opened.isEmpty else {
                throw OperationFailed(message: "\(target.path): the key password does not open the key\(locked.count == 1 ? "" : "s") of "
                                      + locked.map(PrintableText.escaped).joined(separator: ", "))
            }
        }
        return (target, keystore, password)
    }
}

/// A new password: from an environment variable, a file, or asked twice on the terminal.
struct NewPasswordOptions: ParsableArguments {
    @Option(name: .customLong("new-storepass-env"), help: ArgumentHelp("The new password from the environment variable NAME.", valueName: "NAME"))
    var environment: String?

    @Option(name: .customLong("new-storepass-file"), help: ArgumentHelp("The new password from FILE.", valueName: "FILE"))
    var file: String?

    func validate() throws {
        if environment != nil && file != nil { throw ValidationError("Give --new-storepass-env or --new-storepass-file, not both.") }
    }

    var given: Bool { environment != nil || file != nil }

    func read(_ what: String) throws -> Secret {
        let secret = try SecretSource(file: file, environment: environment, what: what, options: "--new-storepass-env NAME or --new-storepass-file F")
            .read(prompt: "New \(what): ", confirm: true)
        guard secret.count >= 6 else { throw OperationFailed(message: "the new \(what) is shorter than 6 characters (keytool refuses those too)") }
        return secret
    }
}

/// Refuses an empty alias as bad usage (exit 2) before anything is opened.
func checkAlias(_ alias: String?, option: String = "--alias") throws {
    if let alias, alias.trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("\(option) is empty: give the entry's alias (keystore list --keystore FILE lists them).")
    }
}

/// Asks on the terminal without echo; explains the script-friendly options when there is no terminal.
func prompt(_ text: String) throws -> Secret {
    do { return try Secret.readFromTerminal(prompt: text) } catch let error as KeyMaterialError {
        throw OperationFailed(message: "cannot ask for the password (\(error.reason)); use --storepass-env NAME or --storepass-file F")
    }
}

/// Runs `body`, turning keystore errors into the CLI's "failed" exit with the reason.
func reportingKeystoreErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as KeyMaterialError {
        throw OperationFailed(message: error.reason)
    }
}
