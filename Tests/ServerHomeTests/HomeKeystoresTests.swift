import Foundation
import KeyMaterial
import Testing
@testable import ServerHome

/// The home's keystores: listing, opening with the configured password, and writes through the change path.
@Suite struct HomeKeystoresTests {
    func code(_ body: () throws -> Void) -> HomeError.Code? {
        do { try body(); return nil } catch { return (error as? HomeError)?.code }
    }

    @Test func listsConfiguredAndFoundKeystores() throws {
        let t = try TestHome()
        let store = try Keystore(format: .jks).serialized(password: Secret("p"))
        try store.write(to: URL(fileURLWithPath: t.path("keystores/extra.jks")))
        try t.write("keystores/notes.txt", "not a keystore")
        let listed = try t.home.keystores()
        #expect(listed.map(\.name) == ["service", "client", "extra.jks"])
        #expect(listed.map(\.role) == [.keystore, .client, .found])
        #expect(listed.map(\.format) == [.pkcs12, .pkcs12, .jks])
        #expect(listed[0].alias == "service" && listed[0].hasConfiguredPassword && !listed[2].hasConfiguredPassword)
        #expect(try t.home.keystore(named: "keystore").name == "service")
        #expect(try t.home.keystore(named: "truststore").name == "service")  // the service keystore trusts when no truststore is set
        #expect(try t.home.keystore(named: t.path("keystores/extra.jks")).path == "keystores/extra.jks")
        #expect(code { _ = try t.home.keystore(named: "nothing") } == .keystoreNotFound)
    }

    /// A setting that names a folder's file another way (an absolute path through `..`) lists it once, as the setting
    /// names it: the folder scan listed it a second time as an unnamed file, without its configured password.
    @Test func aFileTheSettingsNameAnotherWayIsListedOnce() throws {
        let t = try TestHome()
        let settings = try #require(t.text("conf/console.toml"))
        try t.write("conf/console.toml", settings.replacingOccurrences(of: "file = \"keystores/wssdemo-service.p12\"",
                                                                      with: "file = \"\(t.root)/keystores/../keystores/wssdemo-service.p12\""))
        let listed = try t.home.keystores()
        #expect(listed.map(\.name) == ["service", "client"], "\(listed.map(\.path))")
        #expect(try t.home.keystore(named: t.path("keystores/wssdemo-service.p12")).hasConfiguredPassword)
    }

    /// The one planner of a new keystore (genkey and import --keystore NEW, the console's n) refuses a file that exists,
    /// a PKCS #12 password Java would not take, a short one and a missing folder; a store made in wssconsole/ (where the
    /// README makes the self-test client's) is listed.
    @Test func aNewKeystoreIsPlannedByItsRulesAndListed() throws {
        let t = try TestHome()
        let generate: (inout Keystore) throws -> Void = {
            try $0.generateKeyPair(alias: "client", algorithm: .ecP256, subject: "CN=test client", validityDays: 30, subjectAltNames: [])
        }
        let plan = { (path: String, password: String) throws -> Change in
            try t.home.planNewKeystore(t.home.keystore(named: t.path(path)), password: Secret(password), summary: "genkey", edit: generate)
        }
        let refusal = { (path: String, password: String) -> String in
            do { _ = try plan(path, password); return "planned" } catch { return (error as? HomeError)?.message ?? "\(error)" }
        }
        #expect(refusal("keystores/wssdemo-client.p12", "long-enough").contains("exists: a new keystore is never written over a file"))
        #expect(refusal("keystores/new.p12", "pässword-1").contains("cannot open a PKCS #12 store whose password is not ASCII"))
        #expect(refusal("keystores/new.p12", "five5").contains("shorter than 6 characters"))
        #expect(refusal("wssconsole/client.jks", "client-pass").contains("wssconsole does not exist"))
        try FileManager.default.createDirectory(atPath: t.path("wssconsole"), withIntermediateDirectories: false)
        try t.home.commit(plan("wssconsole/client.jks", "client-pass"))
        #expect(try t.home.keystores().contains { $0.path == "wssconsole/client.jks" && $0.format == .jks && $0.role == .found })
    }

    @Test func editIsAnUndoableOwnerOnlyChange() throws {
        let t = try TestHome()
        let service = try t.home.keystore(named: "service")
        let password = try t.home.configuredPassword(of: service)
        #expect(code { _ = try t.home.openKeystore(service, password: Secret("wrong")) } == .keystoreWrongPassword)
        let before = try #require(FileManager.default.contents(atPath: t.path(service.path)))
        let change = try t.home.planKeystoreEdit(service, password: password, summary: "rename service to main") { store in
            try store.rename(alias: "service", to: "main")
        }
        #expect(change.edits.count == 1 && change.edits[0].secret && change.diff.contains("binary file"))
        try t.home.commit(change)
        #expect(try t.home.openKeystore(service, password: password).entries.map(\.alias).contains("main"))
        let mode = try FileManager.default.attributesOfItem(atPath: t.path(service.path))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try t.home.commit(t.home.planUndo())
        #expect(FileManager.default.contents(atPath: t.path(service.path)) == before)
    }

    @Test func convertWritesANewFileAndRefusesOutsideTheHome() throws {
        let t = try TestHome()
        let service = try t.home.keystore(named: "service")
        let password = try t.home.configuredPassword(of: service)
        let store = try t.home.openKeystore(service, password: password)
        let change = try t.home.planKeystoreWrite(store, to: "keystores/service.jks", format: .jks, password: password, summary: "convert")
        #expect(change.edits[0].isNewFile)
        try t.home.commit(change)
        let converted = try t.home.keystore(named: "keystores/service.jks")
        #expect(converted.format == .jks)
        #expect(try t.home.openKeystore(converted, password: password).entries.map(\.alias) == store.entries.map(\.alias))
        #expect(code { _ = try t.home.planKeystoreWrite(store, to: "/tmp/elsewhere.jks", password: password, summary: "x") } == .keystoreOperationFailed)
        var damaged = try #require(FileManager.default.contents(atPath: t.path("keystores/service.jks")))
        damaged = damaged.prefix(damaged.count - 5)
        try damaged.write(to: URL(fileURLWithPath: t.path("keystores/service.jks")))
        #expect(code { _ = try t.home.openKeystore(converted, password: password) } == .keystoreUnreadable)
    }

    /// Two commands editing the same store at once: the one that commits second started from the file the first
    /// replaced, so it is refused rather than silently dropping the first one's entry.
    @Test func anEditOfAStoreRewrittenMeanwhileIsRefused() throws {
        let t = try TestHome()
        let service = try t.home.keystore(named: "service")
        let password = try t.home.configuredPassword(of: service)
        let slow = try t.home.planKeystoreEdit(service, password: password, summary: "add slow") { store in
            // Another command commits while this edit is being computed (a big key takes seconds).
            try t.home.commit(t.home.planKeystoreEdit(service, password: password, summary: "add fast") { other in
                try other.rename(alias: "service", to: "fast")
            })
            try store.delete(alias: "service")
        }
        #expect(code { try t.home.commit(slow) } == .writeFailed)
        let aliases = try t.home.openKeystore(service, password: password).entries.map(\.alias)
        #expect(aliases.contains("fast"))
        #expect(t.home.history().count == 1)
    }
}
