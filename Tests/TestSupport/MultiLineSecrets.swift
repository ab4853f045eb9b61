/// Settings whose secrets run over several lines, for the tests that prove no diff shows them: in the demo home's
/// `[client]`, the password becomes a basic string over two lines (the same password: a line-ending backslash joins
/// them) and a Kerberos password a literal one, both in the context of a change of the user.
public enum MultiLineSecrets {
    /// Lines that must never be shown.
    public static let lines = ["kerb-literal-one", "kerb-literal-two'''", "alice-\\", "demo-pass\"\"\""]

    /// The demo settings `text` with those secrets; the text unchanged when it has no demo client.
    public static func client(in text: String) -> String {
        text.replacingOccurrences(of: "user = \"alice\"\npassword = \"alice-demo-pass\"\n", with: """
            kerberos_password = '''
            kerb-literal-one
            kerb-literal-two'''
            user = "alice"
            password = \"\"\"
            alice-\\
              demo-pass\"\"\"

            """)
    }
}
