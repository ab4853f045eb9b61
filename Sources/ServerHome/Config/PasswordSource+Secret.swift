import Foundation
import KeyMaterial

extension ConsoleSettings.PasswordSource {
    /// The password as a `Secret`, or a sentence saying why it is not available (never the password itself).
    func resolve(homeRoot: String) -> Result<Secret, HomeError> {
        switch self {
        case .inline(let text):
            return .success(Secret(text))
        case .environment(let name):
            guard let value = ProcessInfo.processInfo.environment[name] else {
                return .failure(HomeError(.homeUnreadable, "The environment variable \(name) holding the password is not set",
                                          fix: "export \(name)=... before starting wssconsole."))
            }
            return .success(Secret(value))
        case .file(let path):
            let full = path.hasPrefix("/") ? path : FileSystem.join(homeRoot, path)
            guard let bytes = FileSystem.read(full) else {
                return .failure(HomeError(.homeUnreadable, "Cannot read the password file \(path)", fix: "Create it with mode 0600."))
            }
            // A trailing newline is not part of the password (echo and editors add one).
            let trimmed = bytes.last == UInt8(ascii: "\n") ? Array(bytes.dropLast()) : bytes
            return .success(Secret(bytes: trimmed))
        case .unavailable(let reason):
            return .failure(HomeError(.homeUnreadable, reason, fix: "Give wssconsole the password through an environment variable ($env{NAME})."))
        case .deploymentReference(let keystore, let reference, let why):
            return .failure(HomeError(.homeUnreadable, "The \(keystore) keystore's password in conf/deployment.toml (\(reference)) cannot be "
                                      + "resolved here: \(why)", fix: Self.settingsFix(homeRoot: homeRoot, unavailable: true)))
        case .none:
            return .failure(HomeError(.homeUnreadable, "No password is configured for the keystore",
                                      fix: Self.settingsFix(homeRoot: homeRoot, unavailable: false)))
        }
    }

    /// Where to give wssconsole a password: the home's settings file (wssconsole/console.toml on a Micro Integrator
    /// home, whose own deployment.toml may keep the password in the secure vault).
    private static func settingsFix(homeRoot: String, unavailable: Bool) -> String {
        guard HomeLayout.detect(root: homeRoot) == .microIntegrator else {
            return "Set password_env or password_file in \(HomeLayout.native.settingsPath)."
        }
        return "Give wssconsole the password in \(HomeLayout.microIntegrator.settingsPath): password_env = \"NAME\" (or password_file) under "
            + "the keystore's table ([keystore.primary], [keystore.truststore], or the one [client] names)" + (unavailable ? "; deployment.toml keeps its reference." : ".")
    }
}

extension ConsoleSettings.PasswordSource {
    /// Whether the settings write the password itself.
    var isInline: Bool { if case .inline = self { true } else { false } }

    /// Where the password comes from, in words, for listings (never the password).
    public var origin: String {
        switch self {
        case .inline: "written in the settings"
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "file \(path)"
        case .deploymentReference(_, let reference, _): "\(reference) in conf/deployment.toml, not resolvable here"
        case .unavailable(let reason): "unavailable: \(reason)"
        case .none: "none"
        }
    }
}
