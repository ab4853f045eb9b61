import Testing
@testable import ConsoleUI

/// A form's text field is a line editor: the cursor moves, typing and pasting go in at it, and the delete keys work
/// around it, in whole characters. Fields only took keys at their end: a long LDAP URL had to be typed again to fix a
/// letter near its start.
@Suite struct LineEditorTests {
    func form(_ initial: String = "", width: Int = 80) -> Form {
        Form(title: "LDAP", fields: [.text("url", "URL", initial: initial), .secret("pw", "Password", required: false),
                                     .choice("tls", "TLS", options: ["off", "on"])]) { _ in .handled }
    }

    func press(_ keys: Key..., in form: Form) { keys.forEach { _ = form.handle($0) } }

    func type(_ text: String, into form: Form) { text.forEach { _ = form.handle(.char($0)) } }

    func value(_ form: Form) -> String { form.values.text("url") }

    @Test func typingGoesInAtTheCursor() {
        let form = form("ldap://host/dc=com")
        press(.left, .left, .left, .left, .left, .left, in: form)
        type("dc=example,", into: form)
        #expect(value(form) == "ldap://host/dc=example,dc=com")
        press(.home, in: form)
        type("x", into: form)
        press(.end, in: form)
        type("!", into: form)
        press(.ctrl("a"), .right, in: form)
        type("y", into: form)
        press(.ctrl("e"), .left, in: form)
        type("z", into: form)
        #expect(value(form) == "xyldap://host/dc=example,dc=comz!")
        // Moves are the field's, never the global keys'; Left and Right keep their jobs on a choice and the buttons.
        for key: Key in [.home, .end, .ctrl("a"), .ctrl("e"), .left, .right] {
            guard case .redraw = form.handle(key) else { Issue.record("\(key) must move the cursor"); return }
        }
        press(.tab, .tab, .right, in: form)
        #expect(form.values.choiceLabel("tls") == "on")
        press(.tab, .right, in: form)
        #expect(form.focus == 4)
        press(.left, in: form)
        #expect(form.focus == 3)
    }

    @Test func deleteKeysWorkAroundTheCursor() {
        let form = form("ldaps://host:636")
        press(.home, .delete, in: form)                     // at the cursor
        #expect(value(form) == "daps://host:636")
        press(.right, .right, .right, .right, .backspace, in: form)    // before it
        #expect(value(form) == "dap://host:636")
        press(.ctrl("k"), in: form)                         // to the end
        #expect(value(form) == "dap")
        press(.end, .delete, in: form)                      // nothing at the end
        #expect(value(form) == "dap")
        press(.home, .backspace, in: form)                  // nothing before the start
        #expect(value(form) == "dap")
        press(.ctrl("u"), in: form)
        #expect(value(form).isEmpty)
        // A password has no cursor, which would show where in it typing goes: the moves, and the deletes that would act
        // on an unseen part, do nothing; typing stays at its end.
        press(.tab, in: form)
        type("abc", into: form)
        press(.left, .home, .ctrl("a"), .delete, .ctrl("w"), .ctrl("k"), in: form)
        type("d", into: form)
        #expect(form.values.withSecret("pw") { Array($0) } == Array("abcd".utf8))
    }

    /// Ctrl-W stops at the punctuation of a DN or path: it takes "com", then "dc=", not the whole value.
    @Test func ctrlWDeletesTheWordBeforeTheCursor() {
        let form = form("ou=people,dc=example,dc=com")
        press(.ctrl("w"), in: form)
        #expect(value(form) == "ou=people,dc=example,dc=")
        press(.ctrl("w"), in: form)
        #expect(value(form) == "ou=people,dc=example,")
        press(.home, .right, .right, .right, .ctrl("w"), in: form)    // in the middle: what is after the cursor stays
        #expect(value(form) == "people,dc=example,")
    }

    /// The cursor steps over a character, never into it: "é" as e + U+0301, a flag and a family emoji are one each.
    @Test func editsNeverSplitACharacter() {
        let composed = "e\u{301}"
        let form = form("a\(composed)🇳🇱👨‍👩‍👧b")
        press(.left, .left, .backspace, in: form)
        #expect(value(form) == "a\(composed)👨‍👩‍👧b")
        press(.left, .delete, in: form)
        #expect(value(form) == "a👨‍👩‍👧b")
        press(.right, in: form)
        type("x", into: form)
        #expect(value(form) == "a👨‍👩‍👧xb")
        // A combining mark typed after "e" joins it: the cursor stays after the one character they make.
        press(.home, in: form)
        type("e", into: form)
        _ = form.handle(.char(Character("\u{301}")))
        type("z", into: form)
        #expect(value(form) == "\(composed)za👨‍👩‍👧xb")
    }

    @Test func aPasteGoesInAtTheCursorWithinTheLimit() {
        let form = form("ldap://:389")
        press(.left, .left, .left, .left, in: form)
        _ = form.paste(Paste("directory.example.com\nmore"))
        #expect(value(form) == "ldap://directory.example.com:389")
        type("s", into: form)    // the cursor is after what was pasted
        #expect(value(form) == "ldap://directory.example.coms:389")
        let full = Form(title: "F", fields: [.text("url", "URL", initial: String(repeating: "a", count: FormField.maxLength - 2))]) { _ in .handled }
        press(.home, in: full)
        _ = full.paste(Paste("xyz"))
        type("q", into: full)
        #expect(full.values.text("url").hasPrefix("xya") && full.values.text("url").count == FormField.maxLength)
    }
}
