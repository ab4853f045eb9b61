import Foundation
import KeyMaterial
import ServerHome
import Testing
import UserStores

/// The embedded store through the home's change path: edits, secret files, diffs, undo.
@Suite struct EmbeddedHomeTests {
    @Test func addUserWithDigestWritesASecretsFileOwnerOnly() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        let change = try home.planAddUser("dave", password: Secret("dave-pass"), roles: ["operator"], allowDigest: true)
        #expect(change.edits.map(\.path) == ["conf/userstore.xml", "conf/userstore.digest-secrets"])
        // Neither the hash nor the kept clear password shows in the preview.
        #expect(!change.diff.contains("dave-pass") && !change.diff.contains(Data("dave-pass".utf8).base64EncodedString()))
        #expect(change.edits.allSatisfy { $0.secret })
        try home.commit(change, note: "test")
        #expect(scratch.mode("conf/userstore.digest-secrets") == 0o600)
        #expect(scratch.mode("conf/userstore.xml") == 0o600)
        let store = try home.embeddedUserStore()
        #expect(try store.allowsDigest("dave"))
        let token = UsernameTokenCredentials.digest("dave", PasswordDigest.make(password: Secret("dave-pass"), nonce: Data([9, 9]), created: "2024-01-01T00:00:00Z"))
        #expect(try home.userStore().authenticate(token) == .authenticated(user: "dave", roles: ["operator"]))
        try home.commit(home.planUndo())
        #expect(try home.embeddedUserStore().users == ["alice", "bob", "carol"])
    }

    @Test func editsPlanOnlyWhatChanges() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        #expect(try home.planAssign(roles: ["everyone"], to: "alice").edits.isEmpty)
        let removal = try home.planRemoveRole("operator")
        try home.commit(removal)
        let store = try home.embeddedUserStore()
        #expect(store.roles == ["admin", "everyone"])
        #expect(try store.roles(of: "bob") == ["everyone"])
    }

    @Test func errorsKeepTheirCodes() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        #expect { _ = try home.planAddUser("alice", password: Secret("alice-pass"), roles: [], allowDigest: false) } throws: {
            ($0 as? UserStoresError)?.code == .duplicateUser
        }
        #expect { _ = try home.planAssign(roles: ["ghost"], to: "alice") } throws: { ($0 as? UserStoresError)?.code == .unknownRole }
    }

    @Test func ldapHomeRefusesEmbeddedEdits() throws {
        let scratch = try ScratchHome()
        let home = try Home.open(scratch.root)
        var edit = UserStoreProfileEdit()
        edit.type = "read_only_ldap"
        edit.url = "ldap://127.0.0.1:1/"
        try home.commit(home.planUserStoreProfile(edit))
        #expect { _ = try home.planRemoveUser("alice") } throws: { ($0 as? HomeError)?.code == .homeUnreadable }
    }
}
