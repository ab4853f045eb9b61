import Testing
import Foundation
import KeyMaterial
import TestSupport
import WSSecurity
@testable import ServerHome

/// A CA among the certificates the service trusts makes a client of everyone it certifies: validation tells it
/// (truststore.trustsCA) where the service checks client certificates, and importing one says so as it is written.
@Suite struct TrustedCAFindingsTests {
    let keys = KeyFindingsTests()

    /// The demo service store with keytool's root CA added as the trusted entry partner-ca.
    private func trustingTheRoot(_ t: TestHome, _ ca: KeytoolCA) throws {
        try keys.writeServiceStore(t, try keys.serviceStore(t).entries + [.trustedCertificate(alias: "partner-ca", certificate: ca.root)])
    }

    @Test func theScenariosThatCheckClientCertificatesNameTheTrustedCA() throws {
        let t = try TestHome()
        let ca = try KeytoolCA()
        defer { ca.remove() }
        try trustingTheRoot(t, ca)
        let service = try t.home.service(named: "OrderProxy")
        for number in [2, 5, 9, 10, 11] {
            let report = t.home.validate(service, scenario: number, selfTest: false)
            let finding = try #require(report.findings.first { $0.code == "truststore.trustsCA" }, "scenario \(number): \(report.findings.map(\.code))")
            #expect(finding.severity == .info, "scenario \(number)")
            #expect(finding.message.contains("trusts a CA: partner-ca (CN=Test Root CA,O=wssconsole). Every certificate it issues is accepted as a client, whoever it names"),
                    "\(finding.message)")
            #expect(finding.fix.contains("keystore delete --entry keystore --alias partner-ca"), "\(finding.fix)")
        }
        // The others never take a client's certificate: the service's own key decides (3, 4, 6-8, 12-15) or Kerberos (16).
        for number in [1, 3, 4, 6, 7, 8, 12, 13, 14, 15, 16] {
            let codes = t.home.validate(service, scenario: number, selfTest: false).findings.map(\.code)
            #expect(!codes.contains("truststore.trustsCA"), "scenario \(number): \(codes)")
        }
    }

    /// keystore import (the CLI, the console's i) plans through the keystore edit: its notes say what a CA or an
    /// expired certificate means before anything is written.
    @Test func importingACAOrAnExpiredCertificateSaysWhatItMeans() throws {
        let t = try TestHome()
        let ca = try KeytoolCA(intermediateStart: "-400d", intermediateDays: 30)
        defer { ca.remove() }
        let keystore = try t.home.keystore(named: "keystore")
        let password = Secret(DemoMaterial.servicePassword)
        let change = try t.home.planKeystoreEdit(keystore, password: password, summary: "import") {
            _ = try $0.importTrustedCertificate(ca.intermediate, alias: "old-ca")
        }
        let path = "keystores/" + DemoMaterial.serviceKeystoreFile
        #expect(change.notes.contains("\(path): old-ca is a CA: every certificate it issues is trusted with it, and a service that checks client signatures against this store accepts any of them as a client, whoever it names"),
                "\(change.notes)")
        #expect(change.notes.contains("\(path): old-ca expired on \(DisplayDate.day(ca.intermediate.notAfter)): a client certificate that is it or chains to it is refused, so it lets no client in; import a current one"),
                "\(change.notes)")
        // A current certificate that issues nothing gets neither note.
        let leaf = try Certificate.selfSigned(key: PrivateKey.generate(.ecP256), subject: "CN=partner", validityDays: 30)
        let plain = try t.home.planKeystoreEdit(keystore, password: password, summary: "import") { _ = try $0.importTrustedCertificate(leaf, alias: "partner") }
        #expect(plain.notes.count == 1 && plain.notes[0].contains("adds trusted certificate partner"), "\(plain.notes)")
    }
}
