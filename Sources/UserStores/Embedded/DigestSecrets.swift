import Foundation
import KeyMaterial

/// The clear passwords of the embedded store's users enabled for UsernameToken PasswordDigest.
///
/// A digest is SHA-1(nonce + created + password), so checking one needs the password itself; a slow salted
/// hash cannot help. These secrets are therefore kept apart from the store file, in a file of their own that
/// wssconsole writes owner-only (0600), only for users enabled one by one. File format, one user a line:
/// `user=BASE64(name) password=BASE64(password)`; lines starting with `#` are comments. Both fields are Base64 so
/// no name can break the line, and every line holds the word "password", which the change diff masks.
public struct DigestSecrets: Sendable {
    private var secrets: [String: Secret] = [:]

    /// No secrets.
    public init() {}

    /// Reads a secrets file; a malformed line is refused rather than skipped.
    public init(data: Data) throws(UserStoresError) {
        let text = String(decoding: data, as: UTF8.self)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[0].hasPrefix("user="), parts[1].hasPrefix("password="),
                  let name = Data(base64Encoded: String(parts[0].dropFirst(5))).flatMap({ String(data: $0, encoding: .utf8) }),
                  !name.isEmpty, let bytes = Data(base64Encoded: String(parts[1].dropFirst(9)))
            else { throw .malformedStore("digest secrets line \(number + 1) is not user=BASE64 password=BASE64") }
            secrets[name] = Secret(bytes: bytes)
        }
    }

    /// The users who have a secret, sorted.
    public var users: [String] { secrets.keys.sorted() }

    /// The secret kept for `user`; setting nil forgets it.
    public subscript(user: String) -> Secret? {
        get { secrets[user] }
        set { secrets[user] = newValue }
    }

    /// The file bytes, users sorted by name. Write them with mode 0600.
    public func serialized() -> Data {
        var out = Data("""
            # wssconsole PasswordDigest secrets: the CLEAR passwords of the users enabled for UsernameToken PasswordDigest.
            # Keep this file owner-only (0600) and out of backups you would not trust with passwords.
            # Disable a user with: wssconsole users set-password NAME --no-digest (or remove the line).

            """.utf8)
        for user in users {
            out.append(Data("user=\(Data(user.utf8).base64EncodedString()) password=".utf8))
            secrets[user]!.withUnsafeBytes { out.append(Data($0).base64EncodedData()) }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}
