import ArgumentParser
import Console
import Foundation
import KerberosConfig
import ServerHome
import KeyMaterial

/// `krb5 edit` and `jaas edit`: the file in the operator's editor, checked on return, saved through the change path
/// (so a bad edit can be undone) only when it is sound or the operator insists.
struct Krb5FileEditor {
    let file: KerberosFile

    func run(home: Home, write: WriteOptions) throws {
        let (path, before) = try home.kerberosFileBytes(file)
        try ExternalEditor.withWorkingCopy(named: (path as NSString).lastPathComponent, bytes: before ?? []) { copy in
            while true {
                do { try ExternalEditor.open(copy) } catch let failure as ExternalEditor.Failure { throw OperationFailed(message: failure.message) }
                let after = FileBytes.read(copy) ?? []
                if after == (before ?? []) {
                    print("\(path): no change")
                    return
                }
                let findings = home.checkKerberosText(file, bytes: after).filter { $0.severity != .info }
                for finding in findings {
                    print("  " + column(finding.severity.rawValue, 9) + finding.located)
                    if !finding.fix.isEmpty { print("  " + column("", 9) + "fix: \(home.commandsNamingHome(finding.fix))") }
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
                try write.perform(try home.planKerberosFileReplacement(file, with: after, before: before), on: home)
                return
            }
        }
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
