import WSSecurity

/// The files holding the secrets a policy uses, readable by the host's other users: the keystores with the private
/// keys it signs or decrypts with, the password files, the settings files that write a password in clear, the
/// policy file when it keeps a password, the embedded store's password hashes and its PasswordDigest passwords.
/// Demo keystores and a demo home's settings file are left out: their passwords are published, and `keystore.demo`
/// already says so (a demo store is written 0600 and gets an operator's own users).
struct SecretFileChecks {
    let home: Home
    let settings: ConsoleSettings
    let service: Service
    /// The policy checked: the one the service's policy file holds, or (validating a scenario before applying it)
    /// the one applying would write there, which keeps the Kerberos password the file holds.
    let policy: SecurityPolicy

    /// One secret file: what it holds, for the message.
    private struct SecretFile {
        let path: String
        let holds: String
    }

    func findings(for needs: PolicyNeeds) -> [Finding] {
        var files: [SecretFile] = []
        if needs.requirements.contains(.serviceKeyPair) {
            if let service = settings.serviceKeystoreSettings { files += keystoreFiles(service, keys: "the service's private key") }
            if let trust = settings.trustKeystoreSettings, trust.name != settings.serviceKeystore, needs.requirements.contains(.trustedClients) {
                files += keystoreFiles(trust, keys: nil)
            }
            if let client = settings.client?.keystore { files += keystoreFiles(client, keys: "the self-test client's private key") }
        }
        if let client = settings.client {
            // A demo home's client user is published with the demo.
            let settingsFile = settings.demo ? nil : home.layout.settingsPath
            if needs.requirements.contains(.userStore) { files += passwordFiles(client.password, of: "the self-test user's", clearIn: settingsFile) }
            if needs.requirements.contains(.kerberos) {
                files += passwordFiles(client.kerberosPassword, of: "the self-test client's Kerberos", clearIn: settingsFile)
            }
        }
        // Only a file the home can name: a policy in a .car, or under an unknown registry prefix, is not one.
        if let property = policy.passwordProperty, let key = service.security.policyKey,
           let path = try? home.layout.policyPath(forKey: key, root: home.root) {
            files.append(SecretFile(path: path, holds: "a password in clear (\(property))"))
        }
        if needs.requirements.contains(.userStore), settings.userStoreType == "embedded" {
            // The store's hashes are salted, but a copy can be guessed at offline, as fast as the guesser's hardware.
            if let store = settings.userStoreFile { files.append(SecretFile(path: store, holds: "user password hashes")) }
            if let digest = settings.embeddedDigestFile {
                files.append(SecretFile(path: digest, holds: "user passwords in clear (those allowed PasswordDigest)"))
            }
        }
        var seen: Set<String> = []
        if needs.requirements.contains(.userStore), settings.userStoreType.hasSuffix("_ldap") || settings.userStoreType == "ldap", let ldap = settings.ldap {
            files += passwordFiles(ldap.password, of: "the LDAP bind", clearIn: nil)
            // The file that writes it in clear is userstore.ldap.passwordExposed's.
            if ldap.password.isInline { seen.insert(FileSystem.absolute(home.fullPath(ldap.file))) }
        }
        return files.compactMap { file in
            guard seen.insert(FileSystem.absolute(home.fullPath(file.path))).inserted,
                  let exposed = home.readableByOthers(file.path, holding: file.holds) else { return nil }
            return Finding(.warning, "file.readableByOthers", exposed.message, fix: exposed.fix)
        }
    }

    /// A keystore's file when it holds private keys (`keys` says whose), and the files holding its passwords.
    private func keystoreFiles(_ keystore: ConsoleSettings.Keystore, keys: String?) -> [SecretFile] {
        guard !keystore.demo else { return [] }
        let name = keystore.name
        return (keys.map { [SecretFile(path: keystore.file, holds: $0)] } ?? [])
            + passwordFiles(keystore.password, of: "the \(name) keystore's", clearIn: nil)
            + passwordFiles(keystore.keyPassword, of: "the \(name) keystore's key", clearIn: nil)
            + keystore.clearPasswordFiles.map { SecretFile(path: $0, holds: "the \(name) keystore's password in clear") }
    }

    /// The file a password is read from, or `clearIn`, the settings file that writes it in clear.
    private func passwordFiles(_ source: ConsoleSettings.PasswordSource, of whose: String, clearIn settingsFile: String?) -> [SecretFile] {
        switch source {
        case .file(let path): [SecretFile(path: path, holds: "\(whose) password")]
        case .inline: settingsFile.map { [SecretFile(path: $0, holds: "\(whose) password in clear")] } ?? []
        default: []
        }
    }
}

extension Home {
    /// `path` (relative to the home), which holds `what`, when group or others may read it: in words, with the fix.
    func readableByOthers(_ path: String, holding what: String) -> (message: String, fix: String)? {
        let full = FileSystem.absolute(fullPath(path))
        guard let mode = FileSystem.mode(of: full), mode & 0o044 != 0 else { return nil }
        return ("\(path) holds \(what) and other users can read it (mode \(String(mode, radix: 8)))", "chmod 600 \(Home.shellWord(full))")
    }
}
