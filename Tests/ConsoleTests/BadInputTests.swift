import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// Hostile and broken input each give a clear message on screen (TESTING.md level 6).
@Suite struct BadInputTests {
    @Test func malformedServiceIsListedAsBrokenWithItsError() throws {
        let home = try TestHome()
        try home.write("conf/services/BrokenProxy.xml", "<proxy xmlns=\"http://ws.apache.org/ns/synapse\" name=\"BrokenProxy\"><target>")
        let driver = ConsoleDriver(home)
        driver.select(service: "BrokenProxy")
        let screen = driver.screen()
        let row = screen.split(separator: "\n").first { $0.contains("> BrokenProxy") }
        #expect(row?.contains("BROKEN") == true)
        #expect(screen.contains("BrokenProxy is BROKEN:"))
        #expect(screen.contains("BROKEN: the definition cannot be read."))
        driver.press(.enter)
        #expect(driver.screen().contains("BrokenProxy cannot be opened"))
        #expect(driver.app.stack.breadcrumb == ["Services"])
    }

    @Test(.enabled(if: ReadOnlyFolder.isPossible, "needs a non-root user or chattr"))
    func readOnlyConfFailsClearlyAndWritesNothing() throws {
        let home = try TestHome()
        let before = try snapshotOfFiles(home.root)
        let lock = try ReadOnlyFolder(home.path("conf"))
        defer { lock.release() }
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter, .down, .enter, .enter)
        let screen = driver.screen()
        #expect(screen.contains("Scenario 2 was not applied"))
        #expect(screen.contains("Fix:"))
        lock.release()
        #expect(try snapshotOfFiles(home.root).filter { !$0.key.hasPrefix(".wssconsole") } == before)
        driver.press(.enter)    // OK closes the error; the picker is still there
        #expect(driver.app.stack.breadcrumb == ["Services", "EchoProxy"])
    }

    @Test func tinyTerminalShowsTheTooSmallMessage() throws {
        let driver = ConsoleDriver(try TestHome())
        let screen = driver.screen(width: 40, height: 10)
        #expect(screen.contains("Terminal too small: 40x10."))
        #expect(screen.contains("wssconsole needs at least 60x16."))
        driver.press(.enter)
        #expect(driver.app.stack.count == 1)
        #expect(driver.screen().contains("EchoProxy"))
    }

    /// A value that does not parse is named by its key, file and line, never shown: an unquoted one is often a
    /// password, and the status line and the validation report end up in screen captures.
    @Test func anUnquotedPasswordInTheSettingsIsNeverShown() throws {
        let home = try TestHome()
        try home.write("conf/console.toml", try #require(home.read("conf/console.toml"))
            .replacingOccurrences(of: "password = \"demo-service-pass\"", with: "password = svcpass123"))
        let said = "conf/console.toml: line 21: cannot read the value of password: not a TOML value (a string needs quotes)"
        let keystores = ConsoleDriver(home)
        keystores.press(.char("S"))
        let status = keystores.screen(width: 120, height: 30)
        #expect(status.contains(said) && !status.contains("svcpass123"), "\(status)")
        let validation = ConsoleDriver(home)
        validation.select(service: "OrderProxy")
        validation.press(.enter, .char("v"))
        let report = validation.screen(width: 120, height: 30)
        #expect(report.contains("ERROR settings.unreadable: conf/console.toml: line 21: cannot read the value of password") && !report.contains("svcpass123"),
                "\(report)")
    }

    /// Every file's bytes by relative path.
    private func snapshotOfFiles(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: root) ?? FileManager.DirectoryEnumerator() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
            }
        }
        return files
    }
}
