import Foundation
import KeyMaterial

/// A keystore file of the home: one the settings name (the service keystore, the truststore, the self-test client's,
/// others), or one found in the home's keystore folders.
public struct HomeKeystore: Sendable, Equatable {
    public enum Role: String, Sendable, Codable {
        /// Holds the service's key pair (`[service] keystore`; MI's primary keystore).
        case keystore
        /// Holds the certificates the service trusts (`[service] truststore`; MI's client-truststore).
        case truststore
        /// The self-test's client keystore (`[client] keystore`, set by `client set --keystore`), inside the home or not.
        case client
        /// Named in the settings for something else.
        case configured
        /// Found in one of ``HomeKeystore/folders``, not named in the settings.
        case found
    }

    /// The settings' name ("service", "primary", "truststore"), or the file name for found files.
    public let name: String
    /// Relative to the home root.
    public let path: String
    public let role: Role
    /// The key alias the settings name for it, if any.
    public let alias: String?
    /// The format its content shows; `.unknown` when it is missing or unreadable.
    public let format: KeystoreFormat
    public let exists: Bool
    /// Where the settings say its password is; nil when they do not know it.
    let password: ConsoleSettings.PasswordSource?

    /// The settings say where its password is (inline, environment, file).
    public var hasConfiguredPassword: Bool {
        switch password {
        case .inline, .environment, .file: true
        default: false
        }
    }
}

extension HomeKeystore {
    /// Folders (relative to the root) whose keystore files are listed even when no setting names them; wssconsole/
    /// is wssconsole's own folder on a Micro Integrator home, where the README makes the self-test client's keystore.
    static let folders = ["keystores", "repository/resources/security", "wssconsole"]
}
