import Foundation
import Testing
import TestSupport
import WSSecurity
@testable import ServerHome

/// Micro Integrator as it ships: wso2carbon.jks (alias wso2carbon, password wso2carbon, a self-signed CN=localhost,
/// O=WSO2 certificate) is in every distribution, so its private key is public. Validation said `ok` over it.
@Suite struct MicroIntegratorShippedKeyTests {
    /// deployment.toml pointed at a JKS keytool made in WSO2's shape, with `password` for the store and the key.
    private func shipped(_ mi: MicroIntegratorHome, password: String) throws {
        let path = mi.root + "/repository/resources/security/wso2carbon.jks"
        try KeytoolCA.keytool(["-genkeypair", "-alias", "wso2carbon", "-keyalg", "RSA", "-keysize", "2048", "-validity", "365",
                               "-dname", "CN=localhost, O=WSO2, L=Mountain View, ST=CA, C=US", "-storetype", "JKS", "-keystore", path,
                               "-storepass", password, "-keypass", password])
        chmod(path, 0o600)
        try mi.write("conf/deployment.toml", MicroIntegratorHome.deploymentTOML
            .replacingOccurrences(of: "wso2carbon.p12\"   # PKCS#12 here; MI ships a JKS\ntype = \"PKCS12\"", with: "wso2carbon.jks\"")
            .replacingOccurrences(of: MicroIntegratorHome.password, with: password))
    }

    /// The warnings and errors (scenario 3's suite is also an info, policy.sha1).
    private func findings(_ mi: MicroIntegratorHome) throws -> [Finding] {
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 3, to: "QuoteProxy"))
        return home.validate(try home.service(named: "QuoteProxy")).findings.filter { $0.severity != .info }
    }

    @Test func wso2sDefaultKeyAndPasswordAreEachAWarning() throws {
        let mi = try MicroIntegratorHome()
        try shipped(mi, password: "wso2carbon")
        let found = try findings(mi)
        #expect(found.map(\.code) == ["keystore.demo", "keystore.defaultPassword"], "\(found)")
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found[0].message.contains("(wso2carbon, CN=localhost,O=WSO2,L=Mountain View,ST=CA,C=US) is WSO2's default"), "\(found[0].message)")
        #expect(found[0].fix.contains("keystore genkey --entry primary --alias NEW --dname \"CN=HOST\"") && found[0].fix.contains("conf/deployment.toml"), "\(found[0].fix)")
        #expect(found[1].message.contains("wso2carbon.jks opens with WSO2's published default password"), "\(found[1].message)")
        #expect(found[1].fix.contains("keystore passwd --entry primary --keys-too"), "\(found[1].fix)")
    }

    /// The key is still WSO2's after its password changed: only the password finding goes.
    @Test func anotherPasswordLeavesTheDefaultKeyFlagged() throws {
        let mi = try MicroIntegratorHome()
        try shipped(mi, password: "changed-store-pass")
        #expect(try findings(mi).map(\.code) == ["keystore.demo"])
    }
}
