import KeyMaterial

/// What a new user, role or password of the embedded store must be: WSO2's user stores' default rules
/// (UsernameJavaRegEx and RolenameJavaRegEx `^[\S]{3,30}$`, PasswordJavaRegEx `^[\S]{5,30}$`), so that what works
/// here works when the users move to a WSO2 store; but a password may be as long as 128 characters: a cap of 30 only
/// turns long passphrases away (NIST SP 800-63B asks for 64 at least), and moving stores sets passwords again anyway. A role has no comma either: Micro Integrator splits the allowed
/// roles at commas, so no policy could name it. Every other character is escaped in the store file and in LDAP
/// filters. Only what is added or set is checked: users and roles already in a store are read as they are.
extension Home {
    /// What a name is of, in messages.
    public enum StoreName: String, Sendable {
        case user, role
    }

    /// The lengths accepted, in characters: WSO2's default rules', but for the longest password.
    public static let storeNameLength = 3...30
    public static let storePasswordLength = 5...128

    /// Why `name` cannot name a new user or role, or nil; the message starts with what is wrong ("has a blank").
    public static func newNameProblem(_ name: String, of kind: StoreName) -> String? {
        let rule = "WSO2's user stores take \(storeNameLength.lowerBound) to \(storeNameLength.upperBound) characters "
            + "without blanks (\(kind == .user ? "UsernameJavaRegEx" : "RolenameJavaRegEx") ^[\\S]{3,30}$)"
        if name.isEmpty { return "is empty: \(rule)" }
        if let problem = characterProblem(name) { return "\(problem): \(rule)" }
        if kind == .role, name.contains(",") {
            return "has a comma: Micro Integrator splits a policy's allowed roles at commas, so no policy could allow it"
        }
        let count = name.unicodeScalars.count
        if count < storeNameLength.lowerBound { return "is shorter than \(storeNameLength.lowerBound) characters: \(rule)" }
        if count > storeNameLength.upperBound { return "is longer than \(storeNameLength.upperBound) characters: \(rule)" }
        return nil
    }

    /// Why `password` cannot be set, or nil. The message never holds the password, nor its length.
    public static func newPasswordProblem(_ password: Secret) -> String? {
        let rule = "passwords take \(storePasswordLength.lowerBound) to \(storePasswordLength.upperBound) characters without blanks "
            + "(WSO2's PasswordJavaRegEx ^[\\S]{5,30}$, longer passphrases allowed)"
        let text = password.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        if let problem = characterProblem(text) { return "\(problem): \(rule)" }
        let count = text.unicodeScalars.count
        if count < storePasswordLength.lowerBound { return "is shorter than \(storePasswordLength.lowerBound) characters: \(rule)" }
        if count > storePasswordLength.upperBound { return "is longer than \(storePasswordLength.upperBound) characters: \(rule)" }
        return nil
    }

    /// Refuses a new user's or role's name by `newNameProblem`, naming it and what to do.
    public static func checkNewName(_ name: String, of kind: StoreName) throws(HomeError) {
        guard let problem = newNameProblem(name, of: kind) else { return }
        throw HomeError(.userStoreRefused, "The \(kind.rawValue) name \(name.debugDescription) \(problem)",
                        fix: "Choose another name: 3 to 30 characters, no blanks" + (kind == .role ? ", no commas." : "."))
    }

    /// Refuses a password by `newPasswordProblem`.
    public static func checkNewPassword(_ password: Secret, of user: String) throws(HomeError) {
        guard let problem = newPasswordProblem(password) else { return }
        throw HomeError(.userStoreRefused, "The password for \(user.debugDescription) \(problem)",
                        fix: "Give a password of \(storePasswordLength.lowerBound) to \(storePasswordLength.upperBound) characters without blanks.")
    }

    /// A blank (any space or line break: Java's \S refuses the ASCII ones) or a character no client could send.
    private static func characterProblem(_ text: String) -> String? {
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { return "has a blank" }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "has a control character" }
        return nil
    }
}
