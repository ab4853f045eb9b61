import ArgumentParser
import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome

/// `wssconsole keystore`: JKS, PKCS #12 and PEM keystores of the home, as keytool would manage them.
struct KeystoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keystore", abstract: "List, inspect and change keystores (JKS, PKCS #12, PEM).",
        discussion: """
        The keystore is --keystore FILE or --entry NAME (keystore, truststore, or a name from `keystore list`); the \
        home's service keystore by default. Passwords come from --storepass-env/--storepass-file (--keypass-... for a \
        JKS key with its own password), else the home's settings, else a prompt without echo. Every change goes \
        through the home's change path: --dry-run, --note, history and `wssconsole undo`; keystore files are \
        written owner-only (0600).
        """,
        subcommands: [List.self, Show.self, KeystoreGenkeyCommand.self, KeystoreCSRCommand.self, KeystoreImportCommand.self,
                      KeystoreExportCommand.self, KeystoreDeleteCommand.self, KeystoreRenameCommand.self,
                      KeystorePasswdCommand.self, KeystoreConvertCommand.self, KeystoreCompareCommand.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The entries of a keystore; without --keystore/--entry, the home's keystores.")
        @OptionGroup var home: HomeOptions
        @OptionGroup var store: KeystoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let home = try home.open()
            guard store.named else {
                let stores = try home.keystores().map(StoreRow.init)
                if json { return try printJSON(stores) }
                let cells = stores.map { [$0.name, $0.role.rawValue, $0.format, $0.path + ($0.exists ? "" : " (missing)")] }
                tableLines([["NAME", "ROLE", "FORMAT", "PATH"]] + cells).forEach { print($0) }
                return
            }
            let (target, keystore, _) = try store.open(home)
            let rows = keystore.entries.compactMap { EntryRow($0) }
            if json { return try printJSON(rows) }
            print("\(target.path): \(keystore.format.rawValue), \(Plural.count(rows.count, "entry", "entries"))")
            let cells = rows.map { row in
                [row.alias, row.type, row.locked ? "locked" : row.marker, "\(row.daysLeft)", row.keyAlgorithm, row.subject]
            }
            tableLines([["ALIAS", "TYPE", "STATUS", "DAYS", "KEY", "SUBJECT"]] + cells).forEach { print($0) }
            for row in rows {
                if let weak = row.weakKey { print("weak key: \(PrintableText.escaped(row.alias)): \(weak)") }
                if row.keyMismatch { print("key mismatch: \(PrintableText.escaped(row.alias)): \(EntryRow.mismatchNote)") }
            }
            for skipped in keystore.skippedContents { print("not shown: \(skipped)") }
            if let exposed = home.exposure(of: target, holdsPrivateKeys: keystore.entries.contains { $0.kind == .privateKey }) {
                printError("wssconsole: warning: \(exposed.message)\n  fix: \(exposed.fix)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One entry in full: certificate details, extensions and the chain.")
        @OptionGroup var home: HomeOptions
        @OptionGroup var store: KeystoreOptions
        @Option(help: "The entry's alias.") var alias: String
        @Flag(help: "Print JSON.") var json = false

        struct Output: Encodable {
            let entry: EntryRow
            let chain: [CertificateDetail]
        }

        func validate() throws { try checkAlias(alias) }

        func run() throws {
            let home = try home.open()
            let (_, keystore, _) = try store.open(home, alias: alias)
            guard let entry = keystore.entry(alias: alias), let row = EntryRow(entry) else {
                throw OperationFailed(message: "no entry named \(alias) (entries: \(keystore.entries.map(\.alias).joined(separator: ", ")))")
            }
            let output = Output(entry: row, chain: entry.chain.map(CertificateDetail.init))
            if json { return try printJSON(output) }
            print("alias       \(PrintableText.escaped(row.alias))")
            print("type        \(row.type == "key" ? "private key with \(Plural.count(row.chainLength, "certificate"))" : "trusted certificate")\(row.locked ? " (key locked: give --keypass-env/--keypass-file)" : "")")
            print("status      \(row.marker), \(Plural.count(row.daysLeft, "day")) left")
            if let weak = row.weakKey { print("weak key    \(weak)") }
            if row.keyMismatch { print("key         MISMATCH: \(EntryRow.mismatchNote)") }
            for (index, certificate) in output.chain.enumerated() {
                print("certificate [\(index + 1)]")
                certificate.print(indent: "  ")
            }
        }
    }
}

/// Plans `edit` on the command's keystore and performs it through the change path. With `creating`, a keystore file
/// that does not exist is created, as keytool -genkeypair and -importcert do: PKCS #12 or JKS by its extension.
func performKeystoreEdit(_ summary: String, home: Home, store: KeystoreOptions, alias: String? = nil, newPassword: Secret? = nil,
                         creating: Bool = false, write: WriteOptions, edit: (inout Keystore) throws -> Void) throws {
    let target = try store.target(in: home)
    let change: Change
    if creating, home.isNew(target) {
        guard Home.newKeystoreFormat(target.path) != nil else {
            throw ValidationError("\(target.path) does not exist, and its extension does not say which keystore to create: name it .p12 (or .pfx) "
                                  + "for PKCS #12, .jks for JKS.")
        }
        try home.checkNewKeystorePlace(target)
        change = try home.planNewKeystore(target, password: store.newStorePassword(for: target, in: home), summary: summary, edit: edit)
    } else {
        let password = try store.storePassword(for: target, in: home)
        change = try home.planKeystoreEdit(target, password: password, keyPasswords: store.keyPasswords(alias: alias),
                                           newPassword: newPassword, summary: summary, edit: edit)
    }
    try write.perform(change, on: home)
}
