import CKerberos
import Foundation
import KeyMaterial

/// Loads a krb5.conf with MIT libkrb5 itself, so "valid" means what the Kerberos library will accept,
/// plus the structural problems libkrb5 lets through silently (see `Krb5Document.problems`).
public enum Krb5ProfileCheck {
    /// What libkrb5 read from a valid file.
    public struct Report: Sendable, Hashable {
        /// The file that was read.
        public let path: String
        /// `[libdefaults] default_realm`, or nil when the file sets none.
        public let defaultRealm: String?
        /// The realm names of the `[realms]` section, in file order.
        public let realms: [String]
    }

    /// Parses `path` with libkrb5's profile library and initialises a context from it.
    public static func load(path: String) -> Result<Report, KerberosConfigError> {
        guard FileManager.default.isReadableFile(atPath: path) else {
            return .failure(.fileNotFound("\(path) does not exist or cannot be read"))
        }
        var profile: profile_t?
        // profile_init takes a list, unlike profile_init_path, which would split a path at ':'.
        let opened: Int = path.withCString { file in
            var files: [UnsafePointer<CChar>?] = [file, nil]
            return files.withUnsafeMutableBufferPointer { profile_init($0.baseAddress, &profile) }
        }
        guard opened == 0, let profile else {
            return .failure(profileFailure(opened, path: path))
        }
        defer { profile_release(profile) }
        // libkrb5 accepted the file; now refuse what it accepts but an operator surely did not mean.
        guard let data = FileBytes.read(path) else {
            return .failure(.fileNotFound("\(path) cannot be read"))
        }
        if let problem = Krb5Document(bytes: [UInt8](data)).problems.first {
            return .failure(.syntaxError("\(path): line \(problem.line): \(problem.message)"))
        }

        var context: krb5_context?
        let initialised = krb5_init_context_profile(profile, 0, &context)
        guard initialised == 0, let context else {
            return .failure(.libraryFailure("\(path): \(message(nil, Int(initialised)))"))
        }
        defer { krb5_free_context(context) }

        var realm: UnsafeMutablePointer<CChar>?
        var defaultRealm: String?
        if krb5_get_default_realm(context, &realm) == 0, let realm {
            defaultRealm = String(cString: realm)
            krb5_free_default_realm(context, realm)
        }
        return .success(Report(path: path, defaultRealm: defaultRealm, realms: realmNames(profile)))
    }

    private static func realmNames(_ profile: profile_t) -> [String] {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let rc: Int = "realms".withCString { section in
            var names: [UnsafePointer<CChar>?] = [section, nil]
            return names.withUnsafeMutableBufferPointer { profile_get_subsection_names(profile, $0.baseAddress, &list) }
        }
        guard rc == 0, let list else { return [] }
        defer { profile_free_list(list) }
        var result: [String] = []
        var index = 0
        while let name = list[index] {
            result.append(String(cString: name))
            index += 1
        }
        return result
    }

    private static func profileFailure(_ code: Int, path: String) -> KerberosConfigError {
        let text = message(nil, code)
        if code == Int(ENOENT) || code == Int(EACCES) {
            return .fileNotFound("\(path): \(text)")
        }
        return .syntaxError("\(path): \(text)")
    }

    /// libkrb5's text for `code` (krb5, profile and com_err tables all included).
    static func message(_ context: krb5_context?, _ code: Int) -> String {
        guard let text = krb5_get_error_message(context, krb5_error_code(truncatingIfNeeded: code)) else {
            return "Kerberos error \(code)"
        }
        defer { krb5_free_error_message(context, text) }
        return String(cString: text)
    }
}
