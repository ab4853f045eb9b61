import Foundation
import Testing

/// Root editing another user's home (a Micro Integrator home owned by the server's user): what it creates belongs to
/// that user, as what it replaces keeps its owner, so the server still reads a new owner-only policy or secrets file,
/// and the user can still undo with wssconsole afterwards. (The suite runs as root, as CI does.)
@Suite struct OtherUsersHomeTests {
    func owner(_ path: String) -> uid_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_uid : nil
    }

    @Test
    func whatRootCreatesInAUsersHomeIsTheUsers() throws {
        let home = try TempHome()
        let nobody: uid_t = 65534
        chown(home.root, nobody, nobody)
        for path in FileManager.default.enumerator(atPath: home.root)?.compactMap({ $0 as? String }) ?? [] {
            lchown(home.root + "/" + path, nobody, nobody)
        }
        let add = try CLI.run(["users", "add", "dave", "--allow-digest", "--password-env", "PW", "--home", home.root], environment: ["PW": "Dave-pass-1234"])
        #expect(add.status == 0, "\(add.all)")
        let apply = try CLI.run(["apply", "--service", "EchoProxy", "--scenario", "16", "--principal", "HTTP/host@EXAMPLE.COM",
                                 "--password-env", "KPW", "--home", home.root], environment: ["KPW": "Kerberos-pass-1"])
        #expect(apply.status == 0, "\(apply.all)")
        let created = ["conf/policies", "conf/policies/EchoProxy.policy.xml", "conf/userstore.digest-secrets", ".wssconsole",
                       ".wssconsole/lock", ".wssconsole/audit.log", ".wssconsole/history"]
        let own = home.root + "/.wssconsole"
        let kept = FileManager.default.enumerator(atPath: own)?.compactMap { $0 as? String }.map { ".wssconsole/" + $0 } ?? []
        for path in created + kept {
            #expect(owner(home.root + "/" + path) == nobody, "\(path)")
        }
        // The user reads the server's policy and undoes root's changes.
        let undo = try CLI.run(["undo", "--home", home.root], asUser: Int(nobody))
        #expect(undo.status == 0, "\(undo.all)")
        #expect(!FileManager.default.fileExists(atPath: home.root + "/conf/policies/EchoProxy.policy.xml"))
    }
}
