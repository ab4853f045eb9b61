import Foundation
import KeyMaterial
import Testing
import UserStores

@Suite struct DigestTests {
    /// The UsernameToken Profile's usual example: the digest every WS-Security stack computes for these inputs.
    @Test func knownVector() throws {
        let nonce = try #require(Data(base64Encoded: "LKqI6G/AikKCQrN0zqZFlg=="))
        let digest = PasswordDigest.make(password: Secret("userpassword"), nonce: nonce, created: "2010-09-16T07:50:45Z")
        #expect(digest.digest.base64EncodedString() == "tuOSpGlFlIXsozq4HFNeeGeFLEI=")
        #expect(digest.matches(Secret("userpassword")))
        #expect(!digest.matches(Secret("userpassworD")))
    }

    static func token(_ user: String, _ password: String) -> UsernameTokenCredentials {
        .digest(user, PasswordDigest.make(password: Secret(password), nonce: Data((0..<16).map { UInt8($0) }), created: "2024-05-01T12:00:00Z"))
    }

    @Test func digestNeedsAnExplicitOptIn() throws {
        var store = EmbeddedUserStore(passwordIterations: 1_000)
        try store.addRole("admin")
        try store.addUser("alice", password: Secret("alice-pass"), roles: ["admin"])
        try store.addUser("dave", password: Secret("dave-pass"), roles: ["admin"], allowDigest: true)
        #expect(try store.authenticate(Self.token("alice", "alice-pass")) == .rejected(.digestNotEnabled))
        #expect(try store.authenticate(Self.token("dave", "dave-pass")) == .authenticated(user: "dave", roles: ["admin"]))
        #expect(try store.authenticate(Self.token("dave", "wrong")) == .rejected(.wrongPassword))
        #expect(try store.authenticate(Self.token("nobody", "x")) == .rejected(.unknownUser))
        #expect(store.digestSecrets.users == ["dave"])
        // Text still works for both.
        #expect(try store.authenticate(.text("alice", Secret("alice-pass"))).isAuthenticated)
        #expect(try store.authenticate(.text("alice", Secret(""))) == .rejected(.emptyPassword))
    }

    @Test func passwordChangesKeepTheDigestSecretInStep() throws {
        var store = EmbeddedUserStore(passwordIterations: 1_000)
        try store.addUser("dave", password: Secret("old"), allowDigest: true)
        try store.setPassword(of: "dave", to: Secret("new"))
        #expect(try store.authenticate(Self.token("dave", "old")) == .rejected(.wrongPassword))
        #expect(try store.authenticate(Self.token("dave", "new")).isAuthenticated)
        try store.disableDigest(for: "dave")
        #expect(store.digestSecrets.users.isEmpty)
        #expect(try store.authenticate(Self.token("dave", "new")) == .rejected(.digestNotEnabled))
        try store.setPassword(of: "dave", to: Secret("newer"), allowDigest: true)
        #expect(try store.authenticate(Self.token("dave", "newer")).isAuthenticated)
        try store.removeUser("dave")
        #expect(store.digestSecrets.users.isEmpty)
    }

    @Test func storeFileMarksDigestUsersAndHoldsNoClearPassword() throws {
        var store = EmbeddedUserStore(passwordIterations: 1_000)
        try store.addUser("dave", password: Secret("dave-pass"), allowDigest: true)
        let text = String(decoding: store.serialized(), as: UTF8.self)
        #expect(text.contains("<User name=\"dave\" digest=\"allowed\">"))
        #expect(!text.contains("dave-pass") && !text.contains(Data("dave-pass".utf8).base64EncodedString()))
        var read = try EmbeddedUserStore(xml: Data(text.utf8))
        #expect(try read.allowsDigest("dave"))
        // Without the secrets file the user is marked but cannot be checked, and the reason says so.
        #expect(try read.authenticate(Self.token("dave", "dave-pass")) == .rejected(.digestSecretMissing))
        read.digestSecrets = try DigestSecrets(data: store.digestSecrets.serialized())
        #expect(try read.authenticate(Self.token("dave", "dave-pass")).isAuthenticated)
    }

    @Test func secretsFileRoundTripsAndRefusesDamage() throws {
        var secrets = DigestSecrets()
        secrets["o'neil & co"] = Secret("p w\td")
        secrets["alice"] = Secret("alice-pass")
        let data = secrets.serialized()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("# wssconsole PasswordDigest secrets"))
        let read = try DigestSecrets(data: data)
        #expect(read.users == ["alice", "o'neil & co"])
        #expect(read["o'neil & co"]?.isEqual(to: Secret("p w\td")) == true)
        #expect(!text.contains("alice"))
        for damaged in ["alice only-one-field\n", "user=YWxpY2U= password=not-base64!\n", "user= password=eA==\n"] {
            #expect {
                _ = try DigestSecrets(data: Data(damaged.utf8))
            } throws: { ($0 as? UserStoresError)?.code == .malformedStore }
        }
    }
}
