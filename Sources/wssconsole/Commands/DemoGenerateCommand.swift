import ArgumentParser
import Foundation
import ServerHome

/// `wssconsole demo generate --into DIR`: fresh demo keystores and user store. It writes outside any home's change
/// path (no history, no undo), so it replaces nothing unless told to.
struct DemoGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Make the demo keystores and user store (demo passwords, see README).",
        discussion: "Writes keystores/ and conf/userstore.xml under DIR, replacing them only with --force (--into . --force in the repository refreshes its tracked demo files).")
    // Hidden: it writes into --into DIR only, so --home is refused, and --read-only refuses all but --dry-run.
    @OptionGroup(visibility: .hidden) var home: HomeOptions
    @Option(help: ArgumentHelp("The demo home's root; its parent folder must exist.", valueName: "DIR")) var into: String
    @Flag(help: "Replace keystores and a user store DIR already has (no history, no undo).") var force = false
    @Flag(name: .customLong("dry-run"), help: "List the files it would write or replace; write nothing.") var dryRun = false

    /// The files it writes, relative to DIR.
    static let files = ["keystores/" + DemoMaterial.serviceKeystoreFile, "keystores/" + DemoMaterial.clientKeystoreFile, "conf/userstore.xml"]

    func run() throws {
        guard home.home == nil else {
            throw OperationFailed(message: "demo generate writes into --into DIR and takes no --home", fix: "Give the home as --into DIR.")
        }
        let parent = (URL(fileURLWithPath: into).standardizedFileURL.path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        // A typo would otherwise make a whole tree in the wrong place (under / for /nonexistent/dir).
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            throw OperationFailed(message: "cannot generate into \(into): its parent folder \(parent) does not exist",
                                  fix: "Check the path for a typo, or create \(parent) first.")
        }
        // lstat: a link left in a file's place is replaced too, and must be said.
        let existing = Self.files.filter { var info = stat(); return lstat(into + "/" + $0, &info) == 0 }
        if dryRun { return printPlan(existing: existing) }
        guard !home.readOnly else {
            throw OperationFailed(message: "demo generate writes files, and --read-only writes nothing",
                                  fix: "Run it without --read-only; with --dry-run it lists what it would write.")
        }
        guard existing.isEmpty || force else {
            throw OperationFailed(message: "\(into) already has \(existing.map { into + "/" + $0 }.joined(separator: ", ")): demo generate would replace them",
                                  fix: "Add --force to replace them with fresh keys (no history, no undo), or give another --into DIR.")
        }
        // A fresh DIR is the common case: make its keystores/ and conf/ (owner-only, they hold demo secrets)
        // rather than fail after writing half of it.
        for folder in ["keystores", "conf"] {
            do {
                try FileManager.default.createDirectory(atPath: into + "/" + folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw OperationFailed(message: "cannot create \(into)/\(folder): \(error.localizedDescription)", fix: "give a writable --into DIR")
            }
        }
        try DemoMaterial.generateKeystores(into: into + "/keystores")
        try DemoMaterial.generateUserStore(at: into + "/conf/userstore.xml")
        print("wrote \(Self.files.map { into + "/" + $0 }.joined(separator: ", "))")
    }

    private func printPlan(existing: [String]) {
        if !FileManager.default.fileExists(atPath: into) { print("would create \(into)/ (owner-only)") }
        for file in Self.files { print("would \(existing.contains(file) ? "replace" : "write") \(into)/\(file)") }
        if !existing.isEmpty && !force { print("refused without --force: \(existing.count) of these files exist") }
    }
}
