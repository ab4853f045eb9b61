import ConsoleUI
import Foundation
import KeyMaterial
import Testing
@testable import Console

/// i on a keystore with a certificate the store already holds: the same trusted entry is refused (nothing to import),
/// but one that is only in a key pair's chain (the CA of a CA reply, the key pair's own certificate) trusts nothing
/// there, so the console offers to import it as a trusted entry anyway, as the CLI's --allow-duplicate does.
@Suite struct TrustedImportScreenTests {
    let keystore = KeystoreScreenTests()
    let peer = KeystoreScreenKeytoolTests()

    func importTrusted(_ path: String, as alias: String, _ driver: ConsoleDriver) {
        driver.press(.char("i"))
        keystore.type(path, into: driver)
        driver.press(.tab)
        keystore.type(alias, into: driver)
        driver.press(.enter)
    }

    @Test func theCAOfACAReplyIsImportedAsATrustedEntryAnyway() throws {
        let t = try TestHome()
        let ca = t.path("ca.p12")
        _ = try peer.keytool(["-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Partner CA", "-ext", "bc:c",
                                  "-validity", "30", "-keystore", ca, "-storetype", "PKCS12", "-storepass", "ca-pass-123"])
        let driver = keystore.openServiceStore(t)
        driver.press(.home, .char("c"))
        keystore.type("service.csr", into: driver)
        driver.press(.enter, .enter, .escape)               // write the CSR, leave its page
        _ = try peer.keytool(["-gencert", "-alias", "ca", "-keystore", ca, "-storetype", "PKCS12", "-storepass", "ca-pass-123", "-rfc",
                                  "-infile", t.path("service.csr"), "-outfile", t.path("reply.pem"), "-validity", "20"])
        let caPEM = try peer.keytool(["-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storetype", "PKCS12", "-storepass", "ca-pass-123"])
        try t.write("ca.pem", caPEM)
        try (t.read("reply.pem")! + caPEM).write(toFile: t.path("reply.pem"), atomically: true, encoding: .utf8)
        driver.press(.char("I"))
        keystore.type("reply.pem", into: driver)
        driver.press(.enter, .left, .enter)                 // install the reply: the CA is now in service's chain
        #expect(try keystore.store(t).entry(alias: "service")?.chain.count == 2)

        importTrusted("ca.pem", as: "partner-ca", driver)
        let offer = driver.screen(width: 100, height: 30)
        #expect(offer.contains("Import partner-ca anyway?"), "\(offer)")
        #expect(offer.contains("It is in the chain of key pair service, not a trusted entry"), "\(offer)")
        #expect(!offer.contains("m renames"), "renaming does not help: \(offer)")
        driver.press(.left, .enter)                         // Import anyway (Cancel is the default)
        let trusted = try #require(try keystore.store(t).entry(alias: "partner-ca"))
        #expect(trusted.kind == .trustedCertificate && trusted.certificate?.subject == "CN=Partner CA")

        // Now it is a trusted entry: a second import is refused beside the file.
        importTrusted("ca.pem", as: "again", driver)
        #expect(driver.screen().contains("already trusted as partner-ca: nothing to import"), "\(driver.screen())")
        driver.press(.escape)
        #expect(try keystore.store(t).entry(alias: "again") == nil)
    }

    /// The key pair's own certificate: said as such, and Cancel (the default) writes nothing.
    @Test func theKeyPairsOwnCertificateIsSaidAsSuch() throws {
        let t = try TestHome()
        let driver = keystore.openServiceStore(t)
        driver.press(.home, .char("e"), .enter, .enter, .enter)   // export service's certificate as PEM, to service.pem
        let before = try Data(contentsOf: URL(fileURLWithPath: t.path(KeystoreScreenTests.serviceStore)))
        importTrusted("service.pem", as: "again", driver)
        #expect(driver.screen(width: 100, height: 30).contains("It is the certificate of key pair service, not a trusted entry"), "\(driver.screen())")
        driver.press(.enter)
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.path(KeystoreScreenTests.serviceStore))) == before)
    }

    /// A CA imported as trusted: the question says that everyone it certifies is trusted with it, as keystore import does.
    @Test func aCAIsSaidToTrustEveryCertificateItIssues() throws {
        let t = try TestHome()
        let ca = t.path("ca.p12")
        _ = try peer.keytool(["-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Partner CA", "-ext", "bc:c",
                                  "-validity", "30", "-keystore", ca, "-storetype", "PKCS12", "-storepass", "ca-pass-123"])
        try t.write("ca.pem", try peer.keytool(["-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storetype", "PKCS12", "-storepass", "ca-pass-123"]))
        let driver = keystore.openServiceStore(t)
        importTrusted("ca.pem", as: "partner-ca", driver)
        let question = driver.screen(width: 120, height: 30)
        #expect(question.contains("Import partner-ca?"), "\(question)")
        #expect(question.contains("Note: keystores/wssdemo-service.p12: partner-ca is a CA: every") && question.contains("certificate it issues is trusted with it"),
                "\(question)")
        driver.press(.escape)
    }
}
