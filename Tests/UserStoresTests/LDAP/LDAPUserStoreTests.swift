import Foundation
import KeyMaterial
import Testing
import UserStores

/// UsernameToken authentication and role checks against a real slapd.
@Suite struct LDAPUserStoreTests {
    let slapd = Slapd.shared

    private func store(startTLS: Bool = false) -> LDAPUserStore {
        LDAPUserStore(profile: slapd.profile(startTLS: startTLS, ca: slapd.caFile), bindPassword: Secret(Slapd.readerPassword))
    }

    @Test(arguments: [false, true])
    func passwordTextAuthenticatesWithRoles(startTLS: Bool) throws {
        let result = try store(startTLS: startTLS).authenticate(.text("alice", Secret("alice-pass")))
        #expect(result == .authenticated(user: "alice", roles: ["admin", "everyone"]))
    }

    @Test func refusalsSayWhy() throws {
        let store = store()
        #expect(try store.authenticate(.text("alice", Secret("bob-pass"))) == .rejected(.wrongPassword))
        #expect(try store.authenticate(.text("mallory", Secret("x"))) == .rejected(.unknownUser))
        #expect(try store.authenticate(.text("alice", Secret(""))) == .rejected(.emptyPassword))
        // A name that would match everybody if it were not escaped.
        #expect(try store.authenticate(.text("*", Secret("alice-pass"))) == .rejected(.unknownUser))
    }

    /// The directory compares uid without case; the result names the user as the directory spells it.
    @Test func directoryNamesAreCaseInsensitive() throws {
        #expect(try store().authenticate(.text("ALICE", Secret("alice-pass"))) == .authenticated(user: "alice", roles: ["admin", "everyone"]))
    }

    @Test func digestIsRefusedWithAReason() throws {
        let token = UsernameTokenCredentials.digest("alice", PasswordDigest.make(password: Secret("alice-pass"), nonce: Data([1, 2, 3]), created: "2024-05-01T12:00:00Z"))
        let result = try store().authenticate(token)
        #expect(result == .rejected(.digestUnsupported))
    }

    @Test func roleChecksAfterAuthentication() throws {
        let check = RoleCheck(allowed: ["admin"])
        guard case .authenticated(_, let aliceRoles) = try store().authenticate(.text("alice", Secret("alice-pass"))),
              case .authenticated(_, let carolRoles) = try store().authenticate(.text("carol", Secret("carol-pass")))
        else { Issue.record("authentication failed"); return }
        #expect(check.decide(roles: aliceRoles) == .allowed(role: "admin"))
        #expect(!check.decide(roles: carolRoles).permits)
        #expect(RoleCheck(allowed: ["Admin"]).decide(roles: aliceRoles) == .denied(userRoles: ["admin", "everyone"], allowed: ["Admin"], caseOnlyMismatch: "admin"))
    }

    @Test func browsing() throws {
        let store = store()
        #expect(try store.users(matching: "", limit: 10).names == ["alice", "bob", "carol", "wssconsole"])
        let limited = try store.users(matching: "", limit: 2)
        #expect(limited.names.count == 2 && limited.truncated)
        #expect(try store.users(matching: "li", limit: 10).names == ["alice"])
        #expect(try store.roleNames(matching: "", limit: 10).names == ["admin", "everyone", "operator"])
        #expect(try store.roles(of: "bob") == ["everyone", "operator"])
        #expect(try store.members(of: "everyone") == ["alice", "bob", "carol"])
        #expect {
            _ = try store.roles(of: "nobody")
        } throws: { ($0 as? UserStoresError)?.code == .unknownUser }
    }

    @Test func unreachableServerThrowsInsteadOfRejecting() throws {
        let port = try FreePort.pick()
        let down = LDAPUserStore(profile: slapd.profile(url: "ldap://127.0.0.1:\(port)/"), bindPassword: Secret(Slapd.readerPassword))
        #expect {
            _ = try down.authenticate(.text("alice", Secret("alice-pass")))
        } throws: { ($0 as? UserStoresError)?.code == .serverUnreachable }
    }

    /// Every connection closes its socket (ldap_init_fd hands the socket to libldap; unbind must close it).
    /// Counts this process's sockets to slapd only: other suites run in parallel and open pipes and files (counting
    /// every descriptor made this test flaky). A connection kept per lookup would add 20; parallel LDAP tests a few.
    @Test func connectionsDoNotLeakSockets() throws {
        let store = store()
        _ = try store.roles(of: "bob")
        let before = try Self.socketsTo(port: slapd.ldapPort)
        for _ in 0..<20 { _ = try store.roles(of: "bob") }
        let after = try Self.socketsTo(port: slapd.ldapPort)
        #expect(after <= before + 5, "\(before) sockets to slapd before 20 lookups, \(after) after")
    }

    /// This process's open TCP sockets whose remote port is `port` (from /proc/net/tcp{,6} and /proc/self/fd).
    static func socketsTo(port: Int) throws -> Int {
        var inodes = Set<String>()
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // Read to the end: /proc files report a size of 0, which a size-based read takes at its word.
            guard let data = FileHandle(forReadingAtPath: table)?.readDataToEndOfFile() else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
                guard fields.count > 9, let remotePort = fields[2].split(separator: ":").last,
                      Int(remotePort, radix: 16) == port else { continue }
                inodes.insert(String(fields[9]))
            }
        }
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        return descriptors.filter { fd in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd) else { return false }
            return target.hasPrefix("socket:[") && inodes.contains(String(target.dropFirst(8).dropLast()))
        }.count
    }
}
