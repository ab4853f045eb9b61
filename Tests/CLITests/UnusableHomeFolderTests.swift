import Foundation
import Testing

/// The home's own folder in a state wssconsole cannot use: it says what is wrong and what to do, writes nothing, and
/// never shows an unreadable history as an empty one.
@Suite struct UnusableHomeFolderTests {
    @Test func aFileWhereTheOwnFolderShouldBeIsNamed() throws {
        let home = try TempHome()
        try Data("notes\n".utf8).write(to: URL(fileURLWithPath: home.root + "/.wssconsole"))
        let before = home.data("conf/services/OrderProxy.xml")
        let result = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "5"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(home.root)/.wssconsole is a file, not a folder"), "\(result.stderr)")
        #expect(result.stderr.contains("mv \(home.root)/.wssconsole"), "\(result.stderr)")
        #expect(home.data("conf/services/OrderProxy.xml") == before && home.text(".wssconsole") == "notes\n")
        #expect(try CLI.run(["--read-only", "services", "--no-self-test", "--home", home.root]).status == 0)
    }

    @Test func anUnreadableHistoryIsNotShownAsEmpty() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "5"]).status == 0)
        // Root reads anything: the home is given to nobody, whose history then cannot be read by nobody.
        let nobody = getuid() == 0 ? 65534 : nil
        if let nobody { chownTree(home.root, to: uid_t(nobody)) }
        chmod(home.root + "/.wssconsole/history", 0o000)
        defer { chmod(home.root + "/.wssconsole/history", 0o700) }
        for command in [["history"], ["history", "--json"], ["undo"], ["redo"], ["history", "--forget", "2"]] {
            let result = try CLI.run(command + ["--home", home.root], asUser: nobody)
            #expect(result.status == 1, "\(command): \(result.all)")
            #expect(result.stderr.contains("Cannot read the history \(home.root)/.wssconsole/history: Permission denied"), "\(command): \(result.stderr)")
        }
        chmod(home.root + "/.wssconsole/history", 0o700)
        #expect(try CLI.run(["history", "--home", home.root], asUser: nobody).stdout.contains("apply scenario 5"))
    }

    func chownTree(_ root: String, to uid: uid_t) {
        chown(root, uid, uid)
        for path in FileManager.default.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? [] {
            lchown(root + "/" + path, uid, uid)
        }
    }
}
