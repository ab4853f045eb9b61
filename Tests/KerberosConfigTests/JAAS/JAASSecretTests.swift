import KerberosConfig
import Testing

/// `JAASDocument.linesHidingSecrets`: what a diff or a history entry shows of a jaas.conf's secrets.
@Suite struct JAASSecretTests {
    static let mask = "\"********\""

    /// A secret option in a comment is masked as one in a module: Java skips it, but it is an old password or a module
    /// commented out for a while. Block comments (also over several lines, or never closed), `//` comments, the rest of
    /// a line after a lone `/` (an unquoted path) and comments inside comments.
    @Test(arguments: [
        ("A { x required; /* secret=\"Hunt3r\" */ };",
         [0: "A { x required; /* secret=\(mask) */ };"]),
        ("A { x required;\n// com.example.Vault optional storepass=Hunt3r clientPwd=\"Hunt3r\";\n};",
         [1: "// com.example.Vault optional storepass=\(mask) clientPwd=\(mask);"]),
        ("/* old:\n   x optional\n      storepass=\"Hunt3r\"\n      keyStorePassword=Hunt3r; */\nA { x required; };",
         [2: "      storepass=\(mask)", 3: "      keyStorePassword=\(mask); */"]),
        ("A { x required keyTab=/etc/k storepass=Hunt3r; };",
         [0: "A { x required keyTab=/etc/k storepass=\(mask); };"]),
        ("A { x required; };\n/* never closed\n  secret=Hunt3r",
         [2: "  secret=\(mask)"]),
        ("A { x required; }; /* was: // storepass=Hunt3r */",
         [0: "A { x required; }; /* was: // storepass=\(mask) */"]),
    ])
    func aSecretInACommentIsMasked(text: String, shown: [Int: String]) {
        let lines = JAASDocument(text: text).linesHidingSecrets(mask: Self.mask)
        #expect(lines == shown)
        #expect(!lines.values.contains { $0.contains("Hunt3r") })
    }

    /// Comments nested a hundred thousand deep are read a few levels down: no stack overflow, and still masked there.
    @Test func deeplyNestedCommentsEnd() {
        let text = "A { x required; }; /* // storepass=Hunt3r " + String(repeating: "/* ", count: 100_000) + "*/"
        let lines = JAASDocument(text: text).linesHidingSecrets(mask: Self.mask)
        #expect(lines[0]?.contains("storepass=\(Self.mask)") == true)
        #expect(!lines.values.contains { $0.contains("Hunt3r") })
    }

    /// A comment that sets no secret stays readable: words about a password, a boolean storePass.
    @Test func aCommentWithoutASecretStaysAsWritten() {
        let text = "/* The client side (password given by the caller). */\nA { x required; // storePass=true\n};"
        #expect(JAASDocument(text: text).linesHidingSecrets(mask: Self.mask).isEmpty)
    }
}
