import Foundation
import KeyMaterial
import Testing
import UserStores

@Suite struct EmbeddedUserStoreTests {
    /// A small store; low iterations keep the tests fast (the default is exercised separately).
    static func sample() throws -> EmbeddedUserStore {
        var store = EmbeddedUserStore(passwordIterations: 1_000)
        try store.addRole("admin")
        try store.addRole("everyone")
        try store.addUser("alice", password: Secret("alice-pass"), roles: ["admin", "everyone"])
        try store.addUser("bob", password: Secret("bob-pass"), roles: ["everyone"])
        return store
    }

    @Test func authenticates() throws {
        let store = try Self.sample()
        #expect(store.authenticate(user: "alice", password: Secret("alice-pass"))
            == .authenticated(user: "alice", roles: ["admin", "everyone"]))
        #expect(store.authenticate(user: "alice", password: Secret("bob-pass")) == .rejected(.wrongPassword))
        #expect(store.authenticate(user: "mallory", password: Secret("alice-pass")) == .rejected(.unknownUser))
        #expect(store.authenticate(user: "Alice", password: Secret("alice-pass")) == .rejected(.unknownUser))
    }

    @Test func roundTripsThroughXML() throws {
        let store = try Self.sample()
        let data = store.serialized()
        let read = try EmbeddedUserStore(xml: data)
        #expect(read.users == ["alice", "bob"])
        #expect(read.roles == ["admin", "everyone"])
        #expect(try read.roles(of: "bob") == ["everyone"])
        #expect(!read.isDemo)
        #expect(read.authenticate(user: "bob", password: Secret("bob-pass")).isAuthenticated)
        #expect(read.serialized() == data)
    }

    @Test func demoFlagAndComment() throws {
        var store = try Self.sample()
        store.isDemo = true
        let text = String(decoding: store.serialized(), as: UTF8.self)
        #expect(text.contains("demo=\"true\""))
        #expect(text.contains("<!-- DEMO"))
        #expect(try EmbeddedUserStore(xml: Data(text.utf8)).isDemo)
    }

    @Test func fileHoldsNoClearPasswordAndSaltsDiffer() throws {
        var store = EmbeddedUserStore()
        try store.addRole("everyone")
        // Same password for both users, default iteration count: the hashes must still differ.
        try store.addUser("one", password: Secret("same-password"), roles: ["everyone"])
        try store.addUser("two", password: Secret("same-password"))
        let text = String(decoding: store.serialized(), as: UTF8.self)
        #expect(!text.contains("same-password"))
        #expect(!text.contains(Data("same-password".utf8).base64EncodedString()))
        #expect(text.contains("iterations=\"210000\""))
        let salts = text.matches(of: /salt="([^"]+)"/).map { String($0.1) }
        #expect(salts.count == 2)
        #expect(Set(salts).count == 2)
        #expect(salts.allSatisfy { Data(base64Encoded: $0)?.count == 16 })
        let read = try EmbeddedUserStore(xml: Data(text.utf8))
        #expect(read.authenticate(user: "two", password: Secret("same-password")).isAuthenticated)
    }

    @Test func editing() throws {
        var store = try Self.sample()
        try store.setPassword(of: "bob", to: Secret("new-pass"))
        #expect(store.authenticate(user: "bob", password: Secret("bob-pass")) == .rejected(.wrongPassword))
        #expect(store.authenticate(user: "bob", password: Secret("new-pass")).isAuthenticated)
        try store.assign(role: "admin", to: "bob")
        try store.assign(role: "admin", to: "bob")
        #expect(try store.roles(of: "bob") == ["everyone", "admin"])
        try store.unassign(role: "everyone", from: "bob")
        #expect(try store.roles(of: "bob") == ["admin"])
        try store.removeUser("alice")
        #expect(store.users == ["bob"])
    }

    @Test func editingErrors() throws {
        var store = try Self.sample()
        func code(_ body: () throws -> Void) -> UserStoresError.Code? {
            do { try body() } catch let error as UserStoresError { return error.code } catch { return nil }
            return nil
        }
        #expect(code { try store.addUser("alice", password: Secret("x")) } == .duplicateUser)
        #expect(code { try store.addUser("carol", password: Secret("x"), roles: ["nope"]) } == .unknownRole)
        #expect(code { try store.addUser("", password: Secret("x")) } == .invalidName)
        #expect(code { try store.addUser(" carol", password: Secret("x")) } == .invalidName)
        #expect(code { try store.addUser("car\nol", password: Secret("x")) } == .invalidName)
        #expect(code { try store.addRole("admin") } == .duplicateRole)
        #expect(code { try store.assign(role: "nope", to: "alice") } == .unknownRole)
        #expect(code { try store.assign(role: "admin", to: "nobody") } == .unknownUser)
        #expect(code { try store.removeUser("nobody") } == .unknownUser)
        #expect(code { try store.setPassword(of: "nobody", to: Secret("x")) } == .unknownUser)
        #expect(code { _ = try store.roles(of: "nobody") } == .unknownUser)
        #expect(code { try store.addUser("carol", password: Secret("")) } == .emptyPassword)
        #expect(code { try store.setPassword(of: "alice", to: Secret("")) } == .emptyPassword)
        #expect(store.users == ["alice", "bob"])
    }

    @Test func namesAreEscaped() throws {
        var store = EmbeddedUserStore(passwordIterations: 1_000)
        try store.addRole("R&D <lab> \"x\"")
        try store.addUser("o'neil & co", password: Secret("p"), roles: ["R&D <lab> \"x\""])
        let read = try EmbeddedUserStore(xml: store.serialized())
        #expect(read.users == ["o'neil & co"])
        #expect(try read.roles(of: "o'neil & co") == ["R&D <lab> \"x\""])
    }

    @Test(arguments: [
        "",
        "<UserStore/>",
        "<UserStore xmlns=\"urn:other\"/>",
        "<UserStore xmlns=\"urn:wssconsole:userstore:1\"><Extra/></UserStore>",
        "<UserStore xmlns=\"urn:wssconsole:userstore:1\"><Users><User name=\"a\"/></Users></UserStore>",
        "<UserStore xmlns=\"urn:wssconsole:userstore:1\"><Users><User name=\"a\"><Password scheme=\"plain\" iterations=\"1000\" salt=\"AAAAAAAAAAA=\">x</Password></User></Users></UserStore>",
        "<UserStore xmlns=\"urn:wssconsole:userstore:1\"><Users><User name=\"a\"><Password scheme=\"pbkdf2-sha256\" iterations=\"1\" salt=\"AAAAAAAAAAAAAAAAAAAAAA==\">AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</Password></User></Users></UserStore>",
        "<!DOCTYPE UserStore [<!ENTITY x \"y\">]><UserStore xmlns=\"urn:wssconsole:userstore:1\"/>",
    ])
    func rejectsMalformedFiles(text: String) {
        #expect {
            _ = try EmbeddedUserStore(xml: Data(text.utf8))
        } throws: { ($0 as? UserStoresError)?.code == .malformedStore }
    }

    /// Each user and role read was looked for among all those before it: a store of 20,000 users took 17 seconds to open.
    @Test func aLargeStoreIsReadInOnePass() throws {
        let password = #"<Password scheme="pbkdf2-sha256" iterations="1000" salt="AAAAAAAAAAAAAAAAAAAAAA==">AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</Password>"#
        let roles = (0..<1_000).map { "<Role name=\"r\($0)\"/>" }.joined()
        let users = (0..<40_000).map { "<User name=\"u\($0)\">\(password)<MemberOf role=\"r\($0 % 1_000)\"/></User>" }.joined()
        func store(_ users: String) -> Data {
            Data("<UserStore xmlns=\"urn:wssconsole:userstore:1\"><Roles>\(roles)</Roles><Users>\(users)</Users></UserStore>".utf8)
        }
        let read = try EmbeddedUserStore(xml: store(users))
        #expect(read.users.count == 40_000)
        #expect(try read.roles(of: "u39999") == ["r999"])
        #expect {
            _ = try EmbeddedUserStore(xml: store(users + "<User name=\"u7\">\(password)</User>"))
        } throws: { ($0 as? UserStoresError)?.code == .duplicateUser }
    }

    @Test func rejectsMembershipInUndefinedRole() {
        let text = """
            <UserStore xmlns="urn:wssconsole:userstore:1"><Users><User name="a">\
            <Password scheme="pbkdf2-sha256" iterations="1000" salt="AAAAAAAAAAAAAAAAAAAAAA==">\
            AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</Password><MemberOf role="ghost"/></User></Users></UserStore>
            """
        #expect {
            _ = try EmbeddedUserStore(xml: Data(text.utf8))
        } throws: { ($0 as? UserStoresError)?.code == .unknownRole }
    }
}
