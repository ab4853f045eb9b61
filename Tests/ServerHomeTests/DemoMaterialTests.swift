import Foundation
import KeyMaterial
import ServerHome
import Testing
import UserStores

@Suite struct DemoMaterialTests {
    @Test func keystoresTrustEachOtherAndKeytoolAgrees() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DemoMaterial.generateKeystores(into: dir)
        let servicePath = dir + "/" + DemoMaterial.serviceKeystoreFile
        let clientPath = dir + "/" + DemoMaterial.clientKeystoreFile
        for path in [servicePath, clientPath] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let service = try PKCS12Keystore(data: Data(contentsOf: URL(fileURLWithPath: servicePath)), password: Secret(DemoMaterial.servicePassword))
        let client = try PKCS12Keystore(data: Data(contentsOf: URL(fileURLWithPath: clientPath)), password: Secret(DemoMaterial.clientPassword))
        #expect(service.entries.map(\.alias) == ["service", "client"])
        #expect(client.entries.map(\.alias) == ["client", "service"])
        #expect(service.entry(alias: "service")?.certificate == client.entry(alias: "service")?.certificate)
        #expect(client.entry(alias: "client")?.certificate == service.entry(alias: "client")?.certificate)
        let cert = try #require(service.entry(alias: "service")?.certificate)
        #expect(cert.subject == DemoMaterial.serviceSubject)
        #expect(cert.publicKeyDescription == "RSA 2048")
        #expect(abs(cert.notAfter.timeIntervalSince(cert.notBefore) / 86_400 - 3650) < 0.01)
        #expect(try !FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.contains("tmp") })

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/keytool")
        p.arguments = ["-J-Duser.language=en", "-list", "-storetype", "PKCS12", "-keystore", servicePath, "-storepass", DemoMaterial.servicePassword]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(out.contains("service,") && out.contains("PrivateKeyEntry"))
        #expect(out.contains("client,") && out.contains("trustedCertEntry"))
    }

    @Test func userStore() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("demo-users-\(UUID().uuidString).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DemoMaterial.generateUserStore(at: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try EmbeddedUserStore(xml: data)
        #expect(store.isDemo)
        #expect(store.users == ["alice", "bob", "carol"])
        #expect(try store.roles(of: "alice") == ["admin", "everyone"])
        #expect(store.authenticate(user: "bob", password: Secret("bob-demo-pass")) == .authenticated(user: "bob", roles: ["operator", "everyone"]))
        #expect(store.authenticate(user: "carol", password: Secret("alice-demo-pass")) == .rejected(.wrongPassword))
        #expect(!String(decoding: data, as: UTF8.self).contains("demo-pass"))
    }
}
