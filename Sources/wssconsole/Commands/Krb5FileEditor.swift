import ArgumentParser
import Foundation
import KerberosConfig
import ServerHome

/// `krb5 edit` and `jaas edit`: the file in the operator's editor, checked on return, saved through the change path
/// (so a bad edit can be undone) only when it is sound or the operator insists.
struct Krb5FileEditor {
    let file: KerberosFile

    func run(home: Home, write: WriteOptions) throws {
        let (path, before) = try home.kerberosFileBytes(file)
        let folder = NSTemporaryDirectory() + "wssconsole-edit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The copy keeps the file's name so editors pick the right syntax colouring.
        let copy = folder + "/" + (path as NSString).lastPathComponent
        guard FileManager.default.createFile(atPath: copy, contents: Data(before ?? []), attributes: [.posixPermissions: 0o600]) else {
            throw OperationFailed(message: "cannot write a working copy in \(folder)")
        }
        while true {
            try Self.openEditor(on: copy)
            let after = [UInt8](FileManager.default.contents(atPath: copy) ?? Data())
            if after == (before ?? []) {
                print("\(path): no change")
                return
            }
            let findings = home.checkKerberosText(file, bytes: after).filter { $0.severity != .info }
            for finding in findings {
                print("  " + column(finding.severity.rawValue, 9) + finding.located)
                if !finding.fix.isEmpty { print("  " + column("", 9) + "fix: \(finding.fix)") }
            }
            if findings.hasErrors {
                switch Self.ask("\(path) has errors. [e]dit again, [s]ave anyway, [d]iscard? [e] ") {
                case "s": break
                case "d":
                    print("\(path): discarded")
                    throw ExitCode(1)
                default: continue
                }
            }
            let change = try home.planKerberosFileReplacement(file, with: after, before: before)
            try write.perform(change, on: home)
            return
        }
    }

    /// Runs `$VISUAL`, `$EDITOR` or vi on `path` (the variable may hold arguments, as shells allow), waiting for it.
    static func openEditor(on path: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let command: String = editor + " \"$1\""
        let words: [String] = ["/bin/sh", "-c", command, "sh", path]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ)
        guard spawned == 0 else { throw OperationFailed(message: "cannot start the editor \(editor): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw OperationFailed(message: "the editor \(editor) failed (status \(status)); nothing was saved") }
    }

    /// One answer letter from the terminal (the first character, lower-cased), or "d" when there is no terminal.
    static func ask(_ question: String) -> String {
        guard isatty(0) == 1 else {
            print(question + "(no terminal: discarding)")
            return "d"
        }
        print(question, terminator: "")
        fflush(nil)
        return (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased().first.map(String.init) ?? "e"
    }
}
