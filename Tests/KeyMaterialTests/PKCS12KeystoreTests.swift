import Foundation
import KeyMaterial
import Testing

@Suite struct PKCS12KeystoreTests {
    static let password = Secret("store-pass")

    static func sampleStore() -> PKCS12Keystore {
        PKCS12Keystore(entries: [
            .privateKey(alias: "service", key: Fixtures.rsaKey, chain: [Fixtures.rsaCertificate]),
            .trustedCertificate(alias: "client", certificate: Fixtures.ecCertificate),
        ])
    }

    @Test func writeThenReadKeepsEntriesAndFingerprints() throws {
        let data = try Self.sampleStore().serialized(password: Self.password)
        #expect(KeystoreFormat.detect(data) == .pkcs12)
        let read = try PKCS12Keystore(data: data, password: Self.password)
        #expect(read.skippedContents.isEmpty)
        #expect(read.entries.map(\.alias) == ["service", "client"])
        guard case let .privateKey(_, key, chain)? = read.entry(alias: "SERVICE") else {
            Issue.record("no key entry")
            return
        }
        #expect(chain.map(\.sha256Fingerprint) == [Fixtures.rsaCertificate.sha256Fingerprint])
        #expect(key.matches(Fixtures.rsaCertificate))
        #expect(read.entry(alias: "client")?.certificate?.sha256Fingerprint == Fixtures.ecCertificate.sha256Fingerprint)
        #expect(read.entries == Self.sampleStore().entries)
    }

    @Test func emptyStoreRoundTrip() throws {
        let data = try PKCS12Keystore().serialized(password: Self.password)
        #expect(try PKCS12Keystore(data: data, password: Self.password).entries.isEmpty)
    }

    @Test func wrongPasswordIsNotCorruption() throws {
        let data = try Self.sampleStore().serialized(password: Self.password)
        #expect {
            _ = try PKCS12Keystore(data: data, password: Secret("not-the-pass"))
        } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
    }

    @Test func damagedBytesAreCorrupt() throws {
        var data = try Self.sampleStore().serialized(password: Self.password)
        #expect {
            _ = try PKCS12Keystore(data: Data("not a keystore".utf8), password: Self.password)
        } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
        #expect {
            _ = try PKCS12Keystore(data: data.prefix(data.count / 2), password: Self.password)
        } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
        // A flipped byte inside the encrypted key breaks the MAC; the password still decrypts the certificate safe,
        // which only the store password encrypts, so it is right and the file was altered.
        var inKey = data
        inKey[inKey.count - 200] ^= 0xFF
        #expect { try PKCS12Keystore(data: inKey, password: Self.password) } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
        // Inside the certificate safe nothing tells damage from a wrong password.
        data[data.count / 2] ^= 0xFF
        #expect(throws: KeyMaterialError.self) { try PKCS12Keystore(data: data, password: Self.password) }
    }

    @Test func rejectsInconsistentEntries() {
        let mismatched = PKCS12Keystore(entries: [
            .privateKey(alias: "k", key: Fixtures.rsaKey, chain: [Fixtures.ecCertificate]),
        ])
        let duplicate = PKCS12Keystore(entries: [
            .trustedCertificate(alias: "a", certificate: Fixtures.ecCertificate),
            .trustedCertificate(alias: "A", certificate: Fixtures.rsaCertificate),
        ])
        for store in [mismatched, duplicate] {
            #expect {
                _ = try store.serialized(password: Self.password)
            } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
        }
    }

    @Test func detectsFormats() {
        #expect(KeystoreFormat.detect(Data([0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2])) == .jks)
        #expect(KeystoreFormat.detect(Data(Fixtures.ecCertificate.pemString.utf8)) == .pem)
        #expect(KeystoreFormat.detect(Fixtures.ecCertificate.derBytes) == .unknown)
        #expect(KeystoreFormat.detect(Data()) == .unknown)
    }
}
