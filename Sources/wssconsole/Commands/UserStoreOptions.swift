import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome
import UserStores

/// Where a command reads a password: a file, an environment variable, or (by default) the terminal without echo.
/// Never from the command line, where `ps` and the shell history would show it.
struct PasswordInput: ParsableArguments {
    @Option(name: .customLong("password-file"), help: ArgumentHelp("Read the password from FILE (its first line; keep the file 0600).", valueName: "FILE"))
    var file: String?

    @Option(name: .customLong("password-env"), help: ArgumentHelp("Read the password from the environment variable NAME.", valueName: "NAME"))
    var environment: String?

    func validate() throws {
        if file != nil && environment != nil { throw ValidationError("Give --password-file or --password-env, not both.") }
    }

    /// The password; `confirm` asks twice on the terminal, and refuses an empty one (for new passwords).
    func read(prompt: String, confirm: Bool = false) throws -> Secret {
        let secret = try SecretSource(file: file, environment: environment, what: "password", options: "--password-env NAME or --password-file F")
            .read(prompt: prompt, confirm: confirm)
        if confirm && secret.isEmpty {
            let source = environment.map { "the environment variable \($0) is empty" } ?? file.map { "the first line of \($0) is empty" }
                ?? "the password typed is empty"
            throw OperationFailed(message: "\(source): an empty password cannot be set; nothing was changed")
        }
        return secret
    }
}

/// One of the three ways to hand wssconsole a secret.
struct SecretSource {
    let file: String?
    let environment: String?
    let what: String
    /// The options that give the secret without a terminal, named when there is none.
    var options: String? = nil

    func read(prompt: String, confirm: Bool) throws -> Secret {
        if let file {
            let data = try readFile(file, what: what)
            warnIfOthersCanRead(file)
            // The first line: editors and echo add a newline that is not part of the secret.
            return Secret(bytes: data.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") })
        }
        if let environment {
            guard let value = ProcessInfo.processInfo.environment[environment] else {
                throw OperationFailed(message: "the environment variable \(environment) is not set")
            }
            return Secret(value)
        }
        do {
            let first = try Secret.readFromTerminal(prompt: prompt)
            guard confirm else { return first }
            let second = try Secret.readFromTerminal(prompt: "Again: ")
            guard first.isEqual(to: second) else { throw OperationFailed(message: "the two \(what)s differ; nothing was changed") }
            return first
        } catch let error as KeyMaterialError {
            throw OperationFailed(message: "cannot read the \(what) from the terminal (\(error.reason)); " + (options.map { "give it with \($0)" } ?? "run the command on a terminal"))
        }
    }
}

/// Says so on standard error when a file holding a secret is readable by its group or others: it is used all the
/// same (the operator chose it), but the secret is exposed where it lies.
func warnIfOthersCanRead(_ file: String) {
    var info = stat()
    guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o044 != 0 else { return }
    printError("warning: \(file) holds a secret and others can read it (mode \(String(info.st_mode & 0o777, radix: 8))): chmod 600 \(file)")
}

/// Runs `body`, turning the user store module's errors into the CLI's "failed" exit with the reason.
@discardableResult
func reportingUserStoreErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as UserStoresError {
        throw OperationFailed(message: error.reason)
    }
}

/// The end of a listing cut short: more than `limit` (narrow it), or the server's own limit and how to lift it.
func printTruncation(of listing: Listing, limit: Int) {
    guard listing.truncated else { return }
    guard let server = listing.serverLimit else { return print("... more than \(limit); narrow with --search") }
    print("... truncated: \(server.reason); narrow with --search")
    print("fix: \(server.fix)")
}

/// Commits `change` (or prints it for a dry run) unless it is empty; returns what was committed.
@discardableResult
func performUserStoreChange(_ change: Change, write: WriteOptions, home: Home) throws -> ChangeRecord? {
    guard !change.edits.isEmpty else {
        print("nothing to change (\(change.summary))")
        return nil
    }
    return try write.perform(change, on: home)
}
