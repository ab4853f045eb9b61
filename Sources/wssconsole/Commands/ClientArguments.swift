import ArgumentParser
import ServerHome

/// The client's identity when it is not the home's `[client]`: the UsernameToken user and a PKCS#12 key pair.
struct ClientArguments: ParsableArguments {
    @Option(help: "Client: the UsernameToken user.") var user: String?
    @Option(name: .customLong("password-env"), help: ArgumentHelp("Client: the user's password, from the environment variable NAME.", valueName: "NAME"))
    var passwordEnv: String?
    @Option(name: .customLong("password-file"), help: ArgumentHelp("Client: the user's password, from the first line of FILE.", valueName: "FILE"))
    var passwordFile: String?
    @Option(help: ArgumentHelp("Client: a PKCS#12 keystore with its key pair and the service certificate.", valueName: "FILE")) var keystore: String?
    @Option(help: "Client: the alias of its key pair in --keystore.") var alias: String?
    @Option(name: .customLong("storepass-env"), help: ArgumentHelp("Client: the keystore's password, from the environment variable NAME.", valueName: "NAME"))
    var storepassEnv: String?
    @Option(name: .customLong("storepass-file"), help: ArgumentHelp("Client: the keystore's password, from the first line of FILE.", valueName: "FILE"))
    var storepassFile: String?

    var isGiven: Bool { [user, passwordEnv, passwordFile, keystore, alias, storepassEnv, storepassFile].contains { $0 != nil } }

    func validate() throws {
        if passwordEnv != nil && passwordFile != nil { throw ValidationError("Give --password-env or --password-file, not both.") }
        if storepassEnv != nil && storepassFile != nil { throw ValidationError("Give --storepass-env or --storepass-file, not both.") }
        if keystore == "" && (alias != nil || storepassEnv != nil || storepassFile != nil) {
            throw ValidationError("--keystore \"\" removes the client keystore: give it without --alias, --storepass-env or --storepass-file.")
        }
        if keystore != nil && keystore != "" && storepassEnv == nil && storepassFile == nil {
            throw ValidationError("--keystore needs its password: --storepass-env NAME or --storepass-file FILE.")
        }
    }

    /// The client identity the options give (nothing given: the home's `[client]` as it is).
    func identity() throws -> ClientIdentityOptions {
        // "" is client set's way to remove the configured keystore; a message needs a file.
        if keystore == "" { throw ValidationError("--keystore names the client keystore's file (\"\" removes it with client set only).") }
        var identity = ClientIdentityOptions(user: user, keystore: keystore, alias: alias)
        if passwordEnv != nil || passwordFile != nil {
            identity.password = try SecretSource(file: passwordFile, environment: passwordEnv, what: "password").read(prompt: "", confirm: false)
            identity.passwordOrigin = passwordEnv.map { "--password-env \($0)" } ?? passwordFile.map { "--password-file \($0)" }
        }
        if storepassEnv != nil || storepassFile != nil {
            identity.storePassword = try SecretSource(file: storepassFile, environment: storepassEnv, what: "keystore password").read(prompt: "", confirm: false)
        }
        return identity
    }
}
