import Foundation
import Synchronization
import Testing

/// Commands writing the same home at once: each one that says it wrote did write, and the others say why not.
@Suite struct ConcurrentWriteTests {
    @Test func parallelKeyGenerationsNeverLoseAnEntry() throws {
        let home = try TempHome()
        let aliases = ["p1", "p2", "p3"]
        let root = home.root
        let results = Mutex<[String: CLI.Result]>([:])
        // RSA 3072 takes long enough that the runs overlap: each computes its new store while another commits.
        DispatchQueue.concurrentPerform(iterations: aliases.count) { index in
            let alias = aliases[index]
            let result = try? CLI.run(["keystore", "genkey", "--home", root, "--alias", alias, "--keysize", "3072",
                                       "--dname", "CN=\(alias)"])
            results.withLock { $0[alias] = result }
        }
        let listed = try CLI.run(["keystore", "list", "--home", home.root, "--entry", "keystore"])
        #expect(listed.status == 0, "\(listed.all)")
        let present = Set(listed.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        let history = try CLI.run(["history", "--home", home.root])
        var succeeded = 0
        for alias in aliases {
            let result = try #require(results.withLock { $0[alias] })
            if result.status == 0 {
                succeeded += 1
                #expect(present.contains(alias), "\(alias) reported written but is not in the store")
            } else {
                #expect(result.status == 1, "\(result.all)")
                #expect(!present.contains(alias))
                #expect(result.stderr.contains("changed since the change was prepared") || result.stderr.contains("is locked"), "\(result.all)")
            }
        }
        #expect(succeeded >= 1)
        #expect(history.stdout.split(separator: "\n").filter { $0.contains("generate") }.count == succeeded, "\(history.all)")
    }
}
