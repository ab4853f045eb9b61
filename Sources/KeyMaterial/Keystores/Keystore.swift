import Foundation

/// A keystore of any supported format (JKS, PKCS #12, PEM) as a value: open it, change a copy, serialise it.
///
/// API for the console, the CLI and validation (everything is a pure value; files are the caller's):
/// - Open: `Keystore.open(data:password:keyPasswords:)` detects the format from the content. A wrong store
///   password is `KeyMaterialError.wrongPassword`, a damaged file `.corrupt`, an unknown one `.unsupported`.
/// - Read: `entries` (file order), `entry(alias:)` (case-insensitive), `Entry.kind`, `.chain`, `.certificate`,
///   `.privateKey` (nil while a key with its own password is locked), `Certificate.details` (subject,
///   issuer, validity, key, SHA-256 fingerprint, extensions) and `Certificate.expiry(now:)` (expired /
///   expires within 30 days, as data).
/// - Check a key password: `privateKey(alias:password:)` returns the key or throws `.wrongPassword`.
/// - Change (mutating, nothing written): `generateKeyPair`, `certificateSigningRequest`, `importCAReply`,
///   `importTrustedCertificate` (says "already present as alias X"), `delete`, `rename`, `unlockKey`,
///   `changeKeyPassword`, `changeStorePassword`; `Certificate.pemString`/`derBytes`/`publicKeyPEMString()`
///   export; `CertificateComparison(left, right)` compares two certificates field by field.
/// - Write: `serialized(format:password:)`, also to convert (JKS <-> PKCS #12, PEM).
/// ServerHome's `Home` plans the file writes (`planKeystoreWrite`) and lists the home's keystores.
public struct Keystore: Sendable {
    /// The format the store was read in, and is written in by default.
    public var format: KeystoreFormat
    /// The entries, in file order.
    public internal(set) var entries: [Entry]
    /// Contents of the file this type does not model (secret keys, CRLs, loose certificates): writing drops them.
    public internal(set) var skippedContents: [String] = []
    /// The password the store was opened with: checks the passwords of keys that have none of their own.
    var storePassword: Secret?

    /// An empty store of `format`.
    public init(format: KeystoreFormat, entries: [Entry] = []) {
        self.format = format
        self.entries = entries
    }

    /// The entry named `alias` (compared case-insensitively, as keytool does).
    public func entry(alias: String) -> Entry? {
        entries.first { $0.alias.lowercased() == alias.lowercased() }
    }

    /// The key of entry `alias` if `password` opens it: the tool validation uses for a policy's key alias.
    public func privateKey(alias: String, password: Secret) throws -> PrivateKey {
        guard let entry = entry(alias: alias) else { throw KeyMaterialError.invalidArgument("no entry named \(alias)") }
        switch entry.keyState {
        case .none:
            throw KeyMaterialError.invalidArgument("\(entry.alias) is a trusted certificate, without a private key")
        case .locked(let locked):
            do { return try locked.recover(password) } catch let error as KeyMaterialError where error.code == .wrongPassword {
                throw KeyMaterialError.wrongPassword("the key password of \(entry.alias) is incorrect", fix: KeyMaterialError.keyPasswordFix)
            }
        case .open(let key, let own):
            guard let expected = own ?? storePassword, expected.isEqual(to: password) else {
                throw KeyMaterialError.wrongPassword("the key password of \(entry.alias) is incorrect", fix: KeyMaterialError.keyPasswordFix)
            }
            return key
        }
    }

    func index(of alias: String) throws -> Int {
        guard let index = entries.firstIndex(where: { $0.alias.lowercased() == alias.lowercased() }) else {
            throw KeyMaterialError.invalidArgument("no entry named \(PrintableText.escaped(alias)) (entries: \(entries.map { PrintableText.escaped($0.alias) }.joined(separator: ", ")))")
        }
        return index
    }
}
