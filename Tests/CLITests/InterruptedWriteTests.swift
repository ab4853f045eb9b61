import Testing
import Foundation

/// A write killed with SIGKILL at many points always leaves the old or the new file, never a torn one.
@Suite struct InterruptedWriteTests {
    @Test func killedWritesLeaveWholeFiles() throws {
        let home = try TempHome()
        let original = try #require(home.text("conf/services/OrderProxy.xml"))
        // The complete new versions, from one uninterrupted run on a copy.
        let reference = try TempHome()
        let started = Date()
        #expect(try CLI.run(["apply", "--home", reference.root, "--service", "OrderProxy", "--scenario", "5"]).status == 0)
        // How long one whole run takes here, so the kills can be spread over all of it.
        let runMicroseconds = Date().timeIntervalSince(started) * 1_000_000
        let applied = try #require(reference.text("conf/services/OrderProxy.xml"))
        let policy = try #require(reference.text("conf/policies/OrderProxy.policy.xml"))

        var outcomes: Set<String> = []
        for attempt in 0..<40 {
            // Spread the kills over the run: from before the first write to after the last rename.
            try runKilled(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "5"],
                          after: runMicroseconds * 1.2 * Double(attempt) / 40)

            let definition = home.text("conf/services/OrderProxy.xml")
            #expect(definition == original || definition == applied, "torn definition at attempt \(attempt)")
            let written = home.text("conf/policies/OrderProxy.policy.xml")
            #expect(written == nil || written == policy, "torn policy at attempt \(attempt)")
            outcomes.insert(definition == applied ? "new" : "old")
            // Start the next attempt from the original state.
            try Data(original.utf8).write(to: URL(fileURLWithPath: home.root + "/conf/services/OrderProxy.xml"))
            try? FileManager.default.removeItem(atPath: home.root + "/conf/policies/OrderProxy.policy.xml")
        }
        // Both outcomes were seen, so kills landed before and after the write.
        #expect(outcomes == ["old", "new"])
    }

    /// Kills spread over `keystore genkey`: history never names a change that is not in the store, undo always has a
    /// way back, and temporaries a killed run left are never listed as keystores and go at the next write.
    @Test func killedKeystoreWritesLeaveNoPhantomChange() throws {
        let home = try TempHome()
        let started = Date()
        #expect(try CLI.run(["keystore", "genkey", "--home", home.root, "--alias", "first", "--keyalg", "ec", "--dname", "CN=x"]).status == 0)
        let runMicroseconds = Date().timeIntervalSince(started) * 1_000_000
        for attempt in 0..<30 {
            try runKilled(["keystore", "genkey", "--home", home.root, "--alias", "k\(attempt)", "--keyalg", "ec", "--dname", "CN=x"],
                          after: runMicroseconds * 1.2 * Double(attempt) / 30)

            let history = try CLI.run(["history", "--home", home.root, "--json"])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
            let newest = try #require(rows.first?["summary"] as? String)
            let listed = try CLI.run(["keystore", "list", "--home", home.root, "--entry", "keystore"])
            let alias = String(try #require(newest.split(separator: " ").last))
            #expect(listed.stdout.split(separator: "\n").contains { $0.hasPrefix(alias + " ") }, "attempt \(attempt): \(newest) is not in the store")
            let undo = try CLI.run(["undo", "--home", home.root, "--dry-run"])
            #expect(undo.status == 0, "attempt \(attempt): \(undo.all)")
            let stores = try CLI.run(["keystore", "list", "--home", home.root])
            #expect(!stores.stdout.contains(".tmp-"), "attempt \(attempt)")
        }
        #expect(try CLI.run(["keystore", "genkey", "--home", home.root, "--alias", "last", "--keyalg", "ec", "--dname", "CN=x"]).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: home.root + "/keystores").filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
        let history = try FileManager.default.contentsOfDirectory(atPath: home.root + "/.wssconsole/history")
        for id in history {
            #expect(FileManager.default.fileExists(atPath: home.root + "/.wssconsole/history/\(id)/change.txt"), "\(id)")
        }
    }

    /// Runs wssconsole with `arguments` and kills it (SIGKILL) after `microseconds`.
    func runKilled(_ arguments: [String], after microseconds: Double) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(useconds_t(microseconds))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
