import Foundation
import Testing

/// An undo or redo that re-creates a file gives it back the mode it had: a file of clear passwords or a policy
/// holding a Kerberos password, owner-only when it was written, never comes back readable by others.
@Suite struct RevertModeTests {
    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test func aRedoRecreatesTheDigestSecretsOwnerOnly() throws {
        let home = try TempHome()
        let secrets = home.root + "/conf/userstore.digest-secrets"
        let env = ["PW": "Dave-pass-1234"]
        #expect(try CLI.run(["users", "add", "dave", "--allow-digest", "--password-env", "PW", "--home", home.root], environment: env).status == 0)
        #expect(mode(secrets) == 0o600)
        #expect(try CLI.run(["undo", "--home", home.root]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: secrets))
        #expect(try CLI.run(["redo", "--home", home.root]).status == 0)
        #expect(mode(secrets) == 0o600)
    }

    @Test func anUndoOfUnsecureRecreatesAPolicyWithAPasswordOwnerOnly() throws {
        let home = try TempHome()
        let policy = home.root + "/conf/policies/EchoProxy.policy.xml"
        let apply = try CLI.run(["apply", "--service", "EchoProxy", "--scenario", "16", "--principal", "HTTP/host@EXAMPLE.COM",
                                 "--password-env", "KPW", "--home", home.root], environment: ["KPW": "Kerberos-pass-1"])
        #expect(apply.status == 0, "\(apply.all)")
        #expect(mode(policy) == 0o600)
        #expect(try CLI.run(["unsecure", "--service", "EchoProxy", "--home", home.root]).status == 0)
        #expect(try CLI.run(["undo", "--home", home.root]).status == 0)
        #expect(mode(policy) == 0o600)
        // A file that was not owner-only comes back as it was.
        #expect(try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "2", "--home", home.root]).status == 0)
        let plain = home.root + "/conf/policies/OrderProxy.policy.xml"
        chmod(plain, 0o640)
        #expect(try CLI.run(["unsecure", "--service", "OrderProxy", "--home", home.root]).status == 0)
        #expect(try CLI.run(["undo", "--home", home.root]).status == 0)
        #expect(mode(plain) == 0o640)
    }
}
