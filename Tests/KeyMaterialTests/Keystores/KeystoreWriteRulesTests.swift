import Foundation
import TestSupport
import KeyMaterial
import Testing

/// What a keystore refuses to be written with: passwords Java cannot use, aliases a terminal would obey.
@Suite struct KeystoreWriteRulesTests {
    static let nonASCII = Secret("pässwörd-日本")

    static func isNotASCIIRefusal(_ error: any Error) -> Bool {
        guard let error = error as? KeyMaterialError else { return false }
        return error.code == .invalidArgument && error.reason.contains("not ASCII")
    }

    /// keytool called the password of such a file incorrect, so Micro Integrator could not open it either.
    @Test func aNewPKCS12PasswordMustBeASCII() throws {
        var opened = try Keystore.open(data: KeystoreFormatsTests.sample(.pkcs12).serialized(password: Secret("ascii-pass")),
                                       password: Secret("ascii-pass"))
        #expect { try opened.changeStorePassword(old: Secret("ascii-pass"), new: Self.nonASCII) } throws: { Self.isNotASCIIRefusal($0) }
        #expect { try opened.changeKeyPassword(alias: "service", old: Secret("ascii-pass"), new: Self.nonASCII) } throws: { Self.isNotASCIIRefusal($0) }
        #expect { try KeystoreFormatsTests.sample(.pkcs12).serialized(password: Self.nonASCII) } throws: { Self.isNotASCIIRefusal($0) }
        #expect { try KeystoreFormatsTests.sample(.jks).serialized(format: .pkcs12, password: Self.nonASCII) } throws: { Self.isNotASCIIRefusal($0) }
        #expect { try opened.serialized(password: Self.nonASCII) } throws: { Self.isNotASCIIRefusal($0) }
        try opened.changeStorePassword(old: Secret("ascii-pass"), new: Secret("other-ascii"))
        #expect(throws: Never.self) { try opened.serialized(password: Secret("other-ascii")) }
    }

    /// A store that already has such a password (OpenSSL wrote it) still opens and keeps it through a write; JKS
    /// and PEM take any password (keytool opens a JKS store with one).
    @Test func anExistingNonASCIIPasswordStillWorksAndOtherFormatsTakeAny() throws {
        let existing = try PKCS12Keystore(entries: [.privateKey(alias: "service", key: Fixtures.rsaKey, chain: [Fixtures.rsaCertificate])])
            .serialized(password: Self.nonASCII)
        var store = try Keystore.open(data: existing, password: Self.nonASCII)
        try store.generateKeyPair(alias: "added", algorithm: .ecP256, subject: "CN=added", validityDays: 30)
        let written = try store.serialized(password: Self.nonASCII)
        #expect(try Keystore.open(data: written, password: Self.nonASCII).entries.map(\.alias) == ["service", "added"])
        for format in [KeystoreFormat.jks, .pem] {
            var other = try Keystore.open(data: KeystoreFormatsTests.sample(format).serialized(password: Secret("ascii-pass")), password: Secret("ascii-pass"))
            try other.changeStorePassword(old: Secret("ascii-pass"), new: Self.nonASCII)
            #expect(try Keystore.open(data: other.serialized(password: Self.nonASCII), password: Self.nonASCII).entries.count == 2)
        }
    }

    /// keytool accepts an alias with an ESC; we wrote one too and printed it raw.
    @Test func aliasesWithControlCharactersAreRefusedAndShownEscaped() throws {
        var store = KeystoreFormatsTests.sample(.pkcs12)
        for alias in ["ctl\u{1b}[31mred", "two\nlines", "tab\there", "del\u{7f}", "c1\u{85}"] {
            #expect { try store.generateKeyPair(alias: alias, algorithm: .ecP256, subject: "CN=x", validityDays: 1) } throws: {
                ($0 as? KeyMaterialError)?.code == .invalidArgument && ($0 as? KeyMaterialError)?.reason.contains("control characters") == true
            }
            #expect(throws: KeyMaterialError.self) { try store.importTrustedCertificate(Fixtures.rsaCertificate, alias: alias, allowDuplicate: true) }
            #expect(throws: KeyMaterialError.self) { try store.rename(alias: "client", to: alias) }
        }
        #expect(store.entries.map(\.alias) == ["service", "client"])
        try store.rename(alias: "client", to: "партнёр-日本")
        #expect(PrintableText.escaped("ctl\u{1b}[31mred\n\u{7f}\u{9b}") == "ctl\\x1b[31mred\\x0a\\x7f\\x9b")
        #expect(PrintableText.escaped("партнёр-日本") == "партнёр-日本")
    }
}

